import { devApps } from '../../dev/directory';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * FERRY_GRAPH_TIMEOUT_MS reaches the Graph client through the runtime: Graph hangs on every request
 * (far longer than the jest timeout), Ferry gives up each attempt at 200 ms, tries an idempotent
 * request twice, and answers 503 with Retry-After instead of hanging or answering 500.
 */
describe('Graph request timeout', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      sim: {
        mailboxes: [{ user: 'alice@contoso.test', messageCount: 5, folderCount: 0 }],
        faults: {
          enabled: true,
          rate: 1,
          mix: { status429: 0, status503: 0, status504: 0, resetBeforeApply: 0, resetAfterApply: 0, cutBody: 0, dropMidBody: 0, hang: 1 },
          latency: { maxInMs: 0, slowShare: 0, slowMaxInMs: 0 },
          hangInMs: 60_000,
          clientId: devApps.ferryClientId,
        },
      },
      env: { FERRY_GRAPH_TIMEOUT_MS: '200', FERRY_GRAPH_WAIT_BUDGET_MS: '1000', FERRY_SYNC_BUDGET_MS: '2000' },
    });
  });
  afterAll(() => stack.close());

  it('answers 503 upstream_unavailable with Retry-After after one retry per request', async () => {
    const answer = await stack.call('folders/sync', {}, await stack.token());
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ code: 'upstream_unavailable', retryAfter: 1 });
    expect(answer.headers.get('retry-after')).toBe('1');
    const attempts = Object.values(stack.sim.faults.stats.snapshot().attempts);
    expect(attempts.length).toBeGreaterThan(0);
    for (const entry of attempts) expect(entry.outcomes).toEqual(['hang', 'hang']);
  }, 8000);
});
