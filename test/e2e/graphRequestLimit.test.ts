import { startStack, type Stack } from '../helpers/startStack';

/**
 * Outlook's request limit: "10,000 API requests in a 10 minute period" per app and mailbox
 * (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits). Past it Graph answers
 * 429 with a Retry-After far beyond Ferry's wait budget (up to the window's end). The device must get
 * `429 throttled` with that Retry-After at once: Ferry neither waits (FERRY_GRAPH_WAIT_BUDGET_MS) nor
 * repeats the request, and never answers 500. The simulator's window is scaled down to 4 requests per
 * hour for Ferry's app, so the fifth Graph request of a run is refused.
 */
const windowInMs = 60 * 60_000;
const waitBudgetInMs = 5000;

describe('Outlook request limit passed on to the device', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sim: { requestLimit: { count: 4, windowInMs } }, env: { FERRY_GRAPH_WAIT_BUDGET_MS: String(waitBudgetInMs) } });
  });
  afterAll(() => stack.close());

  it('answers 429 throttled with Retry-After to the window end right away, one Graph attempt, no 500', async () => {
    const token = await stack.token();
    const inbox = (await stack.graph('GET', '/me/mailFolders/inbox', 'alice@contoso.test')).body.id as string; // the test's own app: its own window
    const statuses: number[] = [];
    let state: string | undefined;
    let throttled: { status: number; headers: Headers; body: any } | undefined;
    for (let call = 0; call < 8 && !throttled; call++) {
      const answer = await stack.call('mail/sync', { folderId: inbox, window: 1, ...(state ? { state } : {}) }, token);
      statuses.push(answer.status);
      if (answer.status === 200) state = answer.body.state;
      else throttled = answer;
    }
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(throttled).toBeDefined();
    expect(throttled!.status).toBe(429);
    expect(throttled!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(throttled!.body.code).toBe('throttled');
    const retryAfter = Number(throttled!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(windowInMs / 1000 - 120);
    expect(retryAfter).toBeLessThanOrEqual(windowInMs / 1000);

    // The next command: one Graph attempt, refused, passed on without a wait.
    stack.sim.state.resetStats();
    const started = performance.now();
    const again = await stack.call('mail/sync', { folderId: inbox, window: 1, state }, token);
    const elapsedInMs = performance.now() - started;
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('throttled');
    expect(stack.sim.state.stats.throttled).toBe(1);
    expect(stack.sim.state.stats.operations).toBe(1);
    expect(elapsedInMs).toBeLessThan(waitBudgetInMs);
  });
});
