import { sizeOverheadInBytes } from '../../../dev/graphSim/resources/mail/messages/attachmentContent';
import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

describe('graphSim sendMail', () => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, deliveryDelayInMs: 50 });
  });
  afterEach(() => h.close());
  const bob = () => h.sim.state.mailbox('bob@contoso.test')!;
  const alice = () => h.sim.state.mailbox('alice@contoso.test')!;

  it('answers 202 at once and delivers after the delay: recipients\' Inbox and the sender\'s Sent Items', async () => {
    const bobInbox = bob().messages('inbox').length;
    const aliceSent = alice().messages('sentitems').length;
    const answer = await h.call('POST', '/me/sendMail', {
      body: {
        message: {
          subject: 'Lunch? 🍜',
          body: { contentType: 'Text', content: 'Noon at the café & then back.' },
          toRecipients: [{ emailAddress: { address: 'BOB@contoso.test' } }],
          ccRecipients: [{ emailAddress: { address: 'someone@elsewhere.example' } }],
          attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'menu.txt', contentType: 'text/plain', contentBytes: Buffer.from('soup').toString('base64') }],
        },
        saveToSentItems: true,
      },
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toBeUndefined();
    expect(bob().messages('inbox')).toHaveLength(bobInbox); // not yet
    const draft = alice().messages('drafts').find((m) => m.subject === 'Lunch? 🍜')!;
    expect(draft).toMatchObject({ isDraft: true, hasAttachments: true }); // saved in Drafts before the 202
    expect(alice().messages('sentitems')).toHaveLength(aliceSent);
    await h.sim.state.deliveriesSettled();
    const delivered = bob().messages('inbox').find((m) => m.subject === 'Lunch? 🍜')!;
    expect(delivered).toMatchObject({ isRead: false, hasAttachments: true, from: { emailAddress: { name: 'Alice Wilber', address: 'alice@contoso.test' } } });
    expect(bob().attachments(delivered.id as string)[0]).toMatchObject({ name: 'menu.txt', size: 4 + sizeOverheadInBytes });
    expect(alice().messages('sentitems')).toHaveLength(aliceSent + 1);
    const sent = alice().messages('sentitems').find((m) => m.subject === 'Lunch? 🍜')!;
    expect(sent.internetMessageId).toBe(delivered.internetMessageId);
    expect(sent.id).not.toBe(delivered.id);
    expect(sent).toMatchObject({ id: draft.id, isDraft: false }); // the draft itself, moved
    expect(alice().messages('drafts').some((m) => m.id === draft.id)).toBe(false);
  });

  it('shows the send in the sender\'s Drafts delta (in, then removed) and Sent Items delta (the same id)', async () => {
    const drafts = await drain(h, '/me/mailFolders/drafts/messages/delta?$select=subject,isDraft');
    const sentItems = await drain(h, '/me/mailFolders/sentitems/messages/delta?$select=subject,isDraft');
    await h.call('POST', '/me/sendMail', { body: { message: { subject: 'Minutes', toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }] } } });
    const whileSending = await drain(h, drafts.deltaLink!);
    expect(whileSending.entries).toEqual([expect.objectContaining({ subject: 'Minutes', isDraft: true })]);
    const id = whileSending.entries[0]!.id;
    await h.sim.state.deliveriesSettled();
    expect((await drain(h, whileSending.deltaLink!)).entries).toEqual([{ '@odata.type': '#microsoft.graph.message', id, '@removed': { reason: 'deleted' } }]);
    expect((await drain(h, sentItems.deltaLink!)).entries).toEqual([expect.objectContaining({ id, subject: 'Minutes', isDraft: false })]);
  });

  it('keeps no copy with saveToSentItems false (the docs\' string "false" too)', async () => {
    const aliceSent = alice().messages('sentitems').length;
    for (const saveToSentItems of [false, 'false']) {
      const answer = await h.call('POST', '/me/sendMail', { body: { message: { subject: 'x', toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }] }, saveToSentItems } });
      expect(answer.status).toBe(202);
    }
    await h.sim.state.deliveriesSettled();
    expect(alice().messages('sentitems')).toHaveLength(aliceSent);
    expect(alice().messages('drafts').some((m) => m.subject === 'x')).toBe(false); // the draft is deleted once sent
  });

  it('refuses a message without recipients or with a malformed address', async () => {
    const none = await h.call('POST', '/me/sendMail', { body: { message: { subject: 'x' } } });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('ErrorInvalidRecipients');
    const bad = await h.call('POST', '/me/sendMail', { body: { message: { toRecipients: [{ emailAddress: { address: 'nobody' } }] } } });
    expect(bad.body.error.code).toBe('ErrorInvalidRecipients');
  });

  it('shows the delivered message in the recipient\'s Inbox delta', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject', { user: 'bob@contoso.test' });
    await h.call('POST', '/me/sendMail', { body: { message: { subject: 'Ping', toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }] } } });
    await h.sim.state.deliveriesSettled();
    const next = await h.get(deltaLink!, { user: 'bob@contoso.test' });
    expect(next.body.value).toEqual([expect.objectContaining({ subject: 'Ping' })]);
  });
});
