import { startGraphSim, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * The message writes Ferry's bulk commands send (mail/update, mail/move, mail/delete), each as a
 * `$batch` item the way Ferry sends them, as the simulator must answer them.
 *
 * - https://learn.microsoft.com/graph/api/message-update: PATCH /me/messages/{id}; writable
 *   "categories" ("The categories associated with the message"), "flag" ("The flag value that
 *   indicates the status, start date, due date, or completion date for the message"), "isRead"; "If
 *   successful, this method returns a 200 OK response code and updated message object in the
 *   response body." Only the properties given change ("For best performance you shouldn't include
 *   existing values that haven't changed").
 * - https://learn.microsoft.com/graph/api/resources/followupflag: flagStatus "notFlagged, complete,
 *   flagged".
 * - https://learn.microsoft.com/graph/api/message-move: POST /me/messages/{id}/move {destinationId}:
 *   "The destination folder ID, or a well-known folder name. For a list of supported well-known folder
 *   names, see mailFolder resource type."; "If successful, this method returns 201 Created response
 *   code and a message resource in the response body."
 * - https://learn.microsoft.com/graph/api/resources/mailfolder#well-known-folder-names: archive ("The
 *   archive folder messages are sent to when using the One_Click Archive feature in Outlook clients
 *   that support it. Note: this isn't the same as the Archive Mailbox feature of Exchange online."),
 *   deleteditems, inbox, junkemail.
 * - https://learn.microsoft.com/graph/api/message-delete: "If successful, this method returns 204 No
 *   Content response code." (the item goes to Recoverable Items: test/contract/softDelete.test.ts).
 * - https://learn.microsoft.com/graph/json-batching: each item has its own status, headers and body.
 *
 * UNVERIFIED: that a move to `archive` in a mailbox that has no Archive folder is 404
 * ErrorItemNotFound (Exchange creates the folder on first One-Click Archive in Outlook; Graph's move
 * may do that too). Ferry answers such a 404 of the destination `folder_not_found`.
 * Ferry's side: test/e2e/mailActions.test.ts.
 */
describe('message update, move and delete as $batch items', () => {
  let h: GraphSimHarness;
  const upn = 'alice@contoso.test';
  const enc = encodeURIComponent;
  const prefer = 'IdType="ImmutableId"';
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: [{ user: upn, messageCount: 30, folderCount: 2 }, { user: 'bob@contoso.test', messageCount: 3, folderCount: 0, withArchive: false }] });
  });
  afterAll(() => h.close());
  const mailbox = () => h.sim.state.mailbox(upn)!;
  const batch = async (requests: Array<{ method: string; url: string; body?: unknown }>, as?: string) => {
    const answer = await h.call('POST', '/$batch', {
      ...(as ? { user: as } : {}),
      body: { requests: requests.map((r, i) => ({ id: String(i + 1), ...r, headers: { prefer, ...(r.body ? { 'content-type': 'application/json' } : {}) } })) },
    });
    expect(answer.status).toBe(200);
    return (answer.body.responses as Array<{ id: string; status: number; body?: any }>).sort((a, b) => Number(a.id) - Number(b.id));
  };

  it('PATCH changes only isRead, flag.flagStatus and categories given, answering 200 with the message', async () => {
    const [a, b] = mailbox().messages('inbox') as Array<Record<string, any>>;
    const [first, second] = await batch([
      { method: 'PATCH', url: `/me/messages/${enc(a!.id)}`, body: { isRead: !a!.isRead, flag: { flagStatus: 'complete' } } },
      { method: 'PATCH', url: `/me/messages/${enc(b!.id)}`, body: { categories: ['Red', 'Blue'] } },
    ]);
    expect([first!.status, first!.body.id, first!.body.isRead, first!.body.flag.flagStatus]).toEqual([200, a!.id, !a!.isRead, 'complete']);
    expect([second!.status, second!.body.categories, second!.body.isRead, second!.body.flag]).toEqual([200, ['Red', 'Blue'], b!.isRead, b!.flag]);
    expect(mailbox().message(a!.id)!.categories).toEqual(a!.categories);
  });

  it.each(['inbox', 'deleteditems', 'archive', 'junkemail'])('moves to the well-known name %s: 201, same immutable id, parentFolderId that folder', async (name) => {
    const source = name === 'inbox' ? 'archive' : 'inbox';
    const message = mailbox().messages(source)[0]!;
    const target = String(mailbox().folder(name)!.id);
    const [moved] = await batch([{ method: 'POST', url: `/me/messages/${enc(String(message.id))}/move`, body: { destinationId: name } }]);
    expect([moved!.status, moved!.body.id, moved!.body.parentFolderId]).toEqual([201, message.id, target]);
    expect(mailbox().message(String(message.id))!.parentFolderId).toBe(target);
  });

  it('answers a move to a folder the mailbox lacks 404 ErrorItemNotFound, like one of an unknown message (UNVERIFIED for archive)', async () => {
    const bobMessage = String(h.sim.state.mailbox('bob@contoso.test')!.messages()[0]!.id);
    const [noArchive, unknownFolder] = await batch(
      [
        { method: 'POST', url: `/me/messages/${enc(bobMessage)}/move`, body: { destinationId: 'archive' } },
        { method: 'POST', url: `/me/messages/${enc(bobMessage)}/move`, body: { destinationId: 'AAMkAGNoSuchFolder' } },
      ],
      'bob@contoso.test',
    );
    expect([noArchive!.status, noArchive!.body.error.code]).toEqual([404, 'ErrorItemNotFound']);
    expect([unknownFolder!.status, unknownFolder!.body.error.code]).toEqual([404, 'ErrorItemNotFound']);
    const [unknownMessage] = await batch([{ method: 'POST', url: '/me/messages/AAMkAGNoSuchMessage/move', body: { destinationId: 'inbox' } }]);
    expect([unknownMessage!.status, unknownMessage!.body.error.code]).toEqual([404, 'ErrorItemNotFound']);
  });

  it('DELETE answers 204 and takes the message out of every visible folder; a repeat is 403 ErrorCannotDeleteObject', async () => {
    const id = String(mailbox().messages('inbox')[0]!.id);
    const [deleted] = await batch([{ method: 'DELETE', url: `/me/messages/${enc(id)}` }]);
    expect(deleted!.status).toBe(204);
    expect(mailbox().folders().some((f) => mailbox().messages(String(f.id)).some((m) => m.id === id))).toBe(false);
    const [again] = await batch([{ method: 'DELETE', url: `/me/messages/${enc(id)}` }]);
    expect([again!.status, again!.body.error.code]).toEqual([403, 'ErrorCannotDeleteObject']);
  });
});
