import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';
import { toDevicePeople } from '../../shared/translate/toDevicePeople';

/**
 * people/search over the whole stack: recipient suggestions from `/me/people` (contract:
 * test/contract/people.test.ts), one entry per address, each user's own people only, and `forbidden`
 * for a user whose token lacks People.Read (dev user dave declined it).
 */
describe('people/search', () => {
  let stack: Stack;
  const alice = 'alice@contoso.test';
  beforeAll(async () => {
    stack = await startStack();
    for (let i = 0; i < 3; i++) stack.sim.state.simulateArrival(alice, { from: { name: 'Quentin Marsh', address: 'quentin@fabrikam.test' } });
    stack.sim.state.simulateArrival(alice, { from: { name: 'Quella Stone', address: 'qstone@fabrikam.test' } });
    requestRecorder.start();
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });
  const search = async (body: unknown, upn = alice) => stack.call('people/search', body, await stack.token(upn));

  it('suggests by the prefix of a name and of an address, in Graph order, within limit', async () => {
    const byName = await search({ text: 'Que' });
    expect(byName.status).toBe(200);
    expect(byName.body.people).toEqual([
      { name: 'Quentin Marsh', address: 'quentin@fabrikam.test' },
      { name: 'Quella Stone', address: 'qstone@fabrikam.test' },
    ]);
    expect((await search({ text: 'qsto' })).body.people).toEqual([{ name: 'Quella Stone', address: 'qstone@fabrikam.test' }]);
    expect((await search({ text: 'que', limit: 1 })).body.people).toEqual([{ name: 'Quentin Marsh', address: 'quentin@fabrikam.test' }]);
    const recorded = requestRecorder.entries().filter((r) => r.path === '/me/people');
    expect(recorded.at(-1)!.query).toEqual(expect.arrayContaining([['$search', '"que"'], ['$top', '1'], ['$select', 'displayName,scoredEmailAddresses']]));
    expect(ferryRequestSummary(requestRecorder.entries()).problems).toEqual([]);
  });

  it("bob never sees alice's people", async () => {
    const answer = await search({ text: 'quentin' }, 'bob@contoso.test');
    expect([answer.status, answer.body.people]).toEqual([200, []]);
  });

  it('hostile text is a plain value; 400 only for length or nothing to search', async () => {
    for (const text of ['"que" OR "x"', 'que*', 'que\\"', "')", 'a\u0000b']) expect((await search({ text })).status).toBe(200);
    expect((await search({ text: 'q'.repeat(65) })).status).toBe(400);
    expect((await search({ text: '"*"' })).status).toBe(400);
  });

  it('without People.Read: 403 forbidden', async () => {
    const answer = await search({ text: 'que' }, 'dave@contoso.test');
    expect([answer.status, answer.body.code]).toEqual([403, 'forbidden']);
  });

  it('one entry per address: duplicates (case-insensitive) and people without an address left out', () => {
    expect(
      toDevicePeople([
        { displayName: 'Ann', scoredEmailAddresses: [{ address: 'ann@x.test' }, { address: 'ANN@x.test' }, { address: 'ann2@x.test' }] },
        { displayName: 'Nobody', scoredEmailAddresses: [] },
        { displayName: null, scoredEmailAddresses: [{ address: 'bare@x.test' }, { address: null }, null] },
        { displayName: 'Ann again', scoredEmailAddresses: [{ address: 'Ann@X.test' }] },
      ]),
    ).toEqual([
      { name: 'Ann', address: 'ann@x.test' },
      { name: 'Ann', address: 'ann2@x.test' },
      { name: 'bare@x.test', address: 'bare@x.test' },
    ]);
  });
});
