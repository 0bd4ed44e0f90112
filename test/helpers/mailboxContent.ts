import type { GraphSimulator } from '../../dev/graphSim/createGraphSimulator';
import { devUsers } from '../../dev/directory';

/** Strings shorter than this are too common to mean a leak ("Re:", "Hi"). */
const minLength = 6;

/**
 * Every piece of mailbox content a log line must never hold: subjects, body fragments, addresses,
 * display names and attachment names of every demo mailbox, and every folder name a user created.
 */
export function mailboxContentStrings(sim: GraphSimulator): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim().length >= minLength) found.add(value.trim());
  };
  const addAddress = (recipient: unknown) => {
    const email = (recipient as { emailAddress?: { name?: string; address?: string } } | undefined)?.emailAddress;
    add(email?.address);
    add(email?.name);
  };
  for (const user of devUsers) {
    add(user.upn);
    add(user.displayName);
    const mailbox = sim.state.mailbox(user.upn);
    if (!mailbox) continue;
    for (const folder of mailbox.folders({ includeHidden: true })) add(folder.displayName);
    for (const message of mailbox.messages()) {
      add(message.subject);
      const preview = String(message.bodyPreview ?? '');
      add(preview.slice(0, 40));
      add(preview.slice(-40));
      for (const field of ['from', 'sender']) addAddress(message[field]);
      for (const field of ['toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo']) for (const r of (message[field] as unknown[]) ?? []) addAddress(r);
      for (const attachment of mailbox.attachments(String(message.id))) add(attachment.name);
    }
  }
  return [...found];
}

/** Throws naming the first leak found (by position, not content, so the error is log-safe too). */
export function assertNoMailboxContent(lines: string[], sim: GraphSimulator): void {
  const content = mailboxContentStrings(sim);
  const leaks: string[] = [];
  lines.forEach((line, index) => {
    for (const needle of content) {
      const escaped = JSON.stringify(needle).slice(1, -1);
      if (line.includes(needle) || line.includes(escaped)) leaks.push(`log line ${index} holds mailbox content (${needle.length} chars)`);
    }
  });
  if (leaks.length > 0) throw new Error(`${leaks.length} leak(s): ${leaks.slice(0, 5).join('; ')}`);
}
