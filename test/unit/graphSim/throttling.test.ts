import type { Clock } from '../../../shared/clock';
import { uploadBytesOf } from '../../../dev/graphSim/core/outlookLimits';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

/** A clock the test moves by hand; sleeps end at once (nothing here waits on it). */
function manualClock(): Clock & { advance(ms: number): void } {
  let nowInMs = Date.now();
  return { now: () => nowInMs, sleep: () => Promise.resolve(), advance: (ms) => void (nowInMs += ms) };
}

describe('graphSim throttling', () => {
  let h: GraphSimHarness;
  afterEach(() => h.close());

  it('answers the fifth concurrent request of one mailbox 429 with Retry-After, other mailboxes unaffected', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, latencyInMs: 400 });
    await Promise.all([h.get('/me'), h.get('/me', { user: 'bob@contoso.test' })]); // tokens signed, keys imported
    h.sim.state.resetStats();
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => h.get('/me/mailFolders/inbox')),
      h.get('/me/mailFolders/inbox', { user: 'bob@contoso.test' }),
    ]);
    const alice = answers.slice(0, 5);
    expect(alice.filter((a) => a.status === 200)).toHaveLength(4);
    const throttled = alice.find((a) => a.status === 429)!;
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.body).toEqual({ error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } });
    expect(answers[5]!.status).toBe(200);
    expect(h.sim.state.stats.throttled).toBe(1);
    expect((await h.get('/me/mailFolders/inbox')).status).toBe(200); // slots are free again
  });

  it('injects 429/503/504 on the next requests with throttleNext, for one user or anyone', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    h.sim.state.throttleNext({ status: 503, retryAfter: '3', count: 2, oid: 'bob@contoso.test' });
    h.sim.state.throttleNext({ status: 504 });
    const first = await h.get('/me/mailFolders/inbox');
    expect(first.status).toBe(504);
    expect(first.headers.get('retry-after')).toBeNull();
    expect((await h.get('/me/mailFolders/inbox')).status).toBe(200);
    const bob = await h.get('/me', { user: 'bob@contoso.test' });
    expect(bob.status).toBe(503);
    expect(bob.headers.get('retry-after')).toBe('3');
    expect((await h.get('/me', { user: 'bob@contoso.test' })).status).toBe(503);
    expect((await h.get('/me', { user: 'bob@contoso.test' })).status).toBe(200);
    h.sim.state.throttleNext({ status: 429, retryAfter: '2.128' });
    const throttled = await h.get('/me/messages');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2.128');
  });

  it('counts requests per user and per operation', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    await h.get('/me/mailFolders');
    await h.get('/me/mailFolders/delta');
    await h.get('/me', { user: 'bob@contoso.test' });
    const stats = h.sim.state.stats;
    expect(stats.requests).toBe(3);
    expect(stats.byUser).toEqual({ 'a11ce000-0000-4000-8000-0000000a11ce': 2, 'b0b00000-0000-4000-8000-000000000b0b': 1 });
    expect(stats.byUserOperation['a11ce000-0000-4000-8000-0000000a11ce']).toEqual({ 'mailFolders.list': 1, 'mailFolders.delta': 1 });
    h.sim.state.resetStats();
    expect(h.sim.state.stats.requests).toBe(0);
  });

  describe("Outlook's request and upload windows per app and mailbox", () => {
    const minute = 60_000;

    it('answers the request past requestLimit 429 ApplicationThrottled with Retry-After to the window end; other mailboxes and apps unaffected', async () => {
      const clock = manualClock();
      h = await startGraphSim({ mailboxes: smallMailboxes, clock, requestLimit: { count: 3, windowInMs: minute } });
      for (let i = 0; i < 3; i++) expect((await h.get('/me/mailFolders/inbox')).status).toBe(200);
      clock.advance(15_500);
      const throttled = await h.get('/me/mailFolders/inbox');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('45');
      expect(throttled.body).toEqual({ error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxRequests limit.' } });
      expect((await h.get('/me', { user: 'bob@contoso.test' })).status).toBe(200);
      const otherApp = `Bearer ${await h.token('alice@contoso.test', { azp: 'another-app' })}`;
      expect((await h.get('/me/mailFolders/inbox', { authorization: otherApp })).status).toBe(200);
      expect((await h.get('/me/mailFolders/inbox')).status).toBe(429); // a throttled request does not count, nor lift the limit
      clock.advance(44_500); // the window ends
      expect((await h.get('/me/mailFolders/inbox')).status).toBe(200);
    });

    it('counts each $batch item as one request and the envelope as none', async () => {
      h = await startGraphSim({ mailboxes: smallMailboxes, clock: manualClock(), requestLimit: { count: 3, windowInMs: minute } });
      const answer = await h.call('POST', '/$batch', { body: { requests: Array.from({ length: 4 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me/mailFolders/inbox' })) } });
      expect(answer.status).toBe(200);
      const statuses = (answer.body.responses as { status: number }[]).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 429]);
      const throttled = (answer.body.responses as { status: number; headers: Record<string, string>; body: unknown }[]).find((r) => r.status === 429)!;
      expect(throttled.headers['Retry-After']).toBe('60');
      expect((await h.get('/me')).status).toBe(429);
    });

    it('answers an upload past uploadLimit 429 IncomingBytes; reads still pass', async () => {
      h = await startGraphSim({ mailboxes: smallMailboxes, clock: manualClock(), uploadLimit: { bytes: 100, windowInMs: 5 * minute } });
      const id = encodeURIComponent(h.sim.state.mailbox('alice@contoso.test')!.messages('inbox')[0]!.id as string);
      const patch = { categories: ['x'.repeat(40)] };
      expect(uploadBytesOf({ method: 'PATCH', body: patch })).toBe(JSON.stringify(patch).length);
      expect((await h.call('PATCH', `/me/messages/${id}`, { body: patch })).status).toBe(200);
      const refused = await h.call('PATCH', `/me/messages/${id}`, { body: patch });
      expect(refused.status).toBe(429);
      expect(refused.body.error).toEqual({ code: 'ApplicationThrottled', message: 'Application is over its IncomingBytes limit.' });
      expect(refused.headers.get('retry-after')).toBe('300');
      expect((await h.get(`/me/messages/${id}`)).status).toBe(200);
    });

    it('gives a replaced mailbox fresh windows', async () => {
      h = await startGraphSim({ mailboxes: smallMailboxes, clock: manualClock(), requestLimit: { count: 1, windowInMs: minute } });
      expect((await h.get('/me')).status).toBe(200);
      expect((await h.get('/me')).status).toBe(429);
      h.sim.state.replaceMailbox({ user: 'alice@contoso.test', messageCount: 5 });
      expect((await h.get('/me')).status).toBe(200);
    });
  });
});
