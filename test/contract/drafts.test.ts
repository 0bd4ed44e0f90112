import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * Drafts, replies and named extended properties, as documented:
 * - https://learn.microsoft.com/graph/api/user-post-messages: "Create a draft of a new message ... you
 *   can create an open extension or extended properties in the same call"; Response "201 Created" with
 *   the message; the draft is in Drafts (`isDraft: true`).
 * - https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get, "Get messages filtered by
 *   a single-value extended property": `GET /me/messages?$filter=singleValueExtendedProperties/Any(ep: ep/id
 *   eq '{id_value}' and ep/value eq '{property_value}')`, and "Get a resource instance expanded with a
 *   matching extended property": `$expand=singleValueExtendedProperties($filter=id eq '{id_value}')`.
 * - https://learn.microsoft.com/graph/api/message-createreply (also -createreplyall, -createforward):
 *   "Create a draft to reply to the sender of a message ... you can update the draft later"; the
 *   response sample (test/fixtures/graph-samples/message-createreply-response.json) is a message with
 *   `isDraft: true`. Known issue (https://learn.microsoft.com/graph/known-issues, "comment parameter for
 *   creating a draft"): "the comment property is not included in the body of the draft"; the simulator
 *   ignores `comment`, Ferry splices it in (test/e2e/mailDraft.test.ts).
 * - https://learn.microsoft.com/graph/api/attachment-delete: "Delete an attachment from a user calendar
 *   event, message, or group post"; Response "If successful, this method returns 204 No Content".
 * UNVERIFIED points (dev/graphSim/README.md): properties in createReply's `message` (flag
 * `draftPropertiesInMessage`, both ways below), the quote's markup, RE:/FW: not doubled.
 */
const samplesDir = join(__dirname, '..', 'fixtures', 'graph-samples');
const sample = (name: string) => JSON.parse(readFileSync(join(samplesDir, `${name}.json`), 'utf8'));
const guid = '{5a3a8f7e-1c2b-4d5e-9f60-7a8b9c0d1e2f}';
const keyId = `String ${guid} Name Key`;
const hashId = `String ${guid} Name Hash`;
const enc = encodeURIComponent;
const byKey = (value: string) => `/me/messages?$filter=${enc(`singleValueExtendedProperties/Any(ep: ep/id eq '${keyId}' and ep/value eq '${value}')`)}&$expand=${enc(`singleValueExtendedProperties($filter=id eq '${hashId}')`)}&$select=id,isDraft`;

describe('drafts, createReply/createReplyAll/createForward and extended properties', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.state.setFlags({ draftPropertiesInMessage: true }));
  const alice = () => h.sim.state.mailbox('alice@contoso.test')!;

  it('POST /me/messages creates a draft in Drafts with its properties, found mailbox-wide by $filter and read by $expand', async () => {
    const answer = await h.call('POST', '/me/messages', {
      body: {
        subject: 'Draft one',
        body: { contentType: 'html', content: '<p>hi</p>' },
        toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }],
        singleValueExtendedProperties: [{ id: keyId, value: 'abc123' }, { id: hashId, value: 'h1' }],
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ subject: 'Draft one', isDraft: true, parentFolderId: alice().folder('drafts')!.id });
    // Values compare case-insensitively; another value finds nothing.
    const found = await h.get(byKey('ABC123'));
    expect(found.body.value).toEqual([{ '@odata.etag': expect.any(String), id: answer.body.id, isDraft: true, singleValueExtendedProperties: [{ id: hashId, value: 'h1' }] }]);
    expect((await h.get(byKey('abc124'))).body.value).toEqual([]);
    const one = await h.get(`/me/messages/${enc(answer.body.id)}?$select=id&$expand=${enc(`singleValueExtendedProperties($filter=id eq '${keyId}')`)}`);
    expect(one.body.singleValueExtendedProperties).toEqual([{ id: keyId, value: 'abc123' }]);
  });

  it('PATCH sets properties and draft content; content of a sent message is refused', async () => {
    const draft = await h.call('POST', '/me/messages', { body: { subject: 'To patch' } });
    const patched = await h.call('PATCH', `/me/messages/${enc(draft.body.id)}`, { body: { subject: 'Patched', singleValueExtendedProperties: [{ id: keyId, value: 'patched-key' }] } });
    expect([patched.status, patched.body.subject]).toEqual([200, 'Patched']);
    expect((await h.get(byKey('patched-key'))).body.value.map((m: { id: string }) => m.id)).toEqual([draft.body.id]);
    const received = alice().messages('inbox')[0]!;
    const refused = await h.call('PATCH', `/me/messages/${enc(received.id as string)}`, { body: { subject: 'no' } });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'ErrorInvalidPropertyUpdateSentMessage']);
  });

  it('createReply matches message-createreply-response.json: RE:, the sender, same conversation, quote; comment ignored', async () => {
    const original = alice().messages('inbox')[0]!;
    const answer = await h.call('POST', `/me/messages/${enc(original.id as string)}/createReply`, { body: { comment: 'my words' } });
    expect(answer.status).toBe(201);
    const theirs = sample('message-createreply-response');
    for (const key of Object.keys(theirs).filter((k) => !k.startsWith('@odata.context'))) expect(Object.keys(answer.body)).toContain(key);
    expect(answer.body).toMatchObject({ isDraft: true, subject: `RE: ${original.subject}`, conversationId: original.conversationId, toRecipients: [original.from] });
    expect(answer.body.parentFolderId).toBe(alice().folder('drafts')!.id);
    expect(answer.body.body.content).not.toContain('my words');
    expect(answer.body.body.content).toContain('divRplyFwdMsg');
  });

  it('createReplyAll goes to the sender and the other recipients, never the user; createForward to nobody, FW:, attachments kept', async () => {
    const teamId = h.sim.state.simulateArrival('alice@contoso.test', { subject: 'Team', to: [{ name: 'Alice', address: 'ALICE@contoso.test' }, { name: 'Carol', address: 'carol@contoso.test' }] });
    const all = await h.call('POST', `/me/messages/${enc(teamId)}/createReplyAll`, {});
    const everyone = [...all.body.toRecipients, ...all.body.ccRecipients].map((r: { emailAddress: { address: string } }) => r.emailAddress.address.toLowerCase());
    expect(everyone.sort()).toEqual(['carol@contoso.test', 'danas@fabrikam.test']);
    const withFile = h.sim.state.simulateArrival('alice@contoso.test', { subject: 'Report', withAttachment: true });
    const original = alice().message(withFile)!;
    const forward = await h.call('POST', `/me/messages/${enc(withFile)}/createForward`, { body: { message: { toRecipients: [{ emailAddress: { address: 'carol@contoso.test' } }] } } });
    expect(forward.status).toBe(201);
    expect(forward.body).toMatchObject({ subject: 'FW: Report', conversationId: original.conversationId, toRecipients: [{ emailAddress: { address: 'carol@contoso.test' } }], hasAttachments: true });
  });

  it.each([true, false])('createReply with properties in `message` (flag draftPropertiesInMessage %s)', async (flag) => {
    h.sim.state.setFlags({ draftPropertiesInMessage: flag });
    const original = alice().messages('inbox')[1]!;
    const key = `in-message-${String(flag)}`;
    const answer = await h.call('POST', `/me/messages/${enc(original.id as string)}/createReply`, { body: { message: { singleValueExtendedProperties: [{ id: keyId, value: key }] } } });
    expect(answer.status).toBe(201);
    expect((await h.get(byKey(key))).body.value.map((m: { id: string }) => m.id)).toEqual(flag ? [answer.body.id] : []);
  });

  it('DELETE of a draft\'s attachment answers 204 and takes it off; again 404', async () => {
    const withFile = h.sim.state.simulateArrival('alice@contoso.test', { subject: 'To forward', withAttachment: true });
    const forward = await h.call('POST', `/me/messages/${enc(withFile)}/createForward`, {});
    const [attachment] = (await h.get(`/me/messages/${enc(forward.body.id)}/attachments?$select=id,name,size`)).body.value;
    const path = `/me/messages/${enc(forward.body.id)}/attachments/${enc(attachment.id)}`;
    expect((await h.call('DELETE', path)).status).toBe(204);
    expect((await h.get(`/me/messages/${enc(forward.body.id)}?$select=hasAttachments`)).body.hasAttachments).toBe(false);
    expect((await h.call('DELETE', path)).status).toBe(404);
  });

  it('refuses a malformed property id and an unsupported $expand', async () => {
    const bad = await h.call('POST', '/me/messages', { body: { singleValueExtendedProperties: [{ id: 'Key', value: 'x' }] } });
    expect(bad.status).toBe(400);
    expect((await h.get('/me/messages?$expand=attachments')).status).toBe(400);
  });
});
