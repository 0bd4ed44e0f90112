import { startStack, type Stack } from '../helpers/startStack';

/**
 * mail/draft, mail/draft/update, mail/draft/delete (issue 15, first part) against the simulator: a
 * draft made once per clientMessageId (`created`, then `existing`, then `already_sent` once sent), the
 * key reused with another request 409, a repeat after a lost answer making no second draft, replies
 * threaded with the comment spliced above the quote, reply-all never to the user, forward needing `to`,
 * and edits refused on anything but a draft.
 */
const upn = 'alice@contoso.test';

describe('mail/draft', () => {
  let stack: Stack;
  let alice: string;
  const mailbox = () => stack.sim.state.mailbox(upn)!;
  type SimMessage = { id: string; subject: string; isDraft: boolean; parentFolderId: string; conversationId: string; body: { contentType: string; content: string }; toRecipients: Array<{ emailAddress: { address: string } }>; ccRecipients: Array<{ emailAddress: { address: string } }> };
  const message = (id: string) => mailbox().message(id) as unknown as SimMessage;
  const drafts = () => mailbox().messages('drafts') as unknown as SimMessage[];
  const call = (route: string, body: unknown) => stack.call(route, body, alice);

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: [{ user: upn, messageCount: 20, folderCount: 0 }, { user: 'bob@contoso.test', messageCount: 2, folderCount: 0 }], deliveryDelayInMs: 10 } });
    alice = await stack.token(upn);
  });
  afterAll(() => stack.close());

  it('creates once per clientMessageId: created, a repeat (the first answer lost) existing, the same draft; another request 409', async () => {
    const request = { clientMessageId: 'new-1', to: [{ address: 'bob@contoso.test' }], subject: 'Plans', body: { type: 'html', content: '<p>Hello</p>' }, importance: 'high' };
    const before = drafts().length;
    const first = await call('mail/draft', request);
    expect([first.status, first.body.status]).toEqual([200, 'created']);
    expect(message(first.body.draftId)).toMatchObject({ subject: 'Plans', isDraft: true, parentFolderId: mailbox().folder('drafts')!.id, importance: 'high' });
    const repeat = await call('mail/draft', request);
    expect(repeat.body).toEqual({ draftId: first.body.draftId, status: 'existing' });
    expect(drafts().length).toBe(before + 1);
    const other = await call('mail/draft', { ...request, subject: 'Other plans' });
    expect([other.status, other.body.code]).toEqual([409, 'idempotency_key_reused']);
    expect(drafts().length).toBe(before + 1);
  });

  it('a create whose Graph answer is lost (504 after it took effect) is found by its stamp: one draft, created', async () => {
    const before = drafts().length;
    const calls = (operation: string) => stack.sim.state.stats.byOperation[operation] ?? 0;
    const [creates, lookUps] = [calls('messages.create'), calls('messages.list')];
    stack.sim.state.throttleNext({ status: 504, operation: 'messages.create', afterApply: true });
    const answer = await call('mail/draft', { clientMessageId: 'lost-1', subject: 'Lost answer' });
    expect([answer.status, answer.body.status]).toEqual([200, 'created']);
    expect(drafts().filter((d) => d.subject === 'Lost answer').map((d) => d.id)).toEqual([answer.body.draftId]);
    expect(drafts().length).toBe(before + 1);
    // One create, never repeated (not idempotent); a look-up before it and one after the lost answer.
    expect([calls('messages.create') - creates, calls('messages.list') - lookUps]).toEqual([1, 2]);
  });

  it('a reply whose createReply answer is lost is found by the key in `message` and finished by the PATCH', async () => {
    const originalId = stack.sim.state.simulateArrival(upn, { subject: 'Lost reply', bodyHtml: '<html><body><p>Q?</p></body></html>' });
    stack.sim.state.throttleNext({ status: 504, operation: 'messages.createReply', afterApply: true });
    const answer = await call('mail/draft', { clientMessageId: 'lost-2', respondTo: { id: originalId, action: 'reply' }, comment: 'A.' });
    expect([answer.status, answer.body.status]).toEqual([200, 'created']);
    expect(drafts().filter((d) => d.subject === 'RE: Lost reply').map((d) => d.id)).toEqual([answer.body.draftId]);
    expect(message(answer.body.draftId).body.content).toMatch(/<body[^>]*>A\.<br>/);
  });

  it('a reply whose PATCH failed is finished by the repeat (key without hash): existing, comment spliced once', async () => {
    const originalId = stack.sim.state.simulateArrival(upn, { subject: 'Unfinished', bodyHtml: '<html><body><p>Q?</p></body></html>' });
    // Throttled past Ferry's wait budget: handed to the device at once, after one PATCH attempt.
    stack.sim.state.throttleNext({ status: 429, retryAfter: '30', operation: 'messages.update' });
    const request = { clientMessageId: 'unfinished-1', respondTo: { id: originalId, action: 'reply' }, comment: 'Once.' };
    const failed = await call('mail/draft', request);
    expect([failed.status, failed.body.code]).toEqual([429, 'throttled']);
    const repeat = await call('mail/draft', request);
    expect(repeat.body.status).toBe('existing');
    expect(drafts().filter((d) => d.subject === 'RE: Unfinished').map((d) => d.id)).toEqual([repeat.body.draftId]);
    expect(message(repeat.body.draftId).body.content.match(/Once\./g)).toHaveLength(1);
  });

  it('without the key in createReply\'s `message` (flag draftPropertiesInMessage off) a lost answer is outcome_unknown, and the repeat makes a second draft', async () => {
    stack.sim.state.setFlags({ draftPropertiesInMessage: false });
    try {
      const originalId = stack.sim.state.simulateArrival(upn, { subject: 'Flag off' });
      stack.sim.state.throttleNext({ status: 504, operation: 'messages.createReply', afterApply: true });
      const request = { clientMessageId: 'flag-off-1', respondTo: { id: originalId, action: 'reply' } };
      const lost = await call('mail/draft', request);
      expect([lost.status, lost.body.code]).toEqual([502, 'outcome_unknown']);
      const repeat = await call('mail/draft', request);
      expect(repeat.body.status).toBe('created');
      // The orphan (never sent by itself) is the documented cost: two drafts, one stamped.
      expect(drafts().filter((d) => d.subject === 'RE: Flag off')).toHaveLength(2);
    } finally {
      stack.sim.state.setFlags({ draftPropertiesInMessage: true });
    }
  });

  it('answers already_sent once the draft was sent (the Sent copy keeps its stamp), and makes nothing', async () => {
    const request = { clientMessageId: 'sent-1', to: [{ address: 'bob@contoso.test' }], subject: 'To send' };
    const created = await call('mail/draft', request);
    // Sent from Outlook (mail/send is a later part of issue 15): same id, in Sent Items, stamp kept.
    stack.sim.state.simulateDraftSent(upn, created.body.draftId);
    expect(message(created.body.draftId)).toMatchObject({ isDraft: false, parentFolderId: mailbox().folder('sentitems')!.id });
    const again = await call('mail/draft', request);
    expect(again.body).toEqual({ draftId: created.body.draftId, status: 'already_sent' });
  });

  it('replies in the original\'s conversation with the comment spliced above the quote, HTML-escaped', async () => {
    const originalId = stack.sim.state.simulateArrival(upn, { subject: 'Lunch?', bodyHtml: '<html><body><p>Lunch at noon?</p></body></html>' });
    const answer = await call('mail/draft', { clientMessageId: 'reply-1', respondTo: { id: originalId, action: 'reply' }, comment: 'Yes <gladly> & soon' });
    expect(answer.body.status).toBe('created');
    const draft = message(answer.body.draftId);
    expect(draft).toMatchObject({ subject: 'RE: Lunch?', isDraft: true, conversationId: message(originalId).conversationId });
    expect(draft.toRecipients.map((r) => r.emailAddress.address)).toEqual(['danas@fabrikam.test']);
    expect(draft.body.contentType).toBe('html');
    expect(draft.body.content).toMatch(/<body[^>]*>Yes &lt;gladly&gt; &amp; soon<br>/);
    expect(draft.body.content).toContain('Lunch at noon?');
    const repeat = await call('mail/draft', { clientMessageId: 'reply-1', respondTo: { id: originalId, action: 'reply' }, comment: 'Yes <gladly> & soon' });
    expect(repeat.body).toEqual({ draftId: answer.body.draftId, status: 'existing' });
    expect(message(answer.body.draftId).body.content.match(/gladly/g)).toHaveLength(1);
  });

  it('reply-all goes to everyone but the user; to/cc given replace Graph\'s', async () => {
    const originalId = stack.sim.state.simulateArrival(upn, { subject: 'Team', to: [{ name: 'Alice', address: upn }, { name: 'Carol', address: 'carol@contoso.test' }] });
    const all = await call('mail/draft', { clientMessageId: 'all-1', respondTo: { id: originalId, action: 'replyAll' }, comment: 'Agreed' });
    const draft = message(all.body.draftId);
    const everyone = [...draft.toRecipients, ...draft.ccRecipients].map((r) => r.emailAddress.address.toLowerCase()).sort();
    expect(everyone).toEqual(['carol@contoso.test', 'danas@fabrikam.test']);
    const replaced = await call('mail/draft', { clientMessageId: 'all-2', respondTo: { id: originalId, action: 'replyAll' }, to: [{ address: 'erin@contoso.test' }], cc: [] });
    expect(message(replaced.body.draftId).toRecipients.map((r) => r.emailAddress.address)).toEqual(['erin@contoso.test']);
    expect(message(replaced.body.draftId).ccRecipients).toEqual([]);
  });

  it('forwards with FW: and the attachments, and needs `to`', async () => {
    const originalId = stack.sim.state.simulateArrival(upn, { subject: 'Report', withAttachment: true });
    const refused = await call('mail/draft', { clientMessageId: 'fwd-0', respondTo: { id: originalId, action: 'forward' } });
    expect([refused.status, refused.body.code]).toEqual([400, 'bad_request']);
    const forward = await call('mail/draft', { clientMessageId: 'fwd-1', respondTo: { id: originalId, action: 'forward' }, to: [{ address: 'carol@contoso.test' }], body: { type: 'text', content: 'See below' } });
    const draft = message(forward.body.draftId);
    expect(draft).toMatchObject({ subject: 'FW: Report', conversationId: message(originalId).conversationId, hasAttachments: true, toRecipients: [{ emailAddress: { address: 'carol@contoso.test' } }] });
    // `body` replaces the whole body, Graph's quote included (the view renders it as HTML).
    expect(draft.body.content).toContain('See below');
    expect(draft.body.content).not.toContain('divRplyFwdMsg');
  });

  it('a forward leaves off dropAttachmentIds (found by name and size); mail/draft/update removes attachments, a repeat too', async () => {
    const originalId = stack.sim.state.simulateArrival(upn, {
      subject: 'Two files',
      attachments: [{ name: 'keep.pdf', byteLength: 100 }, { name: 'drop.pdf', byteLength: 200 }],
    });
    const originals = mailbox().attachments(originalId) as Array<{ id: string; name: string }>;
    const drop = originals.find((a) => a.name === 'drop.pdf')!.id;
    const forward = await call('mail/draft', { clientMessageId: 'fwd-drop', respondTo: { id: originalId, action: 'forward' }, to: [{ address: 'carol@contoso.test' }], dropAttachmentIds: [drop] });
    expect(forward.body.status).toBe('created');
    const names = () => (mailbox().attachments(forward.body.draftId) as Array<{ id: string; name: string }>).map((a) => a.name);
    expect(names()).toEqual(['keep.pdf']);
    const keep = (mailbox().attachments(forward.body.draftId) as Array<{ id: string }>)[0]!.id;
    const update = { draftId: forward.body.draftId, set: { subject: 'FW: one file' }, removeAttachmentIds: [keep] };
    expect((await call('mail/draft/update', update)).status).toBe(200);
    expect((await call('mail/draft/update', update)).status).toBe(200);
    expect(names()).toEqual([]);
    const notForward = await call('mail/draft', { clientMessageId: 'drop-2', respondTo: { id: originalId, action: 'reply' }, dropAttachmentIds: [drop] });
    expect([notForward.status, notForward.body.code]).toEqual([400, 'bad_request']);
  });

  it('a response to another mailbox\'s or an unknown message is not_found; comment with body is 400', async () => {
    const bobs = String(stack.sim.state.mailbox('bob@contoso.test')!.messages('inbox')[0]!.id);
    const answer = await call('mail/draft', { clientMessageId: 'bob-1', respondTo: { id: bobs, action: 'reply' } });
    expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
    const both = await call('mail/draft', { clientMessageId: 'x-1', respondTo: { id: bobs, action: 'reply' }, comment: 'a', body: { type: 'text', content: 'b' } });
    expect([both.status, both.body.code]).toEqual([400, 'bad_request']);
  });

  it('mail/draft/update changes a draft, mail/draft/delete deletes it; on a received message both are not_allowed', async () => {
    const created = await call('mail/draft', { clientMessageId: 'edit-1', subject: 'Before' });
    const updated = await call('mail/draft/update', { draftId: created.body.draftId, set: { subject: 'After', to: [{ name: 'Bob', address: 'bob@contoso.test' }] } });
    expect(updated.body).toEqual({ draftId: created.body.draftId });
    expect(message(created.body.draftId)).toMatchObject({ subject: 'After', toRecipients: [{ emailAddress: { name: 'Bob', address: 'bob@contoso.test' } }] });
    const received = String(mailbox().messages('inbox')[0]!.id);
    for (const [route, body] of [['mail/draft/update', { draftId: received, set: { subject: 'x' } }], ['mail/draft/delete', { draftId: received }]] as const) {
      const answer = await call(route, body);
      expect([route, answer.status, answer.body.code]).toEqual([route, 409, 'not_allowed']);
    }
    const deleted = await call('mail/draft/delete', { draftId: created.body.draftId });
    expect([deleted.status, deleted.body]).toEqual([200, {}]);
    expect(drafts().map((d) => d.id)).not.toContain(created.body.draftId);
    const again = await call('mail/draft/delete', { draftId: created.body.draftId });
    expect([again.status, again.body.code]).toEqual([404, 'not_found']);
  });

  it('takes a body up to 1 MiB (a request past it is 413)', async () => {
    const content = 'A'.repeat(1000 * 1024);
    const taken = await call('mail/draft', { clientMessageId: 'big-1', subject: 'Big', body: { type: 'text', content } });
    expect([taken.status, taken.body.status]).toEqual([200, 'created']);
    const refused = await call('mail/draft', { clientMessageId: 'big-2', subject: 'Too big', body: { type: 'text', content: `${content}${'A'.repeat(50 * 1024)}` } });
    expect([refused.status, refused.body.code]).toEqual([413, 'payload_too_large']);
  });
});
