import fc from 'fast-check';
import { draftAndSend } from '../../device/outboxSend';
import type { ConvergenceCollection } from '../convergenceCollection';

/**
 * Sending exactly once (issue 15) under the chaos profile: for a message, the phone's
 * outbox runs mail/draft + mail/send with the same clientMessageId 3 to 5 times (as an app that lost
 * track of it would, each time after the send's 404 window: docs/device-api.md, the limits), every
 * request through the device rule table (`pending` polled, `send_stuck` forced by the user). However
 * many faults hit the create, the mark, `/send` and their answers, each message ends as exactly one
 * Sent Items copy with the draft's id and exactly one delivery to bob, and no draft of it is left;
 * the phone, syncing Drafts and Sent Items between messages, ends with the draft gone and the Sent copy in.
 */
const recipient = 'bob@contoso.test';

/** One message per run: 50 runs of 3 to 5 sends each, with their 404 windows, fit the suite's 120 s. */
const messages = 1;

export const sendOnce: ConvergenceCollection<[number, number]> = {
  name: 'send once',
  arbitraries: [fc.integer({ min: 3, max: 5 }), fc.nat()],
  async run(context, [repeats, deviceSeed]) {
    const view = (upn: string) => context.stack.sim.state.mailbox(upn)!;
    const withSubject = (upn: string, folder: string, subject: string) => view(upn).messages(folder).filter((m) => m.subject === subject);
    const phone = context.device(deviceSeed);
    const [drafts, sent] = ['drafts', 'sentitems'].map((name) => String(view(context.upn).folder(name)!.id)) as [string, string];
    const tag = `${context.faultSeed}-${deviceSeed}`;
    const sentIds = new Map<string, string>();
    // The phone already syncs both folders when the user writes: its later syncs carry a state.
    for (const folder of [drafts, sent]) await phone.syncMailOnce(folder, { window: 5 });
    for (let message = 0; message < messages; message++) {
      const subject = `Send once ${tag} #${message}`;
      const draft = { clientMessageId: `once-${tag}-${message}`, to: [{ address: recipient }], subject, body: { type: 'text', content: 'Exactly once.' } };
      for (let repeat = 0; repeat < repeats; repeat++) {
        const result = await draftAndSend(phone, draft);
        expect(sentIds.get(subject) ?? result.draftId).toBe(result.draftId);
        sentIds.set(subject, result.draftId);
        // The next repeat comes after the 404 window, as the documented limit asks.
        await context.stack.sim.state.deliveriesSettled();
      }
      phone.noticeMailboxChanged();
      for (const folder of [drafts, sent]) await phone.syncMailOnce(folder, { window: 5 });
    }
    await context.faults.off();
    await context.stack.sim.state.deliveriesSettled();
    phone.noticeMailboxChanged();
    for (const folder of [drafts, sent]) await phone.syncMail(folder, { window: 50 });
    const onPhone = (folder: string) => [...phone.mail.get(folder)!.replica.items.keys()];
    for (const [subject, draftId] of sentIds) {
      expect(withSubject(context.upn, 'sentitems', subject).map((m) => m.id)).toEqual([draftId]);
      expect(withSubject(recipient, 'inbox', subject)).toHaveLength(1);
      expect(withSubject(context.upn, 'drafts', subject)).toHaveLength(0);
      expect([onPhone(sent).includes(draftId), onPhone(drafts).includes(draftId)]).toEqual([true, false]);
    }
  },
};
