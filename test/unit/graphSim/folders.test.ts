import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

const enc = encodeURIComponent;

describe('graphSim mailFolders', () => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterEach(() => h.close());

  it('lists top-level folders with Graph\'s properties and JSON types, hidden ones only when asked', async () => {
    const answer = await h.get('/me/mailFolders?$top=50');
    expect(answer.status).toBe(200);
    const names = answer.body.value.map((f: { displayName: string }) => f.displayName);
    expect(names).toEqual(expect.arrayContaining(['Inbox', 'Drafts', 'Sent Items', 'Deleted Items', 'Junk Email', 'Archive', 'Outbox']));
    expect(names).not.toContain('Conversation Action Settings');
    const inbox = answer.body.value.find((f: { displayName: string }) => f.displayName === 'Inbox');
    expect(Object.keys(inbox)).toEqual(['id', 'displayName', 'parentFolderId', 'childFolderCount', 'unreadItemCount', 'totalItemCount', 'isHidden']);
    expect(inbox).toMatchObject({ isHidden: false, childFolderCount: 2 });
    expect(typeof inbox.totalItemCount).toBe('number');
    const hidden = await h.get('/me/mailFolders?$top=50&includeHiddenFolders=true');
    expect(hidden.body.value.some((f: { isHidden: boolean }) => f.isHidden)).toBe(true);
  });

  it('pages with $top and an @odata.nextLink on the same origin', async () => {
    const first = await h.get('/me/mailFolders?$top=3');
    expect(first.body.value).toHaveLength(3);
    expect(first.body['@odata.nextLink'].startsWith(h.sim.url)).toBe(true);
    const second = await h.get(first.body['@odata.nextLink']);
    expect(second.body.value).toHaveLength(3);
    expect(second.body.value[0].id).not.toBe(first.body.value[0].id);
  });

  it('gets a folder by well-known name (any case) or URL-encoded id, honouring $select', async () => {
    const inbox = await h.get('/me/mailFolders/Inbox?$select=displayName,totalItemCount');
    expect(inbox.body).toEqual({ '@odata.context': expect.any(String), id: expect.any(String), displayName: 'Inbox', totalItemCount: expect.any(Number) });
    const byId = await h.get(`/me/mailFolders/${enc(inbox.body.id)}`);
    expect(byId.body.displayName).toBe('Inbox');
    expect(inbox.body.id).toMatch(/=$/); // ids end in '=', which arrives as %3D
    const root = await h.get('/me/mailFolders/msgfolderroot');
    expect(root.body.displayName).toBe('Top of Information Store');
  });

  it('answers 404 ErrorItemNotFound for an absent well-known folder, 404 ErrorInvalidMailboxItemId for another mailbox\'s id, 400 for a malformed id', async () => {
    const bobInbox = (await h.get('/me/mailFolders/inbox', { user: 'bob@contoso.test' })).body.id;
    const foreign = await h.get(`/me/mailFolders/${enc(bobInbox)}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('ErrorInvalidMailboxItemId');
    expect((await h.get('/me/mailFolders/syncissues')).body.error.code).toBe('ErrorItemNotFound');
    const malformed = await h.get('/me/mailFolders/not!an*id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('ErrorInvalidIdMalformed');
    const badSelect = await h.get('/me/mailFolders/inbox?$select=wellKnownName');
    expect(badSelect.status).toBe(400);
    expect(badSelect.body.error.code).toBe('RequestBroker--ParseUri');
  });

  it('lists and creates child folders, renames, moves and deletes', async () => {
    const children = await h.get('/me/mailFolders/inbox/childFolders');
    expect(children.body.value.map((f: { displayName: string }) => f.displayName).sort()).toEqual(['Projects', 'Receipts']);
    const created = await h.call('POST', '/me/mailFolders/inbox/childFolders', { body: { displayName: 'Ferry 🚢' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: 'Ferry 🚢', totalItemCount: 0, childFolderCount: 0, isHidden: false });
    const duplicate = await h.call('POST', '/me/mailFolders/inbox/childFolders', { body: { displayName: 'ferry 🚢' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('ErrorFolderExists');
    const id = enc(created.body.id);
    const renamed = await h.call('PATCH', `/me/mailFolders/${id}`, { body: { displayName: 'Ferry' } });
    expect(renamed.body.displayName).toBe('Ferry');
    const moved = await h.call('POST', `/me/mailFolders/${id}/move`, { body: { destinationId: 'archive' } });
    expect(moved.status).toBe(200);
    expect(moved.body.parentFolderId).toBe(h.sim.state.mailbox('alice@contoso.test')!.folder('archive')!.id);
    expect((await h.call('POST', '/me/mailFolders/inbox/move', { body: { destinationId: 'archive' } })).body.error.code).toBe('ErrorMoveDistinguishedFolder');
    expect((await h.call('DELETE', `/me/mailFolders/${id}`)).status).toBe(204);
    expect((await h.get(`/me/mailFolders/${id}`)).status).toBe(404);
    expect((await h.call('DELETE', '/me/mailFolders/inbox')).body.error.code).toBe('ErrorDeleteDistinguishedFolder');
  });

  it('deletes a folder with its subtree and messages, and updates the parent\'s childFolderCount', async () => {
    const mailbox = h.sim.state.mailbox('alice@contoso.test')!;
    const projects = mailbox.folders().find((f) => f.displayName === 'Projects')!;
    const sub = mailbox.folders().find((f) => f.parentFolderId === projects.id)!;
    const messagesBefore = mailbox.messages().length;
    const inProjects = mailbox.messages(projects.id as string).length + mailbox.messages(sub.id as string).length;
    expect((await h.call('DELETE', `/me/mailFolders/${enc(projects.id as string)}`)).status).toBe(204);
    expect(mailbox.folder(sub.id as string)).toBeUndefined();
    expect(mailbox.messages().length).toBe(messagesBefore - inProjects);
    expect(mailbox.folder('inbox')!.childFolderCount).toBe(1);
  });

  it('walks nested childFolders paths and rejects a child addressed under the wrong parent', async () => {
    const mailbox = h.sim.state.mailbox('alice@contoso.test')!;
    const projects = mailbox.folders().find((f) => f.displayName === 'Projects')!;
    const year = mailbox.folders().find((f) => f.displayName === '2026')!;
    const ok = await h.get(`/me/mailFolders/inbox/childFolders/${enc(projects.id as string)}/childFolders/${enc(year.id as string)}`);
    expect(ok.body.displayName).toBe('2026');
    expect((await h.get(`/me/mailFolders/inbox/childFolders/${enc(year.id as string)}`)).status).toBe(404);
  });
});
