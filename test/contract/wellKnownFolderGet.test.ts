import { startGraphSim, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * `GET /me/mailFolders/{well-known name}?$select=id`, as mail/sync by `kind` resolves a folder.
 *
 * - https://learn.microsoft.com/graph/api/resources/mailfolder#well-known-folder-names: "Outlook
 *   creates certain folders for users by default. Instead of using the corresponding folder id value,
 *   for convenience, you can use the well-known folder names from the table below when accessing these
 *   folders." (archive, deleteditems, drafts, inbox, junkemail, sentitems among them).
 * - https://learn.microsoft.com/graph/api/mailfolder-get: "If successful, this method returns a 200 OK
 *   response code and a mailFolder object in the response body."
 *
 * UNVERIFIED: that a well-known folder the mailbox never had (an `archive` never created by One-Click
 * Archive) is 404 ErrorItemNotFound, as an unknown id is. Ferry answers it 404 `folder_not_found`
 * (test/e2e/batch.test.ts, "mail/sync by kind").
 */
describe('a mail folder by its well-known name', () => {
  let h: GraphSimHarness;
  const upn = 'alice@contoso.test';
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: [{ user: upn, messageCount: 5, folderCount: 0 }, { user: 'bob@contoso.test', messageCount: 0, folderCount: 0, withArchive: false }] });
  });
  afterAll(() => h.close());

  it.each(['inbox', 'drafts', 'sentitems', 'deleteditems', 'junkemail', 'archive'])('answers %s with the id of that folder', async (name) => {
    const answer = await h.call('GET', `/me/mailFolders/${name}?$select=id`);
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(h.sim.state.mailbox(upn)!.folder(name)!.id);
    expect(Object.keys(answer.body).filter((key) => !key.startsWith('@odata'))).toEqual(['id']);
  });

  it('answers a well-known folder the mailbox lacks 404 ErrorItemNotFound (UNVERIFIED)', async () => {
    const answer = await h.call('GET', '/me/mailFolders/archive?$select=id', { user: 'bob@contoso.test' });
    expect([answer.status, answer.body.error.code]).toEqual([404, 'ErrorItemNotFound']);
  });
});
