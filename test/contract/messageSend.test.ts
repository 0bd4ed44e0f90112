import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * https://learn.microsoft.com/en-us/graph/api/message-send: "Send an existing draft message. The draft
 * message can be a new message draft, reply draft, reply-all draft, or a forward draft. This method
 * saves the message in the Sent Items folder." ... "If successful, this method returns 202 Accepted
 * response code. It does not return anything in the response body."
 * https://learn.microsoft.com/en-us/graph/outlook-immutable-id: an item keeps its immutable id when it
 * moves, which the Sent copy of a draft does (issue 15: it "may 404 a while"; how long: UNVERIFIED, the
 * simulator's `sendWindowInMs`). UNVERIFIED: that the Sent copy keeps the draft's extended properties;
 * that Graph checks `If-Match` on a message PATCH (412 `ErrorIrresolvableConflict`, flag `ifMatchIgnored`);
 * the headers a delivered copy carries (internetMessageHeaders: Message-ID, and a reply's In-Reply-To and
 * References only); the NDR (its wording) of a message over the tenant's MaxSendSize
 * (https://learn.microsoft.com/en-us/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits#message-limits,
 * 35 MB by default), Exchange's 5.3.4 non-delivery report.
 * The simulator does each of these; Ferry's mail/send relies on them (test/e2e/mailSend.test.ts).
 */
const property = 'String {b6d2a1f4-3c5e-4e8a-9f17-0a2c4e6b8d31} Name FerrySendMark';
const expand = `$expand=singleValueExtendedProperties($filter=id eq '${property}')`;

describe('POST /me/messages/{id}/send', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, sendWindowInMs: 100, maxSendSizeInBytes: 10_000 });
  });
  afterAll(() => h.close());
  const mailbox = (upn = 'alice@contoso.test') => h.sim.state.mailbox(upn)!;
  const createDraft = async (message: Record<string, unknown>) => {
    const created = await h.call('POST', '/me/messages', { body: message });
    expect(created.status).toBe(201);
    return created.body as { id: string; '@odata.etag': string };
  };
  const toBob = { toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }] };

  it('answers 202 with no body; the id 404s a while, then names the Sent copy (not a draft, its properties kept); bob gets it', async () => {
    const draft = await createDraft({ subject: 'Contract send', ...toBob, singleValueExtendedProperties: [{ id: property, value: 'v1;1;' + 'a'.repeat(32) }] });
    const answer = await h.call('POST', `/me/messages/${draft.id}/send`);
    expect([answer.status, answer.body]).toEqual([202, undefined]);
    expect((await h.get(`/me/messages/${draft.id}`)).status).toBe(404);
    expect(mailbox().messages('drafts').some((m) => m.id === draft.id)).toBe(false);
    await h.sim.state.deliveriesSettled();
    const sent = await h.get(`/me/messages/${draft.id}?$select=isDraft,parentFolderId&${expand}`);
    expect(sent.body).toMatchObject({ isDraft: false, parentFolderId: mailbox().folder('sentitems')!.id, singleValueExtendedProperties: [{ id: property }] });
    expect(mailbox('bob@contoso.test').messages('inbox').filter((m) => m.subject === 'Contract send')).toHaveLength(1);
  });

  it('refuses a draft without recipients (400 ErrorInvalidRecipients) and a message that is not a draft (400)', async () => {
    const draft = await createDraft({ subject: 'Nobody' });
    const refused = await h.call('POST', `/me/messages/${draft.id}/send`);
    expect([refused.status, refused.body.error.code]).toEqual([400, 'ErrorInvalidRecipients']);
    const received = mailbox().messages('inbox')[0]!;
    expect((await h.call('POST', `/me/messages/${String(received.id)}/send`)).status).toBe(400);
  });

  it('a reply is delivered into the conversation of the message it answers (In-Reply-To)', async () => {
    // Bob sends alice a question; she replies to her copy; his copy of the reply joins his conversation.
    const fromBob = await h.call('POST', '/me/messages', { user: 'bob@contoso.test', body: { subject: 'Question', toRecipients: [{ emailAddress: { address: 'alice@contoso.test' } }] } });
    await h.call('POST', `/me/messages/${fromBob.body.id}/send`, { user: 'bob@contoso.test' });
    await h.sim.state.deliveriesSettled();
    const received = mailbox().messages('inbox').find((m) => m.subject === 'Question')!;
    const reply = await h.call('POST', `/me/messages/${String(received.id)}/createReply`, { body: {} });
    await h.call('POST', `/me/messages/${reply.body.id}/send`);
    await h.sim.state.deliveriesSettled();
    const bobsCopy = mailbox('bob@contoso.test').messages('inbox').find((m) => m.subject === 'RE: Question')!;
    const bobsSent = mailbox('bob@contoso.test').messages('sentitems').find((m) => m.id === fromBob.body.id)!;
    expect(bobsCopy.conversationId).toBe(bobsSent.conversationId);
    // https://learn.microsoft.com/en-us/graph/api/resources/message (internetMessageHeaders: "A collection
    // of message headers defined by RFC5322 ... Returned only on applying a $select query option."):
    // the reply's In-Reply-To and References name the question's internetMessageId; a draft has none.
    const headers = await h.get(`/me/messages/${String(bobsCopy.id)}?$select=internetMessageHeaders`, { user: 'bob@contoso.test' });
    expect(headers.body.internetMessageHeaders).toEqual([
      { name: 'Message-ID', value: bobsCopy.internetMessageId },
      { name: 'In-Reply-To', value: bobsSent.internetMessageId },
      { name: 'References', value: bobsSent.internetMessageId },
    ]);
    expect((await h.get(`/me/messages/${String(bobsCopy.id)}`, { user: 'bob@contoso.test' })).body).not.toHaveProperty('internetMessageHeaders');
  });

  it('over MaxSendSize: nobody gets it; a non-delivery report arrives in the sender\'s Inbox', async () => {
    const draft = await createDraft({ subject: 'Too large', ...toBob, body: { contentType: 'text', content: 'x'.repeat(20_000) } });
    expect((await h.call('POST', `/me/messages/${draft.id}/send`)).status).toBe(202);
    await h.sim.state.deliveriesSettled();
    expect(mailbox('bob@contoso.test').messages('inbox').filter((m) => m.subject === 'Too large')).toHaveLength(0);
    expect(mailbox().messages('inbox').filter((m) => m.subject === 'Undeliverable: Too large')).toHaveLength(1);
  });

  it.each([false, true])('PATCH with If-Match: the current etag passes; an old one is 412 ErrorIrresolvableConflict unless ifMatchIgnored (%s)', async (ifMatchIgnored) => {
    h.sim.state.setFlags({ ifMatchIgnored });
    try {
      const draft = await createDraft({ subject: `If-Match ${ifMatchIgnored}` });
      const first = await h.call('PATCH', `/me/messages/${draft.id}`, { body: { subject: 'One' }, headers: { 'if-match': draft['@odata.etag'] } });
      expect(first.status).toBe(200);
      const stale = await h.call('PATCH', `/me/messages/${draft.id}`, { body: { subject: 'Two' }, headers: { 'if-match': draft['@odata.etag'] } });
      if (ifMatchIgnored) expect(stale.status).toBe(200);
      else expect([stale.status, stale.body.error.code]).toEqual([412, 'ErrorIrresolvableConflict']);
    } finally {
      h.sim.state.setFlags({ ifMatchIgnored: false });
    }
  });

  it('state.failNext: one fault at one step; `answerLost` applies the send and answers 504', async () => {
    const draft = await createDraft({ subject: 'Lost send', ...toBob });
    h.sim.state.failNext({ operation: 'messages.send', kind: 'answerLost' });
    expect((await h.call('POST', `/me/messages/${draft.id}/send`)).status).toBe(504);
    await h.sim.state.deliveriesSettled();
    expect(mailbox().messages('sentitems').filter((m) => m.id === draft.id)).toHaveLength(1);
    const next = await createDraft({ subject: 'Refused send', ...toBob });
    h.sim.state.failNext({ operation: 'messages.send', kind: 'refused' });
    expect((await h.call('POST', `/me/messages/${next.id}/send`)).status).toBe(503);
    expect(mailbox().messages('drafts').filter((m) => m.id === next.id)).toHaveLength(1);
  });
});
