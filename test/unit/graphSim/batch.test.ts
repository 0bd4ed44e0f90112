import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

interface ItemAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code: string }; [key: string]: unknown };
}

describe('graphSim $batch', () => {
  let h: GraphSimHarness;
  afterEach(() => h.close());
  const batch = async (requests: unknown[]) => h.call('POST', '/$batch', { body: { requests } });
  const byId = (responses: ItemAnswer[]) => new Map(responses.map((r) => [r.id, r]));

  describe('without latency', () => {
    beforeEach(async () => {
      h = await startGraphSim({ mailboxes: smallMailboxes });
    });

    it('runs up to 20 items and answers each with its own status, headers and body', async () => {
      const inboxMessage = h.sim.state.mailbox('alice@contoso.test')!.messages('inbox')[0]!;
      const answer = await batch([
        { id: '1', method: 'GET', url: '/me/mailFolders/inbox?$select=displayName' },
        { id: '2', method: 'GET', url: 'me/mailFolders/syncissues' },
        { id: '3', method: 'GET', url: '/me/messages/bad' },
        { id: '4', method: 'PATCH', url: `/me/messages/${encodeURIComponent(inboxMessage.id as string)}`, body: { isRead: true }, headers: { 'Content-Type': 'application/json' } },
        { id: '5', method: 'DELETE', url: '/me' },
      ]);
      expect(answer.status).toBe(200);
      const items = byId(answer.body.responses);
      expect(items.get('1')).toMatchObject({ status: 200, body: { displayName: 'Inbox' } });
      expect(items.get('1')!.headers['Content-Type']).toMatch(/^application\/json/);
      expect(items.get('2')).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
      expect(items.get('3')).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidIdMalformed' } } });
      expect(items.get('4')).toMatchObject({ status: 200, body: { isRead: true } });
      expect(items.get('5')!.status).toBe(405);
      expect(h.sim.state.stats.byOperation).toMatchObject({ batch: 1, 'mailFolders.get': 2, 'messages.get': 1, 'messages.update': 1 });
    });

    it('answers in any order (ids correlate)', async () => {
      const requests = Array.from({ length: 8 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me/mailFolders/inbox?$select=id' }));
      const orders: string[] = [];
      for (let i = 0; i < 3; i++) orders.push((await batch(requests)).body.responses.map((r: ItemAnswer) => r.id).join(','));
      expect(orders.some((order) => order !== '1,2,3,4,5,6,7,8')).toBe(true);
      expect(orders.every((order) => order.split(',').sort().join(',') === '1,2,3,4,5,6,7,8')).toBe(true);
    });

    it('refuses the whole batch: more than 20 items, duplicate ids, a body without Content-Type, malformed payload', async () => {
      const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
      expect((await batch(many)).status).toBe(400);
      expect((await batch(many.slice(0, 20))).status).toBe(200);
      const duplicate = await batch([{ id: 'a', method: 'GET', url: '/me' }, { id: 'A', method: 'GET', url: '/me' }]);
      expect(duplicate.status).toBe(400);
      const noType = await batch([{ id: '1', method: 'POST', url: '/me/mailFolders', body: { displayName: 'x' } }]);
      expect(noType.status).toBe(400);
      expect(noType.body.error.message).toBe('Write request id : 1 does not contain Content-Type header or body.');
      expect((await h.call('POST', '/$batch', { body: { nope: [] } })).body.error.code).toBe('BadRequest');
    });

    it('sequences dependsOn and fails dependants of a failed item with 424', async () => {
      const answer = await batch([
        { id: '1', method: 'GET', url: '/me/mailFolders/syncissues' },
        { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] },
        { id: '3', method: 'GET', url: '/me/mailFolders/inbox' },
        { id: '4', method: 'GET', url: '/me', dependsOn: ['3'] },
      ]);
      const items = byId(answer.body.responses);
      expect(items.get('2')!.status).toBe(424);
      expect(items.get('4')!.status).toBe(200);
      expect((await batch([{ id: '1', method: 'GET', url: '/me', dependsOn: ['2'] }, { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] }])).status).toBe(400);
    });

    it('fails the whole batch on throttleNext() aimed at requests', async () => {
      h.sim.state.throttleNext({ status: 503, retryAfter: '5' });
      const answer = await batch([{ id: '1', method: 'GET', url: '/me' }]);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect((await batch([{ id: '1', method: 'GET', url: '/me' }])).status).toBe(200);
    });

    it('fails single items on throttleNext({target: "batchItem"}) with Retry-After in the item headers', async () => {
      h.sim.state.throttleNext({ status: 429, retryAfter: '2.128', target: 'batchItem' });
      const answer = await batch([{ id: '1', method: 'GET', url: '/me/mailFolders/inbox', dependsOn: [] }, { id: '2', method: 'GET', url: '/me/mailFolders/inbox', dependsOn: ['1'] }]);
      const items = byId(answer.body.responses);
      expect(items.get('1')).toMatchObject({ status: 429, headers: { 'Retry-After': '2.128' }, body: { error: { code: 'TooManyRequests' } } });
      expect(items.get('2')!.status).toBe(424);
    });
  });

  it('counts items against the mailbox\'s slots: items beyond them get their own 429 with Retry-After', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, latencyInMs: 100, maxInFlightPerMailbox: 2 });
    const requests = Array.from({ length: 6 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me/mailFolders/inbox' }));
    const answer = await batch(requests);
    const statuses = (answer.body.responses as ItemAnswer[]).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429]); // four dispatched at once, two slots
    const throttled = (answer.body.responses as ItemAnswer[]).find((r) => r.status === 429)!;
    expect(throttled.headers['Retry-After']).toBe('1');
    expect(throttled.body!.error!.code).toBe('ApplicationThrottled');
    expect(h.sim.state.stats.throttled).toBe(4);
  });

  it('dispatches four items at a time, so a batch alone fits Outlook\'s four slots', async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, latencyInMs: 30 });
    const alone = await batch(Array.from({ length: 8 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me/mailFolders/inbox' })));
    expect((alone.body.responses as ItemAnswer[]).every((r) => r.status === 200)).toBe(true);
  });
});
