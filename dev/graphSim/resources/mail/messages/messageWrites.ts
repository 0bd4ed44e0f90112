import type { MailboxStore } from '../mailboxStore';
import type { MessageFields, MessageRecord } from '../mailboxTypes';

/** Properties every write changes besides the ones written: a delta update reports them too. */
const stampedOnWrite = ['changeKey', 'lastModifiedDateTime'] as const;

function stamp(store: MailboxStore, message: MessageRecord, changed: string[], isMove: boolean): void {
  const seq = store.nextSeq();
  message.changeKey = store.ids.changeKey();
  message.lastModifiedDateTime = store.timestamp();
  message.changeSeq = seq;
  if (!isMove) message.contentSeq = seq;
  for (const name of [...changed, ...stampedOnWrite]) message.propSeq[name] = seq;
}

/** Applies already-validated property values; unread counts move with isRead. */
export function updateMessage(store: MailboxStore, message: MessageRecord, changes: Partial<MessageFields>): void {
  const names = Object.keys(changes) as (keyof MessageFields)[];
  if (names.length === 0) return;
  const readChanged = changes.isRead !== undefined && changes.isRead !== message.isRead;
  Object.assign(message, changes);
  stamp(store, message, names, false);
  if (readChanged) store.touchFolder(message.folderId);
}

/**
 * Moves a message; with immutable ids the id stays and the change key changes. A move into the folder
 * it is already in changes nothing. UNVERIFIED: Exchange may still touch the item in that case.
 */
export function moveMessage(store: MailboxStore, message: MessageRecord, destinationId: string): void {
  if (message.folderId === destinationId) return;
  store.refile(message, destinationId);
  stamp(store, message, ['parentFolderId'], true);
}

/**
 * DELETE soft-deletes: the message moves into Recoverable Items\Deletions, keeping its id (immutable
 * ids), so its folder's delta reports it `@removed` as for any move out. For the delta engine it is a
 * move (the immutable-id move miss applies to a message restored from there).
 */
export function softDeleteMessage(store: MailboxStore, message: MessageRecord): void {
  moveMessage(store, message, store.recoverableItemsId);
}
