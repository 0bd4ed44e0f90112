import { startStack, type Stack } from '../helpers/startStack';

/**
 * A batch's parts share one command's time budget (FERRY_SYNC_BUDGET_MS, the one CommandContext): with
 * the inbox's delta pages taking 2.3 s and 6 s in turn against a 4 s budget (as in timeBudget.test.ts),
 * the slow mail/sync part answers what it has (`more: true`) or its own 503, while folders/sync and
 * calendar/list finish whole; the batch leaves within one command's budget plus a second, not the sum
 * of its parts'.
 */
const budgetInMs = 4000;
const slackInMs = 1000;

describe('batch: one time budget for every part', () => {
  let stack: Stack;
  const upn = 'bob@contoso.test';

  beforeAll(async () => {
    stack = await startStack({
      sim: { latencyScheduleInMs: { operation: 'messages.delta', delaysInMs: [2300, 6000] } },
      env: { FERRY_SYNC_BUDGET_MS: String(budgetInMs) },
    });
  });
  afterAll(() => stack.close());

  it('answers the slow part at the budget while the others finish, within one command\'s budget', async () => {
    const token = await stack.token(upn);
    const inboxId: string = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id;
    let state: string | undefined;
    const slowStatuses: number[] = [];
    for (let call = 0; call < 3; call++) {
      const startedAt = Date.now();
      const answer = await stack.call('batch', {
        requests: [
          { id: 'folders', command: 'folders/sync', body: {} },
          { id: 'inbox', command: 'mail/sync', body: { folderId: inboxId, window: 10, ...(state ? { state } : {}) } },
          { id: 'calendars', command: 'calendar/list', body: {} },
        ],
      }, token);
      expect(Date.now() - startedAt).toBeLessThanOrEqual(budgetInMs + slackInMs);
      expect(answer.status).toBe(200);
      const [folders, inbox, calendars] = answer.body.responses;
      expect([folders.status, folders.body.more ?? false, calendars.status]).toEqual([200, false, 200]);
      slowStatuses.push(inbox.status);
      if (inbox.status === 503) {
        expect([inbox.body.code, inbox.body.retryAfter > 0]).toEqual(['upstream_unavailable', true]);
        continue;
      }
      expect(inbox.status).toBe(200);
      // A first round of this inbox takes more than one slow page: cut by the budget, it says more.
      expect(inbox.body.more).toBe(true);
      state = inbox.body.state;
    }
    expect(slowStatuses.length).toBe(3);
  });
});
