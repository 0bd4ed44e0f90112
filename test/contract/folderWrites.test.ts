import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * Folder writes and the unread listing, as the simulator must show them to Ferry's folder commands.
 *
 * - https://learn.microsoft.com/graph/api/mailfolder-post-childfolders: POST /me/mailFolders/{id}/childFolders
 *   with `displayName` (and `isHidden`); "If successful, this method returns 201 Created response code
 *   and a mailFolder object in the response body." (msgfolderroot names the top of the tree.)
 * - https://learn.microsoft.com/graph/api/mailfolder-update: PATCH with "displayName | String | The
 *   display name of the mailFolder. Writable."; "200 OK response code and updated mailFolder object".
 * - https://learn.microsoft.com/graph/api/mailfolder-move: "Move a mailfolder and its contents to another
 *   mailfolder."; body `destinationId`, "The folder ID, or a well-known folder name"; "200 OK response
 *   code and a mailFolder resource in the response body". Folder ids stay the same (the folder keeps its id).
 * - https://learn.microsoft.com/graph/api/mailfolder-delete: "If successful, this method returns 204
 *   No Content response code."
 * - A name a sibling has: EWS ResponseCode ErrorFolderExists
 *   (https://learn.microsoft.com/exchange/client-developer/web-service-reference/responsecode): "This
 *   error occurs when an attempt is made to create a folder that has the same name as another folder in
 *   the same parent. Duplicate folder names are not allowed."; ActiveSync FolderCreate status 2
 *   (https://learn.microsoft.com/openspecs/exchange_server_protocols/ms-ascmd/ac5a4d82-d9b8-402a-9cab-315b5635d30d):
 *   "A folder that has this name already exists." UNVERIFIED: Graph's status for it (the simulator: 409)
 *   and that names compare without regard to case. Ferry branches on the code alone
 *   (test/unit/commands/folderCommands.test.ts runs both statuses).
 * - https://learn.microsoft.com/graph/api/user-list-messages: `$filter` on isRead and receivedDateTime,
 *   `$top`; without `$orderby` no InefficientFilter rule applies.
 * - Well-known folders: the simulator refuses to move or delete them (ErrorMoveDistinguishedFolder,
 *   ErrorDeleteDistinguishedFolder; UNVERIFIED: codes and 400). Ferry never asks (409 not_allowed first).
 * Ferry's side: test/e2e/folderActions.test.ts.
 */
describe('folder writes in the simulator', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  const enc = encodeURIComponent;
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;

  it('creates under msgfolderroot and under a folder (201), renames (200), moves (200, same id) and deletes (204)', async () => {
    const top = await h.call('POST', '/me/mailFolders/msgfolderroot/childFolders', { body: { displayName: 'Contract top' } });
    expect(top.status).toBe(201);
    expect(top.body).toMatchObject({ displayName: 'Contract top', parentFolderId: mailbox().folder('msgfolderroot')!.id, totalItemCount: 0, unreadItemCount: 0 });
    const child = await h.call('POST', `/me/mailFolders/${enc(top.body.id)}/childFolders`, { body: { displayName: 'Contract child' } });
    expect([child.status, child.body.parentFolderId]).toEqual([201, top.body.id]);
    const renamed = await h.call('PATCH', `/me/mailFolders/${enc(child.body.id)}`, { body: { displayName: 'Contract renamed' } });
    expect([renamed.status, renamed.body.displayName, renamed.body.id]).toEqual([200, 'Contract renamed', child.body.id]);
    const moved = await h.call('POST', `/me/mailFolders/${enc(child.body.id)}/move`, { body: { destinationId: 'msgfolderroot' } });
    expect([moved.status, moved.body.id, moved.body.parentFolderId]).toEqual([200, child.body.id, mailbox().folder('msgfolderroot')!.id]);
    const again = await h.call('POST', `/me/mailFolders/${enc(child.body.id)}/move`, { body: { destinationId: 'msgfolderroot' } });
    expect([again.status, again.body.parentFolderId]).toEqual([200, moved.body.parentFolderId]);
    expect((await h.call('DELETE', `/me/mailFolders/${enc(child.body.id)}`)).status).toBe(204);
    expect((await h.get(`/me/mailFolders/${enc(child.body.id)}`)).status).toBe(404);
  });

  it('answers ErrorFolderExists for a sibling name, whatever its case, on create, rename and move', async () => {
    const parent = (await h.call('POST', '/me/mailFolders', { body: { displayName: 'Contract parent' } })).body.id as string;
    const first = await h.call('POST', `/me/mailFolders/${enc(parent)}/childFolders`, { body: { displayName: 'Taxes' } });
    const duplicate = await h.call('POST', `/me/mailFolders/${enc(parent)}/childFolders`, { body: { displayName: 'TAXES' } });
    expect([first.status, duplicate.status, duplicate.body.error.code]).toEqual([201, 409, 'ErrorFolderExists']);
    expect(duplicate.body.error.message).toBe('A folder with the specified name already exists.');
    const other = (await h.call('POST', `/me/mailFolders/${enc(parent)}/childFolders`, { body: { displayName: 'Other' } })).body.id as string;
    expect((await h.call('PATCH', `/me/mailFolders/${enc(other)}`, { body: { displayName: 'taxes' } })).body.error.code).toBe('ErrorFolderExists');
    const elsewhere = (await h.call('POST', '/me/mailFolders', { body: { displayName: 'Taxes' } })).body.id as string;
    expect((await h.call('POST', `/me/mailFolders/${enc(elsewhere)}/move`, { body: { destinationId: parent } })).body.error.code).toBe('ErrorFolderExists');
    // The folder itself keeps its name: renaming to it is no clash.
    expect((await h.call('PATCH', `/me/mailFolders/${enc(other)}`, { body: { displayName: 'Other' } })).status).toBe(200);
  });

  it('refuses to move a folder into itself or its subtree, and to move or delete a well-known folder', async () => {
    const outer = (await h.call('POST', '/me/mailFolders', { body: { displayName: 'Contract outer' } })).body.id as string;
    const inner = (await h.call('POST', `/me/mailFolders/${enc(outer)}/childFolders`, { body: { displayName: 'Contract inner' } })).body.id as string;
    for (const destinationId of [outer, inner]) expect((await h.call('POST', `/me/mailFolders/${enc(outer)}/move`, { body: { destinationId } })).status).toBe(400);
    expect((await h.call('POST', '/me/mailFolders/inbox/move', { body: { destinationId: outer } })).body.error.code).toBe('ErrorMoveDistinguishedFolder');
    expect((await h.call('DELETE', '/me/mailFolders/inbox')).body.error.code).toBe('ErrorDeleteDistinguishedFolder');
  });

  it('lists a folder\'s unread mail received before a time, first page by $top, with a skip-based nextLink', async () => {
    const folder = (await h.call('POST', '/me/mailFolders', { body: { displayName: 'Contract unread' } })).body.id as string;
    for (let i = 0; i < 5; i++) h.sim.state.simulateArrival('alice@contoso.test', { folder, isRead: i === 0 });
    const cutOff = new Date(Date.now() + 1000).toISOString();
    const filter = enc(`isRead eq false and receivedDateTime lt ${cutOff}`);
    const page = await h.get(`/me/mailFolders/${enc(folder)}/messages?$select=id&$filter=${filter}&$top=3`);
    expect(page.status).toBe(200);
    expect(page.body.value).toHaveLength(3);
    expect(page.body['@odata.nextLink']).toContain('%24skip=3');
    const all = await h.get(`/me/mailFolders/${enc(folder)}/messages?$select=id&$filter=${filter}&$top=10`);
    expect(all.body.value).toHaveLength(4);
    const before = enc(`isRead eq false and receivedDateTime lt 2000-01-01T00:00:00Z`);
    expect((await h.get(`/me/mailFolders/${enc(folder)}/messages?$select=id&$filter=${before}&$top=10`)).body.value).toEqual([]);
  });
});
