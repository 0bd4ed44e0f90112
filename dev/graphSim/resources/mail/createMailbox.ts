import { createIdFactory } from '../../core/graphIds';
import { MailboxStore, type MailboxOwner } from './mailboxStore';
import type { Recipient } from '../../core/graphTypes';
import type { FolderRecord, WellKnownName } from './mailboxTypes';
import { createRandom, deriveSeed, type Random } from '../../core/random';
import { userFolderSpecs } from '../../core/corpus/demoVocabulary';
import { generateMessage, type MessageKind } from './generateMessage';

export interface CreateMailboxOptions {
  /** Same seed and options, same mailbox (ids included). Default 1. */
  seed?: number;
  /** Default 40. */
  messageCount?: number;
  /** User-created folders besides the well-known ones, 0 to 10 (nested ones among them). Default 3. */
  folderCount?: number;
  /** Whether the Archive folder exists (Exchange creates it on demand). Default true. */
  withArchive?: boolean;
  owner?: MailboxOwner;
  /** The newest message's date, epoch ms. Default: today 00:00 UTC, so dates are recent but stable within a day. */
  anchorInMs?: number;
  /** How far back messages go, in days. Default 180. */
  spanInDays?: number;
  /** Clock for writes after creation. Default Date.now. */
  now?: () => number;
  /**
   * `demo` (default): messages spread over every folder. `inbox`: every message in the Inbox (mail
   * and newsletters), the one big folder a benchmark syncs; the other folders exist but stay empty.
   */
  layout?: 'demo' | 'inbox';
}

const defaultOwner: MailboxOwner = { oid: '7e570000-0000-4000-8000-00000007e570', upn: 'test@contoso.test', displayName: 'Test User' };
const dayInMs = 86_400_000;

/**
 * Builds a deterministic demo mailbox: the well-known folders (Inbox, Drafts, Sent Items, Deleted
 * Items, Junk Email, Archive, Outbox, Conversation History), a hidden folder, `folderCount` user
 * folders (some nested) and `messageCount` messages spread over `spanInDays`, newest first in time.
 */
export function createMailbox(options: CreateMailboxOptions = {}): MailboxStore {
  const seed = options.seed ?? 1;
  const owner = options.owner ?? defaultOwner;
  const random = createRandom(deriveSeed(seed, owner.upn.toLowerCase()));
  const ids = createIdFactory(createRandom(deriveSeed(seed, `ids:${owner.oid}`)), owner.oid);
  const store = new MailboxStore(owner, ids, options.now ?? Date.now);
  const demoFolders = createFolders(store, options.folderCount ?? 3, options.withArchive ?? true);
  const folders = options.layout === 'inbox' ? inboxOnly(demoFolders[0]!.folder) : demoFolders;

  const anchor = options.anchorInMs ?? Math.floor(Date.now() / dayInMs) * dayInMs;
  const span = (options.spanInDays ?? 180) * dayInMs;
  const count = options.messageCount ?? 40;
  // Oldest first, so threads grow forward in time and insertion order is arrival order.
  const times = Array.from({ length: count }, () => anchor - Math.floor(span * Math.pow(random.next(), 1.6))).sort((a, b) => a - b);
  const threads: { subject: string; conversationId: string; people: Recipient[] }[] = [];
  const me: Recipient = { emailAddress: { name: owner.displayName, address: owner.upn } };
  for (const receivedInMs of times) {
    const target = pickFolder(random, folders);
    const fields = generateMessage(random, store, { kind: target.kind, me, threads, receivedInMs, isRecent: anchor - receivedInMs < 7 * dayInMs });
    store.insertMessage(target.folder.id, fields.fields, fields.attachments);
  }
  ensureInboxFile(store, demoFolders[0]!.folder.id);
  return store;
}

/**
 * Every generated Inbox holds at least one file attachment, so a download can be tried in any demo
 * mailbox (the command scenarios do): when none came by chance, the newest message gets one. Done
 * after everything else, so no random draw and no other id changes.
 */
function ensureInboxFile(store: MailboxStore, inboxId: string): void {
  const inbox = store.messagesIn(inboxId);
  if (inbox.length === 0 || inbox.some((m) => m.attachments.some((a) => (a.kind ?? 'file') === 'file' && !a.isInline))) return;
  const newest = inbox.reduce((a, b) => (b.receivedDateTime > a.receivedDateTime ? b : a));
  newest.attachments.push({
    id: store.ids.next('attachment'),
    name: 'agenda.pdf',
    contentType: 'application/pdf',
    size: 48_213,
    isInline: false,
    contentId: null,
    lastModifiedDateTime: newest.receivedDateTime,
  });
}

interface FolderTarget {
  folder: FolderRecord;
  kind: MessageKind;
  weight: number;
}

function createFolders(store: MailboxStore, folderCount: number, withArchive: boolean): FolderTarget[] {
  const root = store.rootId;
  const add = (name: string, wellKnownName?: WellKnownName) => store.addFolder(root, name, { wellKnownName });
  const inbox = add('Inbox', 'inbox');
  const targets: FolderTarget[] = [
    { folder: inbox, kind: 'received', weight: 40 },
    { folder: add('Drafts', 'drafts'), kind: 'draft', weight: 2 },
    { folder: add('Sent Items', 'sentitems'), kind: 'sent', weight: 14 },
    { folder: add('Deleted Items', 'deleteditems'), kind: 'received', weight: 6 },
    { folder: add('Junk Email', 'junkemail'), kind: 'junk', weight: 3 },
  ];
  add('Outbox', 'outbox');
  targets.push({ folder: add('Conversation History', 'conversationhistory'), kind: 'received', weight: 1 });
  if (withArchive) targets.push({ folder: add('Archive', 'archive'), kind: 'received', weight: 8 });
  // Exchange keeps a few hidden folders under the root; clients must leave them out.
  store.addFolder(root, 'Conversation Action Settings', { isHidden: true });

  for (const spec of userFolderSpecs.slice(0, Math.max(0, folderCount))) {
    if (!withArchive && spec.path[0] === 'Archive') continue;
    let parentId = root;
    let folder: FolderRecord | undefined;
    for (const name of spec.path) {
      folder = store.childFolders(parentId, true).find((f) => f.displayName === name) ?? store.addFolder(parentId, name);
      parentId = folder.id;
    }
    const kind: MessageKind = /Newsletters|Receipts|Travel/.test(spec.path.join('/')) ? 'newsletter' : 'received';
    targets.push({ folder: folder!, kind, weight: 5 });
  }
  return targets;
}

/** Newsletters land in a tenth of the Inbox of a mailbox without rules to file them. UNVERIFIED share. */
function inboxOnly(inbox: FolderRecord): FolderTarget[] {
  return [
    { folder: inbox, kind: 'received', weight: 9 },
    { folder: inbox, kind: 'newsletter', weight: 1 },
  ];
}

function pickFolder(random: Random, targets: FolderTarget[]): FolderTarget {
  const total = targets.reduce((sum, t) => sum + t.weight, 0);
  let roll = random.next() * total;
  for (const target of targets) {
    roll -= target.weight;
    if (roll < 0) return target;
  }
  return targets[0]!;
}
