import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

const enc = encodeURIComponent;
type Entry = Record<string, unknown> & { id: string };

describe('graphSim mailFolders/delta', () => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterEach(() => h.close());
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;

  it('returns the whole visible tree flattened with parentFolderId, parents first, then a deltaLink', async () => {
    const round = await drain(h, '/me/mailFolders/delta');
    const entries = round.entries as Entry[];
    expect(round.deltaLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\/mailFolders\/delta\?\$deltatoken=[A-Za-z0-9_-]+$/);
    expect(entries.map((f) => f.id).sort()).toEqual(mailbox().folders().map((f) => f.id).sort());
    expect(entries.some((f) => f.isHidden)).toBe(false);
    const seen = new Set([mailbox().folder('msgfolderroot')!.id]);
    for (const folder of entries) {
      expect(seen.has(folder.parentFolderId as string)).toBe(true);
      seen.add(folder.id);
    }
  });

  it('honours Prefer: odata.maxpagesize as a maximum and says so in Preference-Applied', async () => {
    const first = await h.get('/me/mailFolders/delta?$select=displayName,parentFolderId', { headers: { Prefer: 'odata.maxpagesize=2' } });
    expect(first.body.value).toHaveLength(2);
    expect(Object.keys(first.body.value[0])).toEqual(['id', 'displayName', 'parentFolderId']);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    expect(first.body['@odata.nextLink']).toContain('$skiptoken=');
    const round = await drain(h, first.body['@odata.nextLink'], { headers: { Prefer: 'odata.maxpagesize=2' } });
    expect(round.pages).toBeGreaterThan(3);
    expect(Object.keys(round.entries[0]!)).toEqual(['id', 'displayName', 'parentFolderId']); // $select kept in the token
  });

  it('reports created, renamed, moved, count-changed, deleted and hidden folders in the next round', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/delta');
    const quiet = await drain(h, deltaLink!);
    expect(quiet.entries).toEqual([]);

    const created = (await h.call('POST', '/me/mailFolders', { body: { displayName: 'New top' } })).body;
    const receipts = mailbox().folders().find((f) => f.displayName === 'Receipts')!;
    await h.call('PATCH', `/me/mailFolders/${enc(receipts.id as string)}`, { body: { displayName: 'Receipts 2026' } });
    const projects = mailbox().folders().find((f) => f.displayName === 'Projects')!;
    await h.call('POST', `/me/mailFolders/${enc(projects.id as string)}/move`, { body: { destinationId: 'archive' } });
    const junkMessage = mailbox().messages('junkemail')[0] ?? mailbox().messages('sentitems')[0]!;
    await h.call('PATCH', `/me/messages/${enc(junkMessage.id as string)}`, { body: { isRead: !junkMessage.isRead } });
    const doomed = (await h.call('POST', '/me/mailFolders/inbox/childFolders', { body: { displayName: 'Doomed' } })).body;
    const next = await drain(h, deltaLink!);
    await h.call('DELETE', `/me/mailFolders/${enc(doomed.id)}`);
    h.sim.state.setFolderHidden('alice@contoso.test', created.id, true);

    const round = await drain(h, next.deltaLink!);
    const byId = new Map((round.entries as Entry[]).map((e) => [e.id, e]));
    expect(byId.get(doomed.id)).toEqual({ id: doomed.id, '@removed': { reason: 'deleted' } });
    expect(byId.get(created.id)).toEqual({ id: created.id, '@removed': { reason: 'deleted' } });

    const first = new Map((next.entries as Entry[]).map((e) => [e.id, e]));
    expect(first.get(created.id)).toMatchObject({ displayName: 'New top', totalItemCount: 0 });
    expect(first.get(receipts.id as string)).toMatchObject({ displayName: 'Receipts 2026' });
    expect(first.get(projects.id as string)).toMatchObject({ parentFolderId: mailbox().folder('archive')!.id });
    expect(first.has(junkMessage.parentFolderId as string)).toBe(true); // unread count changed
    expect(first.get(mailbox().folder('inbox')!.id as string)).toMatchObject({ childFolderCount: 2 }); // Projects left, Doomed came
  });

  it('answers an old deltaLink again with the changes since it (replay)', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/delta');
    const created = (await h.call('POST', '/me/mailFolders', { body: { displayName: 'Once' } })).body;
    const a = await drain(h, deltaLink!);
    const b = await drain(h, deltaLink!);
    expect(a.entries.map((e) => e.id)).toContain(created.id);
    expect(b.entries.map((e) => e.id)).toEqual(a.entries.map((e) => e.id));
  });

  it('with folderDeltaTopLevelOnly returns only msgfolderroot\'s children, and childFolders still walk the rest', async () => {
    h.sim.state.setFlags({ folderDeltaTopLevelOnly: true });
    const { entries } = await drain(h, '/me/mailFolders/delta');
    const rootId = mailbox().folder('msgfolderroot')!.id;
    expect(entries.every((f) => f.parentFolderId === rootId)).toBe(true);
    expect(entries.find((f) => f.displayName === 'Inbox')).toMatchObject({ childFolderCount: 2 });
    const children = await h.get('/me/mailFolders/inbox/childFolders');
    expect(children.body.value).toHaveLength(2);
  });

  it('answers 410 syncStateNotFound with a Location for an expired, forced-expired, forged or foreign token', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/delta');
    const forged = await h.get('/me/mailFolders/delta?$deltatoken=made-up');
    expect(forged.status).toBe(410);
    expect(forged.body.error.code).toBe('syncStateNotFound');
    expect(forged.headers.get('location')).toBe(`${h.sim.url}/v1.0/me/mailFolders/delta`);
    expect((await h.get(deltaLink!, { user: 'bob@contoso.test' })).status).toBe(410);
    expect((await h.get(deltaLink!)).status).toBe(200);
    expect(h.sim.state.expireDeltaTokens('alice@contoso.test')).toBeGreaterThan(0);
    expect((await h.get(deltaLink!)).status).toBe(410);
  });

  it('expires tokens after deltaTokenTtlInMs on the simulator\'s clock', async () => {
    await h.close();
    let nowInMs = Date.now();
    h = await startGraphSim({ mailboxes: smallMailboxes, deltaTokenTtlInMs: 60_000, clock: { now: () => nowInMs, sleep: async () => undefined } });
    const { deltaLink } = await drain(h, '/me/mailFolders/delta');
    nowInMs += 59_000;
    expect((await h.get(deltaLink!)).status).toBe(200);
    nowInMs += 2_000;
    expect((await h.get(deltaLink!)).status).toBe(410);
  });
});
