import { randomBytes } from 'node:crypto';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * mail/send (issue 15, "Exactly once"): the device repeats a send it got no answer to after the time
 * fence plus one Graph attempt (30 s); the first request may still be waiting for Graph's `/send`,
 * started inside the fence. The repeat meets the first's young mark and is pending, with If-Match
 * honoured or ignored: never a second `/send`. Its own file and stack: the fence is scaled to 1 s.
 */
const upn = 'alice@contoso.test';
const bob = 'bob@contoso.test';

describe('mail/send repeated after the fence while the first is still sending', () => {
  // Scaled: a 1 s fence for Exchange's 20 s; the device's repeat (fence + one Graph attempt) comes after it.
  const fenceInMs = 1000;
  let stack: Stack;
  let alice: string;
  beforeAll(async () => {
    stack = await startStack({
      sim: { mailboxes: [{ user: upn, messageCount: 2, folderCount: 0 }, { user: bob, messageCount: 1, folderCount: 0 }], sendWindowInMs: 100 },
      env: { FERRY_SEND_FENCE_MS: String(fenceInMs), FERRY_SEND_STUCK_MS: '10000' },
    });
    alice = await stack.token(upn);
  });
  afterAll(() => stack.close());

  it.each([false, true])('(ifMatchIgnored %s): the repeat is pending, never a second /send; one Sent copy, one delivery', async (ifMatchIgnored) => {
    const call = (route: string, body: unknown) => stack.call(route, body, alice);
    const withSubject = (user: string, folder: string, subject: string) => stack.sim.state.mailbox(user)!.messages(folder).filter((m) => m.subject === subject);
    const sends = () => stack.sim.state.stats.byOperation['messages.send'] ?? 0;
    stack.sim.state.setFlags({ ifMatchIgnored });
    // The first /send takes longer than the fence to answer (it started inside it).
    stack.sim.state.setLatencySchedule({ operation: 'messages.send', delaysInMs: [2.5 * fenceInMs, 0], afterLast: 'repeatLast' });
    try {
      const subject = `Slow send ${ifMatchIgnored}`;
      const created = await call('mail/draft', { clientMessageId: `slow-${randomBytes(6).toString('hex')}`, to: [{ address: bob }], subject, body: { type: 'text', content: 'Hi' } });
      expect([created.status, created.body?.code]).toEqual([200, undefined]);
      const draftId = created.body.draftId as string;
      const before = sends();
      const first = call('mail/send', { draftId });
      await new Promise((resolve) => setTimeout(resolve, 1.2 * fenceInMs));
      const second = await call('mail/send', { draftId });
      const firstAnswer = await first;
      // As it should go: the first submits, the repeat meets its young mark. On a machine so slow that
      // the first met the fence before /send, it cleared its mark (503) and the repeat sent: once either way.
      expect([[firstAnswer.status, second.status]]).toContainEqual(firstAnswer.status === 200 ? [200, 202] : [503, 200]);
      await stack.sim.state.deliveriesSettled();
      expect(sends() - before).toBe(1);
      expect(withSubject(upn, 'sentitems', subject).map((m) => m.id)).toEqual([draftId]);
      expect(withSubject(bob, 'inbox', subject)).toHaveLength(1);
      const after = await call('mail/send', { draftId });
      expect([after.status, after.body]).toEqual([200, { status: 'already_sent' }]);
    } finally {
      stack.sim.state.setFlags({ ifMatchIgnored: false });
      stack.sim.state.setLatencySchedule(undefined);
    }
  });
});
