import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * https://learn.microsoft.com/graph/outlook-things-to-know-about-send-mail: "1. Create a new message in
 * sender's mailbox: Outlook creates a new message in the sender's Drafts folder ... If successful, the
 * method returns an HTTP response 202 Accepted status code." ... "4. Move original message to the Sent
 * Items folder: ... the Exchange store updates the message and moves it from the Drafts folder to the
 * Sent Items folder. (Depending on optional message properties, it may move to a different folder or
 * delete the message instead.)"
 * The simulator does so, keeping the id (immutable ids); Ferry's mail/sync of both folders during a
 * send converges (test/e2e/sendMailSync.test.ts).
 */
describe('sendMail saves in Drafts, then moves the same message to Sent Items', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, deliveryDelayInMs: 50 });
  });
  afterAll(() => h.close());
  const alice = () => h.sim.state.mailbox('alice@contoso.test')!;

  it('answers 202 with the message in Drafts, and later has it in Sent Items under the same id', async () => {
    const answer = await h.call('POST', '/me/sendMail', { body: { message: { subject: 'Contract', toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }] } } });
    expect(answer.status).toBe(202);
    const draft = alice().messages('drafts').find((m) => m.subject === 'Contract')!;
    expect(draft.isDraft).toBe(true);
    await h.sim.state.deliveriesSettled();
    expect(alice().messages('drafts').find((m) => m.id === draft.id)).toBeUndefined();
    const sent = await h.get(`/me/messages/${encodeURIComponent(draft.id as string)}?$select=parentFolderId,isDraft`);
    expect(sent.body).toMatchObject({ parentFolderId: alice().folder('sentitems')!.id, isDraft: false });
  });
});
