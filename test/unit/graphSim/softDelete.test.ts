import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

const enc = encodeURIComponent;

/**
 * DELETE soft-deletes into Recoverable Items\Deletions (`recoverableitemsdeletions`), outside
 * msgfolderroot: the message is in no list or delta of the visible mailbox, a repeated DELETE is 403
 * ErrorCannotDeleteObject, and item calls answer as for any message unless `deletedGetIs404` is on.
 * The contract (sources quoted) is test/contract/softDelete.test.ts.
 */
describe('graphSim soft delete', () => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterEach(() => h.close());
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;
  const inboxIds = () => mailbox().messages('inbox').map((m) => m.id as string);
  const recoverableId = () => mailbox().folder('recoverableitemsdeletions')!.id as string;

  it('keeps Recoverable Items\\Deletions outside msgfolderroot: found by name, in no list, tree or folder delta', async () => {
    const folder = await h.get('/me/mailFolders/recoverableitemsdeletions');
    expect(folder.status).toBe(200);
    expect(folder.body.id).toBe(recoverableId());
    const root = (await h.get('/me/mailFolders/msgfolderroot')).body.id;
    expect(folder.body.parentFolderId).not.toBe(root);
    const listed = (await h.get('/me/mailFolders?$top=100&includeHiddenFolders=true')).body.value.map((f: { id: string }) => f.id);
    expect(listed).not.toContain(recoverableId());
    const delta = await drain(h, '/me/mailFolders/delta');
    expect(delta.entries.map((f) => f.id)).not.toContain(recoverableId());
    expect(delta.entries.map((f) => f.id)).not.toContain(folder.body.parentFolderId);
    expect(mailbox().folders({ includeHidden: true }).map((f) => f.id)).not.toContain(recoverableId());
  });

  it('moves a deleted message there: @removed in its folder\'s delta, in no visible list, and its folder count drops', async () => {
    const [id] = inboxIds();
    const start = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject');
    const inboxTotal = mailbox().folder('inbox')!.totalItemCount as number;
    expect((await h.call('DELETE', `/me/messages/${enc(id!)}`)).status).toBe(204);
    const next = await drain(h, start.deltaLink!);
    expect(next.entries).toEqual([{ '@odata.type': '#microsoft.graph.message', id, '@removed': { reason: 'deleted' } }]);
    expect(mailbox().folder('inbox')!.totalItemCount).toBe(inboxTotal - 1);
    expect(mailbox().messages().map((m) => m.id)).not.toContain(id);
    const all = await drain(h, '/me/messages?$top=1000&$select=id');
    expect(all.entries.map((m) => m.id)).not.toContain(id);
    expect(mailbox().messages('recoverableitemsdeletions').map((m) => m.id)).toEqual([id]);
    const inDeletions = await h.get('/me/mailFolders/recoverableitemsdeletions/messages?$select=id');
    expect(inDeletions.body.value.map((m: { id: string }) => m.id)).toEqual([id]);
  });

  it.each([false, true])('answers a repeated DELETE 403 ErrorCannotDeleteObject (deletedGetIs404: %s)', async (deletedGetIs404) => {
    h.sim.state.setFlags({ deletedGetIs404 });
    const [id] = inboxIds();
    expect((await h.call('DELETE', `/me/messages/${enc(id!)}`)).status).toBe(204);
    const again = await h.call('DELETE', `/me/messages/${enc(id!)}`);
    expect(again.status).toBe(403);
    expect(again.body.error).toMatchObject({ code: 'ErrorCannotDeleteObject', message: 'Object cannot be deleted.' });
    // A message never there is still 404.
    const unknown = await h.call('DELETE', `/me/messages/${enc(id!.slice(0, -8) + 'AAAAAAA=')}`);
    expect(unknown.status).toBe(404);
  });

  it('flag off: GET 200 with Recoverable Items\' parentFolderId; PATCH works; a move out restores it', async () => {
    const [id] = inboxIds();
    await h.call('DELETE', `/me/messages/${enc(id!)}`);
    const got = await h.get(`/me/messages/${enc(id!)}?$select=parentFolderId,subject`);
    expect(got.status).toBe(200);
    expect(got.body.parentFolderId).toBe(recoverableId());
    expect((await h.get(`/me/messages/${enc(id!)}/attachments`)).status).toBe(200);
    expect((await h.call('PATCH', `/me/messages/${enc(id!)}`, { body: { isRead: true } })).status).toBe(200);
    const restored = await h.call('POST', `/me/messages/${enc(id!)}/move`, { body: { destinationId: 'inbox' } });
    expect(restored.status).toBe(201);
    expect(restored.body.id).toBe(id);
    expect(inboxIds()).toContain(id);
  });

  it('flag on (deletedGetIs404): GET, PATCH, move and attachments answer 404 ErrorItemNotFound', async () => {
    h.sim.state.setFlags({ deletedGetIs404: true });
    const [id, live] = inboxIds();
    await h.call('DELETE', `/me/messages/${enc(id!)}`);
    for (const answer of [
      await h.get(`/me/messages/${enc(id!)}`),
      await h.get(`/me/messages/${enc(id!)}/attachments`),
      await h.call('PATCH', `/me/messages/${enc(id!)}`, { body: { isRead: true } }),
      await h.call('POST', `/me/messages/${enc(id!)}/move`, { body: { destinationId: 'inbox' } }),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('ErrorItemNotFound');
    }
    expect((await h.get(`/me/messages/${enc(live!)}`)).status).toBe(200);
    expect(inboxIds()).not.toContain(id);
  });

  it('deletes a folder: its subtree is gone and its messages lie in Recoverable Items, nowhere visible', async () => {
    const projects = mailbox().folders().find((f) => f.displayName === 'Projects')!;
    const sub = mailbox().folders().find((f) => f.parentFolderId === projects.id)!;
    const ids = [...mailbox().messages(projects.id as string), ...mailbox().messages(sub.id as string)].map((m) => m.id as string);
    expect(ids.length).toBeGreaterThan(0);
    const visibleBefore = mailbox().messages().length;
    expect((await h.call('DELETE', `/me/mailFolders/${enc(projects.id as string)}`)).status).toBe(204);
    expect((await h.get(`/me/mailFolders/${enc(sub.id as string)}`)).status).toBe(404);
    expect((await h.get(`/me/mailFolders/${enc(projects.id as string)}/messages/delta`)).status).toBe(404);
    expect(mailbox().messages().length).toBe(visibleBefore - ids.length);
    expect(new Set(mailbox().messages('recoverableitemsdeletions').map((m) => m.id))).toEqual(new Set(ids));
    for (const folder of mailbox().folders({ includeHidden: true })) {
      expect(mailbox().messages(folder.id as string).map((m) => m.id).filter((id) => ids.includes(id as string))).toEqual([]);
    }
    const got = await h.get(`/me/messages/${enc(ids[0]!)}?$select=parentFolderId`);
    expect(got.body.parentFolderId).toBe(recoverableId());
  });

  it('keeps the Recoverable Items folders in place: no delete or move of them, no folder moved into them', async () => {
    const deletions = await h.get('/me/mailFolders/recoverableitemsdeletions');
    expect((await h.call('DELETE', '/me/mailFolders/recoverableitemsdeletions')).status).toBe(400);
    expect((await h.call('DELETE', `/me/mailFolders/${enc(deletions.body.parentFolderId)}`)).status).toBe(400);
    const created = (await h.call('POST', '/me/mailFolders', { body: { displayName: 'Doomed' } })).body;
    const moved = await h.call('POST', `/me/mailFolders/${enc(created.id)}/move`, { body: { destinationId: 'recoverableitemsdeletions' } });
    expect(moved.body.error.code).toBe('ErrorMoveCopyFailed');
  });
});
