import { createDemoMailboxes, type MailboxSpec } from '../../dev/graphSim/resources/mail/demoMailboxes';
import { summarizeCorpus, type CorpusSummary } from './summarizeCorpus';

/**
 * The Inbox of a generated mailbox, summarized: the same generator, seed and spec the simulator uses,
 * so the summary describes exactly the mail the bench syncs (before any change it makes).
 */
export function summarizeInbox(spec: MailboxSpec): CorpusSummary {
  const store = [...createDemoMailboxes({ seed: spec.seed ?? 1, specs: [spec], now: Date.now }).values()][0]!;
  return summarizeCorpus(store.messagesIn(store.wellKnown('inbox')!.id).map((m) => m.body));
}
