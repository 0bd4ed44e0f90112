import { sizeOverheadInBytes } from '../../../dev/graphSim/resources/mail/messages/attachmentContent';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

const enc = encodeURIComponent;

describe('graphSim messages', () => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterEach(() => h.close());
  const inboxIds = () => h.sim.state.mailbox('alice@contoso.test')!.messages('inbox').map((m) => m.id as string);

  it('lists a folder newest first, 10 per page by default, with $skip nextLinks', async () => {
    const first = await h.get('/me/mailFolders/inbox/messages');
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(10);
    const times = first.body.value.map((m: { receivedDateTime: string }) => m.receivedDateTime);
    expect([...times].sort().reverse()).toEqual(times);
    expect(first.body['@odata.nextLink']).toContain('%24skip=10');
    const second = await h.get(first.body['@odata.nextLink']);
    expect(second.body.value[0].receivedDateTime <= times[9]).toBe(true);
  });

  it('filters by receivedDateTime and isRead, orders, selects', async () => {
    const all = h.sim.state.mailbox('alice@contoso.test')!.messages();
    const cut = all.map((m) => m.receivedDateTime as string).sort()[Math.floor(all.length / 2)]!;
    const recent = await h.get(`/me/messages?$top=100&$filter=receivedDateTime ge ${cut}&$orderby=receivedDateTime asc&$select=subject,receivedDateTime`);
    expect(recent.status).toBe(200);
    expect(recent.body.value.length).toBe(all.filter((m) => (m.receivedDateTime as string) >= cut).length);
    expect(Object.keys(recent.body.value[0])).toEqual(['@odata.etag', 'id', 'receivedDateTime', 'subject']);
    const unread = await h.get('/me/messages?$top=100&$filter=isRead eq false');
    expect(unread.body.value.every((m: { isRead: boolean }) => m.isRead === false)).toBe(true);
    expect(unread.body.value.length).toBe(all.filter((m) => m.isRead === false).length);
  });

  it('answers InefficientFilter when $orderby does not lead $filter, as Outlook does', async () => {
    const answer = await h.get('/me/messages?$filter=isRead eq false&$orderby=receivedDateTime desc');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('InefficientFilter');
    const fine = await h.get('/me/messages?$filter=receivedDateTime ge 2020-01-01T00:00:00Z and isRead eq false&$orderby=receivedDateTime desc');
    expect(fine.status).toBe(200);
    expect((await h.get('/me/messages?$filter=startswith(subject,\'a\')')).status).toBe(400);
  });

  it('gets one message in Graph\'s shape, body HTML by default, text when preferred (Preference-Applied)', async () => {
    const id = inboxIds()[0]!;
    const html = await h.get(`/me/messages/${enc(id)}`);
    expect(html.status).toBe(200);
    expect(html.body.id).toBe(id);
    expect(html.body.body.contentType).toBe('html');
    expect(html.headers.get('preference-applied')).toBeNull();
    const text = await h.get(`/me/mailFolders/inbox/messages/${enc(id)}`, { headers: { Prefer: 'IdType="ImmutableId", outlook.body-content-type="text"' } });
    expect(text.body.body.contentType).toBe('text');
    expect(text.body.body.content).not.toMatch(/<\/?(p|html|body)/);
    expect(text.headers.get('preference-applied')).toBe('outlook.body-content-type="text"');
    expect(typeof text.body.isRead).toBe('boolean');
    expect(text.body.bodyPreview.length).toBeLessThanOrEqual(255);
  });

  it('answers 404 for an id of another mailbox and 400 for a malformed one', async () => {
    const bobsId = h.sim.state.mailbox('bob@contoso.test')!.messages()[0]!.id as string;
    const foreign = await h.get(`/me/messages/${enc(bobsId)}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('ErrorInvalidMailboxItemId');
    expect((await h.get('/me/messages/abc')).body.error.code).toBe('ErrorInvalidIdMalformed');
    const inOtherFolder = await h.get(`/me/mailFolders/drafts/messages/${enc(inboxIds()[0]!)}`);
    expect(inOtherFolder.status).toBe(404);
  });

  it('patches isRead, flag, categories and importance, with a new changeKey', async () => {
    const id = inboxIds()[0]!;
    const before = h.sim.state.mailbox('alice@contoso.test')!.message(id)!;
    const patched = await h.call('PATCH', `/me/messages/${enc(id)}`, {
      body: { isRead: !before.isRead, flag: { flagStatus: 'flagged' }, categories: ['Travel'], importance: 'high' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ isRead: !before.isRead, flag: { flagStatus: 'flagged' }, categories: ['Travel'], importance: 'high' });
    expect(patched.body.changeKey).not.toBe(before.changeKey);
    expect(patched.body['@odata.etag']).toBe(`W/"${patched.body.changeKey}"`);
    const wrongType = await h.call('PATCH', `/me/messages/${enc(id)}`, { body: { isRead: 'true' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe('RequestBodyRead');
    expect((await h.call('PATCH', `/me/messages/${enc(id)}`, { body: { colour: 'red' } })).body.error.code).toBe('RequestBodyRead');
    expect((await h.call('PATCH', `/me/messages/${enc(id)}`, { body: { subject: 'new' } })).body.error.code).toBe('ErrorInvalidPropertyUpdateSentMessage');
  });

  it('moves with the same (immutable) id, 201, and updates both folders\' counts', async () => {
    const mailbox = h.sim.state.mailbox('alice@contoso.test')!;
    const id = inboxIds()[0]!;
    const inboxTotal = mailbox.folder('inbox')!.totalItemCount as number;
    const moved = await h.call('POST', `/me/messages/${enc(id)}/move`, { body: { destinationId: 'archive' } });
    expect(moved.status).toBe(201);
    expect(moved.body.id).toBe(id);
    expect(moved.body.parentFolderId).toBe(mailbox.folder('archive')!.id);
    expect(mailbox.folder('inbox')!.totalItemCount).toBe(inboxTotal - 1);
    expect((await h.get(`/me/messages/${enc(id)}`)).body.parentFolderId).toBe(mailbox.folder('archive')!.id);
    expect((await h.call('POST', `/me/messages/${enc(id)}/move`, { body: {} })).status).toBe(400);
  });

  it('deletes (204): the message leaves its folder (into Recoverable Items, see softDelete.test.ts)', async () => {
    const id = inboxIds()[0]!;
    expect((await h.call('DELETE', `/me/messages/${enc(id)}`)).status).toBe(204);
    expect(inboxIds()).not.toContain(id);
    expect((await h.get(`/me/mailFolders/inbox/messages/${enc(id)}`)).status).toBe(404);
  });

  it('lists attachments with metadata (and contentBytes unless $select leaves them out)', async () => {
    const all = h.sim.state.mailbox('alice@contoso.test')!.messages();
    const withAttachments = all.find((m) => h.sim.state.mailbox('alice@contoso.test')!.attachments(m.id as string).length > 0)!;
    const list = await h.get(`/me/messages/${enc(withAttachments.id as string)}/attachments?$select=id,name,contentType,size,isInline`);
    expect(list.status).toBe(200);
    expect(list.body.value[0]).toEqual({ '@odata.type': '#microsoft.graph.fileAttachment', id: expect.any(String), name: expect.any(String), contentType: expect.any(String), size: expect.any(Number), isInline: expect.any(Boolean) });
    const one = await h.get(`/me/messages/${enc(withAttachments.id as string)}/attachments/${enc(list.body.value[0].id)}`);
    // Graph's size counts more than the bytes (UNVERIFIED how much: sizeOverheadInBytes).
    expect(Buffer.from(one.body.contentBytes, 'base64').length).toBe(one.body.size - sizeOverheadInBytes);
  });

  it('refuses message delta without a folder, as Graph does', async () => {
    expect((await h.get('/me/messages/delta')).status).toBe(400);
  });
});
