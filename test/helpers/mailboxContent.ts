import type { GraphSimulator } from '../../dev/graphSim/createGraphSimulator';
import { devUsers } from '../../dev/directory';

/** Strings shorter than this are too common to mean a leak ("Re:", "Hi"). */
const minLength = 6;

/**
 * Every piece of mailbox content a log line must never hold: subjects, body fragments, addresses,
 * display names and attachment names of every demo mailbox (or of `users` only), every folder
 * name a user created, every contact's names, addresses, phone numbers, street addresses, notes
 * and contact folder names, and the subjects, locations, previews, organizers and attendees of their events.
 */
export function mailboxContentStrings(sim: GraphSimulator, users: readonly string[] = devUsers.map((user) => user.upn)): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim().length >= minLength) found.add(value.trim());
  };
  const addAddress = (recipient: unknown) => {
    const email = (recipient as { emailAddress?: { name?: string; address?: string } } | undefined)?.emailAddress;
    add(email?.address);
    add(email?.name);
  };
  for (const user of devUsers.filter((candidate) => users.includes(candidate.upn))) {
    add(user.upn);
    add(user.displayName);
    addContacts(sim, user.upn, add);
    addEvents(sim, user.upn, add, addAddress);
    const mailbox = sim.state.mailbox(user.upn);
    if (!mailbox) continue;
    for (const folder of mailbox.folders({ includeHidden: true })) add(folder.displayName);
    // Deleted messages too: they lie in Recoverable Items, outside the visible mailbox.
    for (const message of [...mailbox.messages(), ...mailbox.messages('recoverableitemsdeletions')]) {
      add(message.subject);
      const preview = String(message.bodyPreview ?? '');
      add(preview.slice(0, 40));
      add(preview.slice(-40));
      for (const field of ['from', 'sender']) addAddress(message[field]);
      for (const field of ['toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo']) for (const r of (message[field] as unknown[]) ?? []) addAddress(r);
      for (const attachment of mailbox.attachments(String(message.id))) add(attachment.name);
    }
  }
  for (const user of devUsers.filter((candidate) => users.includes(candidate.upn))) addContacts(sim, user.upn, add);
  return [...found];
}

/**
 * A user's contacts and contact folders: what a log line must never hold of them (names, addresses,
 * numbers, notes and the start of each photo, as contacts/photos answers it in base64).
 */
function addContacts(sim: GraphSimulator, upn: string, add: (value: unknown) => void): void {
  const view = sim.state.contacts(upn);
  if (!view) return;
  const folders = view.folders();
  for (const folder of folders) add(folder.displayName);
  for (const folderId of [undefined, ...folders.map((f) => String(f.id))]) {
    for (const contact of view.contacts(folderId)) {
      for (const field of ['displayName', 'givenName', 'middleName', 'surname', 'nickName', 'personalNotes', 'mobilePhone']) add(contact[field]);
      for (const email of (contact.emailAddresses as Array<{ name?: string; address?: string }>) ?? []) {
        add(email.address);
        add(email.name);
      }
      for (const phone of [...((contact.homePhones as string[]) ?? []), ...((contact.businessPhones as string[]) ?? [])]) add(phone);
      for (const field of ['homeAddress', 'businessAddress', 'otherAddress']) add((contact[field] as { street?: string } | undefined)?.street);
      const photo = view.photo(String(contact.id));
      if (photo) add(photo.bytes.toString('base64').slice(0, 40));
    }
  }
}

/** The events of `upn`'s primary calendar, masters and every instance from a year back to two ahead. */
function addEvents(sim: GraphSimulator, upn: string, add: (value: unknown) => void, addAddress: (recipient: unknown) => void): void {
  const calendar = sim.state.calendar(upn);
  if (!calendar) return;
  const yearInMs = 365 * 24 * 3600 * 1000;
  const view = calendar.view(new Date(Date.now() - yearInMs).toISOString(), new Date(Date.now() + 2 * yearInMs).toISOString());
  for (const event of [...calendar.events(), ...view]) {
    add(event.subject);
    add((event.location as { displayName?: string } | undefined)?.displayName);
    add(String(event.bodyPreview ?? '').slice(0, 40));
    addAddress(event.organizer);
    for (const attendee of (event.attendees as unknown[]) ?? []) addAddress(attendee);
  }
}

/** A JWT (device token, Graph token) anywhere in a line. */
const jwt = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;
/** Graph query options whose values are sync positions or user input (a delta link, a search, a filter). */
const graphQuery = /(?:\$|%24)(?:deltatoken|skiptoken|search|filter)\b/i;

/**
 * Throws naming the first leaks found (by position, not content, so the error is log-safe too): mailbox
 * content of every demo mailbox, any JWT, a Graph query string (`$deltatoken`, `$skiptoken`, `$search`,
 * `$filter`), and each of `secrets` (tokens and sealed values the test handed out; later: search text,
 * KQL, upload URLs).
 */
export function assertNoMailboxContent(lines: string[], sim: GraphSimulator, secrets: Iterable<string> = []): void {
  const content = [...mailboxContentStrings(sim), ...[...secrets].filter((secret) => secret.length >= minLength)];
  const leaks: string[] = [];
  lines.forEach((line, index) => {
    if (jwt.test(line)) leaks.push(`log line ${index} holds a JWT`);
    if (graphQuery.test(line)) leaks.push(`log line ${index} holds a Graph query string`);
    for (const needle of content) {
      const escaped = JSON.stringify(needle).slice(1, -1);
      if (line.includes(needle) || line.includes(escaped)) leaks.push(`log line ${index} holds mailbox content (${needle.length} chars)`);
    }
  });
  if (leaks.length > 0) throw new Error(`${leaks.length} leak(s): ${leaks.slice(0, 5).join('; ')}`);
}
