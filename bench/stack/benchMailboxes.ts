import { defaultMailboxSpecs, type MailboxSpec } from '../../dev/graphSim/resources/mail/demoMailboxes';

/** The user whose Inbox is the bench folder. */
export const benchUser = 'bob@contoso.test';
/** The demo mailbox `npm start` gives alice (seed 1, FERRY_SIM_SEED's default). */
export const demoUser = 'alice@contoso.test';

/** The bench folder: `messages` messages, all in bob's Inbox, from `seed`. */
export function benchFolderSpec(seed: number, messages: number): MailboxSpec {
  return { user: benchUser, messageCount: messages, folderCount: 0, layout: 'inbox', seed };
}

/** Pure: the simulator's mailboxes in a bench run: alice exactly as `npm start` seeds her, and the bench folder. */
export function benchMailboxSpecs(seed: number, messages: number): MailboxSpec[] {
  const alice = defaultMailboxSpecs.find((spec) => spec.user === demoUser)!;
  return [{ ...alice, seed: 1 }, benchFolderSpec(seed, messages)];
}
