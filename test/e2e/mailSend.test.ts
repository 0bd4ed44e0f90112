import { randomBytes } from 'node:crypto';
import { deviceTimings } from '../../shared/protocol/deviceRules';
import { configSchema } from '../../shared/config';
import { sendMarkPropertyId } from '../../shared/commands/drafts/sendMark';
import { ReferenceDevice } from '../device/referenceDevice';
import { draftAndSend } from '../device/outboxSend';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * mail/send (issue 15, "Exactly once") against the simulator: submitted, then pending while the sent
 * message is in no folder (GET 404), then already_sent; a draft Graph refuses to send (no recipients)
 * is 409 and keeps no mark; a marked draft cannot be edited (send_in_progress); and the fault matrix:
 * a fault after each step, the answer lost on its way to the phone, two sends at once: each time one
 * `/send`, one Sent copy, one delivery.
 */
const upn = 'alice@contoso.test';
const bob = 'bob@contoso.test';
const stuckInMs = 1500;

describe('mail/send', () => {
  let stack: Stack;
  let alice: string;
  const mailbox = (user = upn) => stack.sim.state.mailbox(user)!;
  const call = (route: string, body: unknown) => stack.call(route, body, alice);
  const sends = () => stack.sim.state.stats.byOperation['messages.send'] ?? 0;
  const withSubject = (user: string, folder: string, subject: string) => mailbox(user).messages(folder).filter((m) => m.subject === subject);
  const markOf = async (id: string) => {
    const answer = await stack.graph('GET', `/me/messages/${id}?$select=id&$expand=singleValueExtendedProperties($filter=id eq '${sendMarkPropertyId}')`);
    return answer.body?.singleValueExtendedProperties?.[0]?.value as string | undefined;
  };
  const draft = async (subject: string, to: string[] = [bob]) => {
    const answer = await call('mail/draft', { clientMessageId: `send-${randomBytes(6).toString('hex')}`, to: to.map((address) => ({ address })), subject, body: { type: 'text', content: 'Hi' } });
    expect(answer.status).toBe(200);
    return answer.body.draftId as string;
  };
  const device = () => new ReferenceDevice({ hostUrl: stack.hostUrl, getToken: async () => alice, timeScale: 0.05 });

  beforeAll(async () => {
    stack = await startStack({
      sim: { mailboxes: [{ user: upn, messageCount: 10, folderCount: 0 }, { user: bob, messageCount: 2, folderCount: 0 }], sendWindowInMs: 300 },
      env: { FERRY_SEND_STUCK_MS: String(stuckInMs) },
    });
    alice = await stack.token(upn);
  });
  afterAll(() => stack.close());

  it('the device\'s 30 s before repeating a send without answer is the fence plus one Graph attempt (10 s)', () => {
    const defaults = configSchema.parse({});
    expect(deviceTimings.sendRepeatAfterInSeconds * 1000).toBe(defaults.FERRY_SEND_FENCE_MS + defaults.FERRY_GRAPH_TIMEOUT_MS);
  });

  it('submitted, then pending (202, Retry-After) while the message is in flight, then already_sent; one /send, one Sent copy, one delivery', async () => {
    const draftId = await draft('Send once');
    const before = sends();
    const first = await call('mail/send', { draftId });
    expect([first.status, first.body]).toEqual([200, { status: 'submitted' }]);
    const inFlight = await call('mail/send', { draftId });
    expect([inFlight.status, inFlight.body, inFlight.headers.get('retry-after')]).toEqual([202, { code: 'pending' }, '2']);
    expect((await stack.graph('GET', `/me/messages/${draftId}`)).status).toBe(404);
    await stack.sim.state.deliveriesSettled();
    const after = await call('mail/send', { draftId });
    expect([after.status, after.body]).toEqual([200, { status: 'already_sent' }]);
    expect(sends() - before).toBe(1);
    expect(withSubject(upn, 'sentitems', 'Send once').map((m) => m.id)).toEqual([draftId]);
    expect(withSubject(bob, 'inbox', 'Send once')).toHaveLength(1);
    expect(withSubject(upn, 'drafts', 'Send once')).toHaveLength(0);
  });

  it('a reply made and sent through Ferry reaches the original\'s sender in its conversation, with In-Reply-To and References', async () => {
    const original = await draft('Thread me');
    expect((await call('mail/send', { draftId: original })).body).toEqual({ status: 'submitted' });
    await stack.sim.state.deliveriesSettled();
    const [bobsCopy] = withSubject(bob, 'inbox', 'Thread me');
    const bobToken = await stack.token(bob);
    const reply = await stack.call('mail/draft', { clientMessageId: `reply-${randomBytes(6).toString('hex')}`, respondTo: { id: String(bobsCopy!.id), action: 'reply' }, comment: 'Agreed.' }, bobToken);
    expect(reply.status).toBe(200);
    expect((await stack.call('mail/send', { draftId: reply.body.draftId }, bobToken)).body).toEqual({ status: 'submitted' });
    await stack.sim.state.deliveriesSettled();
    const [answer] = withSubject(upn, 'inbox', 'RE: Thread me');
    const [sentOriginal] = withSubject(upn, 'sentitems', 'Thread me');
    expect(answer!.conversationId).toBe(sentOriginal!.conversationId);
    const headers = await stack.graph('GET', `/me/messages/${answer!.id}?$select=internetMessageHeaders`);
    const named = (name: string) => (headers.body.internetMessageHeaders as Array<{ name: string; value: string }>).find((h) => h.name === name)?.value;
    expect([named('In-Reply-To'), named('References')]).toEqual([sentOriginal!.internetMessageId, sentOriginal!.internetMessageId]);
  });

  it('a draft Exchange refuses to send (no recipients) is 409 not_allowed and keeps no mark: edited, it sends', async () => {
    const draftId = await draft('No one', []);
    const refused = await call('mail/send', { draftId });
    expect([refused.status, refused.body.code]).toEqual([409, 'not_allowed']);
    expect(await markOf(draftId)).toBe('v1;cleared');
    const edited = await call('mail/draft/update', { draftId, set: { to: [{ address: bob }] } });
    expect(edited.status).toBe(200);
    expect((await call('mail/send', { draftId })).body).toEqual({ status: 'submitted' });
    await stack.sim.state.deliveriesSettled();
    expect(withSubject(bob, 'inbox', 'No one')).toHaveLength(1);
  });

  it('a draft with a send mark is not edited or deleted (409 send_in_progress with Retry-After) and its send is pending', async () => {
    const draftId = await draft('Being sent');
    const mark = `v1;${Date.now()};${randomBytes(16).toString('hex')}`;
    await stack.graph('PATCH', `/me/messages/${draftId}`, upn, { singleValueExtendedProperties: [{ id: sendMarkPropertyId, value: mark }] });
    const update = await call('mail/draft/update', { draftId, set: { subject: 'Changed' } });
    const remove = await call('mail/draft/delete', { draftId });
    for (const answer of [update, remove]) expect([answer.status, answer.body.code, answer.headers.get('retry-after')]).toEqual([409, 'send_in_progress', '2']);
    const before = sends();
    expect((await call('mail/send', { draftId })).status).toBe(202);
    expect(sends()).toBe(before);
    expect(mailbox().message(draftId)).toMatchObject({ subject: 'Being sent', isDraft: true });
  });

  it('a draft saved by another client (Outlook) and edited here is sent once too', async () => {
    expect((await stack.graph('POST', '/me/messages', upn, { subject: 'From Outlook', toRecipients: [{ emailAddress: { address: bob } }] })).status).toBe(201);
    // Its immutable id, as the phone has it from mail/sync of Drafts (the test's own call got the REST form).
    const draftId = String(withSubject(upn, 'drafts', 'From Outlook')[0]!.id);
    expect((await call('mail/draft/update', { draftId, set: { subject: 'From Outlook, edited' } })).status).toBe(200);
    expect((await call('mail/send', { draftId })).body).toEqual({ status: 'submitted' });
    await stack.sim.state.deliveriesSettled();
    expect(withSubject(bob, 'inbox', 'From Outlook, edited')).toHaveLength(1);
    expect((await call('mail/send', { draftId })).body).toEqual({ status: 'already_sent' });
  });

  it('a deleted draft (in Recoverable Items, which Graph still answers) is not_found and never sent', async () => {
    const draftId = await draft('Deleted before send');
    expect((await call('mail/draft/delete', { draftId })).status).toBe(200);
    const before = sends();
    const answer = await call('mail/send', { draftId });
    expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
    expect(sends()).toBe(before);
  });

  it('a mark older than FERRY_SEND_STUCK_MS is 409 send_stuck; force replaces it and sends once', async () => {
    const draftId = await draft('Stuck');
    const old = `v1;${Date.now() - stuckInMs - 1000};${randomBytes(16).toString('hex')}`;
    await stack.graph('PATCH', `/me/messages/${draftId}`, upn, { singleValueExtendedProperties: [{ id: sendMarkPropertyId, value: old }] });
    const stuck = await call('mail/send', { draftId });
    expect([stuck.status, stuck.body.code]).toEqual([409, 'send_stuck']);
    const before = sends();
    expect((await call('mail/send', { draftId, force: true })).body).toEqual({ status: 'submitted' });
    expect(sends() - before).toBe(1);
    await stack.sim.state.deliveriesSettled();
    expect(withSubject(bob, 'inbox', 'Stuck')).toHaveLength(1);
  });

  describe('fault matrix: the reference device\'s outbox, a fault after each step', () => {
    const cases: Array<{ name: string; arrange(device: ReferenceDevice): void }> = [
      { name: 'the create\'s answer lost (504 after it ran)', arrange: () => stack.sim.state.failNext({ operation: 'messages.create', kind: 'answerLost' }) },
      { name: 'the mark\'s answer lost (504 after it ran: the retry meets 412)', arrange: () => stack.sim.state.failNext({ operation: 'messages.update', kind: 'answerLost' }) },
      { name: '/send accepted, its answer lost', arrange: () => stack.sim.state.failNext({ operation: 'messages.send', kind: 'answerLost' }) },
      { name: '/send refused before it ran (503: Ferry cannot tell, the user forces once stuck)', arrange: () => stack.sim.state.failNext({ operation: 'messages.send', kind: 'refused' }) },
      { name: 'the look-up after a lost /send answer fails too', arrange: () => { stack.sim.state.failNext({ operation: 'messages.send', kind: 'answerLost' }); stack.sim.state.failNext({ operation: 'messages.get', kind: 'refused' }); } },
      { name: 'Ferry\'s submitted answer lost on the way to the phone', arrange: (d) => { d.loseNextAnswer(); d.loseNextAnswer(); } },
    ];
    it.each(cases)('$name: one /send, one Sent copy, one delivery', async ({ name, arrange }) => {
      const subject = `Matrix ${name}`;
      const phone = device();
      const before = sends();
      const onPhone = name.includes('phone');
      if (!onPhone) arrange(phone);
      const result = await draftAndSend(phone, { clientMessageId: `m-${randomBytes(6).toString('hex')}`, to: [{ address: bob }], subject }, { beforeSend: () => onPhone && arrange(phone) });
      await stack.sim.state.deliveriesSettled();
      // A /send refused before it ran is counted but sent nothing: the one after force is the only one Exchange took.
      expect(sends() - before).toBe(name.includes('refused') ? 2 : 1);
      expect(result.forced).toBe(name.includes('refused') ? 1 : 0);
      expect(withSubject(upn, 'sentitems', subject).map((m) => m.id)).toEqual([result.draftId]);
      expect(withSubject(bob, 'inbox', subject)).toHaveLength(1);
    });

    it.each([false, true])('two identical sends at once (ifMatchIgnored %s): one /send applied, one delivery; the other is pending', async (ifMatchIgnored) => {
      stack.sim.state.setFlags({ ifMatchIgnored });
      try {
        const subject = `Twice at once ${ifMatchIgnored}`;
        const draftId = await draft(subject);
        const answers = await Promise.all([call('mail/send', { draftId }), call('mail/send', { draftId })]);
        expect(answers.map((a) => a.status).sort()).toEqual([200, 202]);
        await stack.sim.state.deliveriesSettled();
        expect(withSubject(upn, 'sentitems', subject).map((m) => m.id)).toEqual([draftId]);
        expect(withSubject(bob, 'inbox', subject)).toHaveLength(1);
        expect((await call('mail/send', { draftId })).body).toEqual({ status: 'already_sent' });
      } finally {
        stack.sim.state.setFlags({ ifMatchIgnored: false });
      }
    });
  });
});
