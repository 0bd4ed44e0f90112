import { startStack, type Stack } from '../helpers/startStack';

/**
 * FERRY_SYNC_BUDGET_MS is the one deadline of a command: every answer leaves within it plus a second,
 * whatever Graph does. Here Graph's delta pages take 2.3 s and 6 s in turn (each under the default
 * 10 s attempt timeout, so only the deadline can cut them) against a 4 s budget: an answer carries the
 * pages in hand with `more: true`, or, with none, is `503 upstream_unavailable` with Retry-After; and
 * the device still converges to the folder.
 */
const budgetInMs = 4000;
const slackInMs = 1000;

describe('the time budget (FERRY_SYNC_BUDGET_MS)', () => {
  let stack: Stack;
  const upn = 'bob@contoso.test';

  beforeAll(async () => {
    stack = await startStack({
      sim: { latencyScheduleInMs: { operation: 'messages.delta', delaysInMs: [2300, 6000] } },
      env: { FERRY_SYNC_BUDGET_MS: String(budgetInMs) },
    });
  });
  afterAll(() => stack.close());

  it('answers every call within the budget plus 1 s when Graph pages take 2.3 s and 6 s in turn, and converges', async () => {
    const token = await stack.token(upn);
    const inboxId: string = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id;
    const expected = new Set(stack.sim.state.mailbox(upn)!.messages(inboxId).map((message) => String(message.id)));
    const seen = new Set<string>();
    const statuses: number[] = [];
    let state: string | undefined;
    for (let call = 0; call < 30; call++) {
      const startedAt = Date.now();
      const answer = await stack.call('mail/sync', { folderId: inboxId, window: 10, ...(state ? { state } : {}) }, token);
      expect(Date.now() - startedAt).toBeLessThanOrEqual(budgetInMs + slackInMs);
      statuses.push(answer.status);
      if (answer.status === 503) {
        expect(answer.body.code).toBe('upstream_unavailable');
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        continue;
      }
      expect(answer.status).toBe(200);
      for (const message of answer.body.upserts) seen.add(message.id);
      state = answer.body.state;
      if (!answer.body.more) break;
    }
    expect(seen).toEqual(expected);
    // The slow pages were cut by the deadline, not waited for: some answers came back early with
    // `more: true` or as 503, which a 10 s attempt timeout alone would never give.
    expect(statuses.length).toBeGreaterThan(Math.ceil(expected.size / 10));
  });
});
