import { devUsers, findUser } from '../../../directory';
import { createMailbox } from './createMailbox';
import type { MailboxStore } from './mailboxStore';
import type { UserSpec } from '../../core/simResource';

/** Which user gets which generated mailbox. A user without one gets Graph's MailboxNotEnabledForRESTAPI. */
export interface MailboxSpec extends UserSpec {
  messageCount?: number;
  folderCount?: number;
  withArchive?: boolean;
  /** See createMailbox: `inbox` puts every message in the Inbox (the bench's one big folder). */
  layout?: 'demo' | 'inbox';
}

/** alice is the big one (540 messages, every folder kind); carol and erin have no Archive folder yet. */
export const defaultMailboxSpecs: MailboxSpec[] = [
  { user: 'alice@contoso.test', messageCount: 540, folderCount: 7 },
  { user: 'bob@contoso.test', messageCount: 60, folderCount: 2 },
  { user: 'carol@contoso.test', messageCount: 25, folderCount: 1, withArchive: false },
  { user: 'erin@fabrikam.test', messageCount: 20, folderCount: 0, withArchive: false },
];

export function createDemoMailboxes(options: { seed: number; specs?: MailboxSpec[]; now: () => number; anchorInMs?: number }): Map<string, MailboxStore> {
  const mailboxes = new Map<string, MailboxStore>();
  for (const spec of options.specs ?? defaultMailboxSpecs) {
    const user = findUser(spec.user);
    if (!user) throw new RangeError(`graphSim: no dev user '${spec.user}' (known: ${devUsers.map((u) => u.upn).join(', ')})`);
    mailboxes.set(
      user.oid,
      createMailbox({
        seed: spec.seed ?? options.seed,
        messageCount: spec.messageCount,
        folderCount: spec.folderCount,
        withArchive: spec.withArchive,
        layout: spec.layout,
        owner: { oid: user.oid, upn: user.upn, displayName: user.displayName },
        anchorInMs: options.anchorInMs,
        now: options.now,
      }),
    );
  }
  return mailboxes;
}
