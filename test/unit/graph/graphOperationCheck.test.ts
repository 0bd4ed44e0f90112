import { devApps } from '../../../dev/directory';
import type { RecordedSimRequest } from '../../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary, graphRequestProblem } from '../../helpers/graphOperationCheck';

const recorded = (extra: Partial<RecordedSimRequest>): RecordedSimRequest => ({
  method: 'GET',
  path: '/me/mailFolders/delta',
  query: [['$select', 'id']],
  baseUrl: 'http://127.0.0.1:1',
  target: 'request',
  oid: 'a11ce000-0000-4000-8000-0000000a11ce',
  azp: devApps.ferryClientId,
  immutableIds: true,
  ...extra,
});

/**
 * The check the fuzz, e2e and chaos suites run on what the simulator recorded: Ferry's requests must
 * each ask for immutable ids (https://learn.microsoft.com/graph/outlook-immutable-id: the header "only
 * applies to the request it is included with"); a test's own calls to the simulator are not Ferry's.
 */
describe('graphOperationCheck: Prefer IdType on each of Ferry\'s requests', () => {
  it('passes a request of the operation table that asked for immutable ids', () => {
    expect(graphRequestProblem(recorded({}))).toBeUndefined();
  });

  it.each([
    ['request', {}],
    ['$batch item', { target: 'batchItem' as const }],
    ['followed link', { query: [['$deltatoken', 'x']] as Array<[string, string]> }],
  ])('fails a %s of Ferry\'s without it', (kind, extra) => {
    expect(graphRequestProblem(recorded({ ...extra, immutableIds: false }))).toBe(`GET /me/mailFolders/delta (${kind}): no Prefer IdType="ImmutableId"`);
  });

  it('leaves a test\'s own calls alone, and counts Ferry\'s by kind', () => {
    const own = recorded({ azp: devApps.deviceClientId, immutableIds: false });
    expect(graphRequestProblem(own)).toBeUndefined();
    const summary = ferryRequestSummary([own, recorded({}), recorded({ target: 'batchItem' }), recorded({ query: [['$skiptoken', 'y']], immutableIds: false })]);
    expect(summary.kinds).toEqual({ request: 1, '$batch item': 1, 'followed link': 1 });
    expect(summary.problems).toEqual(['GET /me/mailFolders/delta (followed link): no Prefer IdType="ImmutableId"']);
  });
});
