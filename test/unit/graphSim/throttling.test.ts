import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

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
    expect(throttled.body.error).toMatchObject({ code: 'TooManyRequests', message: 'Please retry again later.', innerError: { code: '429', status: '429' } });
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
});
