import { toFerryError } from '../../shared/graph/graphErrors';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * Outlook's own throttling answers.
 * - Concurrency: "Outlook can execute up to 4 concurrent requests"
 *   (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits); the fifth gets
 *   `429 : {"error":{"code":"ApplicationThrottled","message":"Application is over its MailboxConcurrency limit."}}`
 *   (https://github.com/magodo/terraform-provider-outlook/issues/21): no innerError, unlike the generic
 *   throttled-429.json sample of the throttling page.
 * - Request and upload windows, per app and mailbox: "10,000 API requests in a 10 minute period" and
 *   "150 megabytes (MB) upload (PATCH, POST, PUT) in a 5 minute period" (same page); "Requests in a
 *   batch are evaluated individually against the applicable throttling limits"
 *   (https://learn.microsoft.com/graph/json-batching#batch-size-limitations). UNVERIFIED: their 429's
 *   message; the simulator answers `ApplicationThrottled` like the concurrency 429, with Retry-After to
 *   the window's end.
 * Ferry maps each to `429 throttled` with Graph's Retry-After (test/e2e/graphRequestLimit.test.ts runs
 * the request window through the whole stack).
 */
describe("Outlook's throttling answers", () => {
  let h: GraphSimHarness;
  afterEach(() => h.close());

  it('the fifth concurrent request: ApplicationThrottled, MailboxConcurrency, no innerError', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, latencyInMs: 300 });
    await h.get('/me'); // token signed, keys imported
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.get('/me/mailFolders/inbox')));
    const throttled = answers.find((a) => a.status === 429)!;
    expect(throttled.body).toEqual({ error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } });
    expect(throttled.headers.get('retry-after')).toBe('1');
  });

  it('past the request window: ApplicationThrottled with Retry-After to its end', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, requestLimit: { count: 2, windowInMs: 10 * 60_000 } });
    expect((await h.get('/me')).status).toBe(200);
    expect((await h.get('/me')).status).toBe(200);
    const throttled = await h.get('/me');
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('ApplicationThrottled');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(590);
  });

  it('Ferry: both become throttled with the advised wait', () => {
    const concurrency = { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } };
    expect(toFerryError({ status: 429, headers: { 'retry-after': '1' }, body: concurrency }, 'messages.get')).toMatchObject({
      code: 'throttled',
      graphCode: 'ApplicationThrottled',
      retryAfterInMs: 1000,
    });
    expect(toFerryError({ status: 429, headers: { 'retry-after': '600' }, body: { error: { code: 'ApplicationThrottled', message: 'x' } } }, 'messages.delta')).toMatchObject({
      code: 'throttled',
      retryAfterInMs: 600_000,
    });
  });
});
