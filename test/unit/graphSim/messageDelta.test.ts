import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

const enc = encodeURIComponent;
type Entry = Record<string, unknown> & { id: string };
const page5 = { headers: { Prefer: 'odata.maxpagesize=5' } };

describe('graphSim messages/delta', () => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterEach(() => h.close());
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;
  const inboxIds = () => mailbox().messages('inbox').map((m) => m.id as string);
  const move = (id: string, destinationId: string) => h.call('POST', `/me/messages/${enc(id)}/move`, { body: { destinationId } });

  it('pages the first round newest first with $orderby, at most maxpagesize per page, in Graph\'s link form', async () => {
    const first = await h.get('/me/mailFolders/inbox/messages/delta?$select=subject,isRead,receivedDateTime&$orderby=receivedDateTime desc', page5);
    expect(first.status).toBe(200);
    const inboxId = mailbox().folder('inbox')!.id as string;
    expect(first.body['@odata.nextLink']).toBe(`${h.sim.url}/v1.0/me/mailFolders('${inboxId}')/messages/delta?$skiptoken=${first.body['@odata.nextLink'].split('$skiptoken=')[1]}`);
    expect(first.body['@odata.context']).toBe(`${h.sim.url}/v1.0/$metadata#Collection(message)`);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=5');
    const round = await drain(h, first.body['@odata.nextLink'], page5);
    const entries = [...first.body.value, ...round.entries] as Entry[];
    expect(entries.map((e) => e.id).sort()).toEqual(inboxIds().sort());
    const times = entries.map((e) => e.receivedDateTime as string);
    expect([...times].sort().reverse()).toEqual(times);
    expect(Object.keys(entries[0]!)).toEqual(['@odata.type', '@odata.etag', 'id', 'receivedDateTime', 'subject', 'isRead']);
    expect(entries[0]!['@odata.type']).toBe('#microsoft.graph.message');
    expect(round.deltaLink).toContain('$deltatoken=');
  });

  it('replays a nextLink with the same page; its next link is a new generation that goes on alike', async () => {
    const first = await h.get('/me/mailFolders/inbox/messages/delta?$select=subject', page5);
    const a = await h.get(first.body['@odata.nextLink'], page5);
    const b = await h.get(first.body['@odata.nextLink'], page5);
    expect(b.body.value).toEqual(a.body.value);
    // Each page served is one more generation of the chain (mgdc#7975), a replayed one included.
    expect(b.body['@odata.nextLink']).not.toBe(a.body['@odata.nextLink']);
    const smaller = await h.get(first.body['@odata.nextLink'], { headers: { Prefer: 'odata.maxpagesize=2' } });
    expect(smaller.body.value).toEqual(a.body.value.slice(0, 2)); // the size stays a maximum on a replay
    const afterA = await h.get(a.body['@odata.nextLink'], page5);
    const afterB = await h.get(b.body['@odata.nextLink'], page5);
    expect(afterA.status).toBe(200);
    expect(afterB.body.value).toEqual(afterA.body.value);
  });

  it('filters the first round by receivedDateTime ge, and refuses other filters', async () => {
    const times = mailbox().messages('inbox').map((m) => m.receivedDateTime as string).sort();
    const cut = times[Math.floor(times.length / 2)]!;
    const round = await drain(h, `/me/mailFolders/inbox/messages/delta?$filter=receivedDateTime ge ${cut}&$select=receivedDateTime`);
    expect(round.entries.length).toBe(times.filter((t) => t >= cut).length);
    const refused = await h.get('/me/mailFolders/inbox/messages/delta?$filter=isRead eq false');
    expect(refused.status).toBe(400);
    expect((await h.get('/me/mailFolders/inbox/messages/delta?$orderby=subject')).status).toBe(400);
  });

  it('caps a filtered delta at 5,000 messages', async () => {
    for (let i = 0; i < 5010; i++) h.sim.state.simulateArrival('bob@contoso.test', { subject: `bulk ${i}` });
    const round = await drain(h, '/me/mailFolders/inbox/messages/delta?$filter=receivedDateTime ge 2000-01-01T00:00:00Z&$select=id', {
      user: 'bob@contoso.test',
      headers: { Prefer: 'odata.maxpagesize=1000' },
    });
    expect(round.entries).toHaveLength(5000);
  });

  it('reports moved-out and deleted as @removed, moved-in as new, patched as updated, nothing else', async () => {
    const { deltaLink: inboxLink } = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject,isRead');
    const { deltaLink: archiveLink } = await drain(h, '/me/mailFolders/archive/messages/delta?$select=subject,isRead');
    const [movedId, deletedId, patchedId] = inboxIds();
    await move(movedId!, 'archive');
    await h.call('DELETE', `/me/messages/${enc(deletedId!)}`);
    await h.call('PATCH', `/me/messages/${enc(patchedId!)}`, { body: { isRead: true, flag: { flagStatus: 'flagged' } } });
    const arrivedId = h.sim.state.simulateArrival('alice@contoso.test', { subject: 'Fresh' });

    const inbox = await drain(h, inboxLink!);
    const byId = new Map((inbox.entries as Entry[]).map((e) => [e.id, e]));
    expect(byId.size).toBe(4);
    expect(byId.get(movedId!)).toEqual({ '@odata.type': '#microsoft.graph.message', id: movedId, '@removed': { reason: 'deleted' } });
    expect(byId.get(deletedId!)).toEqual({ '@odata.type': '#microsoft.graph.message', id: deletedId, '@removed': { reason: 'deleted' } });
    expect(byId.get(patchedId!)).toMatchObject({ id: patchedId, isRead: true, subject: expect.any(String) });
    expect(byId.get(arrivedId)).toMatchObject({ subject: 'Fresh', isRead: false });

    const archive = await drain(h, archiveLink!);
    expect(archive.entries).toEqual([expect.objectContaining({ id: movedId, subject: expect.any(String) })]);
    expect(archive.entries[0]!['@removed']).toBeUndefined();

    expect((await drain(h, inbox.deltaLink!)).entries).toEqual([]);
  });

  it('replays an old deltaLink: the same changes again', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=isRead');
    await h.call('PATCH', `/me/messages/${enc(inboxIds()[0]!)}`, { body: { isRead: false } });
    const a = await drain(h, deltaLink!);
    const b = await drain(h, deltaLink!);
    expect(a.entries.map((e) => e.id)).toEqual([inboxIds()[0]]);
    expect(b.entries).toEqual(a.entries);
  });

  it('with partialUpdates sends some updated items as id plus changed properties only, never new ones', async () => {
    h.sim.state.setFlags({ partialUpdates: true });
    const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta');
    const ids = inboxIds().slice(0, 12);
    for (const id of ids) await h.call('PATCH', `/me/messages/${enc(id)}`, { body: { categories: ['Red category'] } });
    const arrivedId = h.sim.state.simulateArrival('alice@contoso.test');
    const { entries } = await drain(h, deltaLink!);
    const partial = (entries as Entry[]).filter((e) => e.subject === undefined);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(ids.length);
    for (const entry of partial) {
      expect(Object.keys(entry).sort()).toEqual(['@odata.etag', '@odata.type', 'categories', 'changeKey', 'id', 'lastModifiedDateTime']);
    }
    expect((entries as Entry[]).find((e) => e.id === arrivedId)).toHaveProperty('subject');
  });

  it('answers 410 with a Location restarting the folder\'s delta once tokens expire', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta');
    h.sim.state.expireDeltaTokens();
    const gone = await h.get(deltaLink!);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('syncStateNotFound');
    expect(gone.headers.get('location')).toBe(`${h.sim.url}/v1.0/me/mailFolders('${mailbox().folder('inbox')!.id}')/messages/delta`);
    const restart = await drain(h, gone.headers.get('location')!);
    expect(restart.entries).toHaveLength(inboxIds().length);
  });

  it('reports a message moved out and back between two calls as removed only with immutableIdMoveMiss (mgdc#72)', async () => {
    for (const flag of [false, true]) {
      h.sim.state.setFlags({ immutableIdMoveMiss: flag });
      const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject');
      const id = inboxIds()[0]!;
      await move(id, 'archive');
      await move(id, 'inbox');
      const { entries } = await drain(h, deltaLink!);
      expect(entries.map((e) => [e.id, '@removed' in e])).toEqual([[id, flag]]);
    }
  });

  it('with shortPages returns fewer items than allowed (sometimes none) yet delivers everything', async () => {
    h.sim.state.setFlags({ shortPages: true });
    const pages: number[] = [];
    let link: string | undefined = '/me/mailFolders/inbox/messages/delta?$select=id';
    const ids: string[] = [];
    while (link) {
      const answer = await h.get(link, page5);
      pages.push(answer.body.value.length);
      ids.push(...answer.body.value.map((e: Entry) => e.id));
      link = answer.body['@odata.nextLink'];
    }
    expect(Math.max(...pages)).toBeLessThanOrEqual(5);
    expect(pages.slice(0, -1).some((n) => n < 5)).toBe(true);
    expect(ids.sort()).toEqual(inboxIds().sort());
  });

  it('filters a later round by changeType, renders bodies as text when preferred', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta?changeType=created&$select=body');
    await h.call('PATCH', `/me/messages/${enc(inboxIds()[0]!)}`, { body: { isRead: false } });
    const arrivedId = h.sim.state.simulateArrival('alice@contoso.test', { bodyText: 'a < b' });
    const answer = await h.get(deltaLink!, { headers: { Prefer: 'outlook.body-content-type="text"' } });
    expect(answer.body.value).toEqual([expect.objectContaining({ id: arrivedId, body: { contentType: 'text', content: 'a < b' } })]);
    expect(answer.headers.get('preference-applied')).toBe('outlook.body-content-type="text"');
  });
});
