import type { IdFactory } from '../../core/graphIds';
import { toGraphTimestamp } from '../../core/graphTypes';
import { type FolderRecord, type MessageFields, type MessageRecord, type WellKnownName } from './mailboxTypes';

export interface MailboxOwner {
  oid: string;
  upn: string;
  displayName: string;
}

export interface FolderCounts {
  totalItemCount: number;
  unreadItemCount: number;
  childFolderCount: number;
}

/**
 * One user's mailbox in memory: the folder tree, the messages, and a sequence number stamped on every
 * write, which is all the delta engine needs (a token remembers a sequence and the ids it reported).
 * Folder writes live here; message writes in messageWrites.ts.
 */
export class MailboxStore {
  readonly owner: MailboxOwner;
  readonly ids: IdFactory;
  readonly now: () => number;
  readonly folders = new Map<string, FolderRecord>();
  readonly messages = new Map<string, MessageRecord>();
  /** The folder above msgfolderroot (the mailbox's non-IPM root): a parentFolderId nobody can open. */
  readonly mailboxRootId: string;
  readonly rootId: string;
  /**
   * Recoverable Items\Deletions (well-known name `recoverableitemsdeletions`), where a DELETE puts a
   * message: under "Recoverable Items", beside msgfolderroot, so it is in no list and no delta of the
   * visible tree (https://learn.microsoft.com/graph/api/resources/mailfolder#well-known-folder-names:
   * "This folder is not visible in any Outlook email client").
   */
  readonly recoverableItemsId: string;
  private readonly recoverableRootId: string;
  /** Where a message being sent waits (outside msgfolderroot, GET 404); made on the first `/send`. */
  private transitId: string | undefined;
  private readonly byFolder = new Map<string, Set<string>>();
  /** How many coming `$search` answers carry an error object in `value` (state.answerNextSearchWithErrorItem). */
  searchErrorItems = 0;
  private seq = 0;

  constructor(owner: MailboxOwner, ids: IdFactory, now: () => number) {
    this.owner = owner;
    this.ids = ids;
    this.now = now;
    this.mailboxRootId = ids.next('folder');
    this.rootId = this.addFolder(this.mailboxRootId, 'Top of Information Store', { wellKnownName: 'msgfolderroot' }).id;
    this.recoverableRootId = this.addFolder(this.mailboxRootId, 'Recoverable Items').id;
    this.recoverableItemsId = this.addFolder(this.recoverableRootId, 'Deletions', { wellKnownName: 'recoverableitemsdeletions' }).id;
  }

  /** The current sequence: a delta token taken now reports writes with a greater sequence. */
  get sequence(): number {
    return this.seq;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  timestamp(): string {
    return toGraphTimestamp(this.now());
  }

  // ---- folders -------------------------------------------------------------------------------

  addFolder(parentFolderId: string, displayName: string, options: { isHidden?: boolean; wellKnownName?: WellKnownName } = {}): FolderRecord {
    const seq = this.nextSeq();
    const folder: FolderRecord = {
      id: this.ids.next('folder'),
      displayName,
      parentFolderId,
      isHidden: options.isHidden ?? false,
      wellKnownName: options.wellKnownName,
      changeSeq: seq,
      propertySeq: seq,
    };
    this.folders.set(folder.id, folder);
    this.byFolder.set(folder.id, new Set());
    this.touchFolder(parentFolderId);
    return folder;
  }

  /** By id, or by well-known name (case-insensitive, as Graph accepts `Inbox` and `inbox`). */
  resolveFolder(idOrName: string): FolderRecord | undefined {
    const direct = this.folders.get(idOrName);
    if (direct) return direct;
    const name = idOrName.toLowerCase();
    for (const folder of this.folders.values()) if (folder.wellKnownName === name) return folder;
    return undefined;
  }

  wellKnown(name: WellKnownName): FolderRecord | undefined {
    return this.resolveFolder(name);
  }

  childFolders(folderId: string, includeHidden = false): FolderRecord[] {
    return [...this.folders.values()].filter((f) => f.parentFolderId === folderId && (includeHidden || !f.isHidden));
  }

  counts(folderId: string): FolderCounts {
    let unread = 0;
    const ids = this.byFolder.get(folderId) ?? new Set<string>();
    for (const id of ids) if (!this.messages.get(id)!.isRead) unread++;
    // UNVERIFIED: whether childFolderCount counts hidden children; Exchange's folder property does.
    return { totalItemCount: ids.size, unreadItemCount: unread, childFolderCount: this.childFolders(folderId, true).length };
  }

  /** True for a folder and every folder below it. */
  isWithin(folderId: string, ancestorId: string): boolean {
    for (let id: string | undefined = folderId; id; id = this.folders.get(id)?.parentFolderId) if (id === ancestorId) return true;
    return false;
  }

  /** Under msgfolderroot, and neither it nor an ancestor hidden. */
  isVisible(folderId: string): boolean {
    for (let f = this.folders.get(folderId); f && f.id !== this.rootId; f = this.folders.get(f.parentFolderId)) if (f.isHidden) return false;
    return this.isWithin(folderId, this.rootId) && folderId !== this.rootId;
  }

  /** The visible tree below msgfolderroot, parents before children (depth-first). */
  visibleTree(topLevelOnly = false): FolderRecord[] {
    const out: FolderRecord[] = [];
    const walk = (parentId: string): void => {
      for (const child of this.childFolders(parentId)) {
        out.push(child);
        if (!topLevelOnly) walk(child.id);
      }
    };
    walk(this.rootId);
    return out;
  }

  /** A folder's counts changed (unread, total, child folders): its own properties did not. */
  touchFolder(folderId: string): void {
    const folder = this.folders.get(folderId);
    if (folder) folder.changeSeq = this.nextSeq();
  }

  /** A folder's own properties changed. */
  private changeFolder(folder: FolderRecord): void {
    folder.changeSeq = folder.propertySeq = this.nextSeq();
  }

  renameFolder(folder: FolderRecord, displayName: string): void {
    folder.displayName = displayName;
    this.changeFolder(folder);
  }

  moveFolder(folder: FolderRecord, destinationId: string): void {
    const from = folder.parentFolderId;
    folder.parentFolderId = destinationId;
    this.changeFolder(folder);
    this.touchFolder(from);
    this.touchFolder(destinationId);
  }

  setFolderHidden(folder: FolderRecord, isHidden: boolean): void {
    folder.isHidden = isHidden;
    this.changeFolder(folder);
  }

  /** A folder and every folder below it. */
  subtree(folder: FolderRecord): FolderRecord[] {
    return [...this.folders.values()].filter((f) => this.isWithin(f.id, folder.id));
  }

  /** Removes a folder and its subtree; their messages must have left them first (soft-deleted). */
  deleteFolder(folder: FolderRecord): void {
    for (const f of this.subtree(folder)) {
      if ((this.byFolder.get(f.id)?.size ?? 0) > 0) throw new Error('graphSim: soft-delete the messages of a folder before deleting it');
      this.byFolder.delete(f.id);
      this.folders.delete(f.id);
    }
    this.touchFolder(folder.parentFolderId);
  }

  /**
   * The folder of messages between `/send` and their Sent copy: outside msgfolderroot, in no list, no
   * delta and no GET (UNVERIFIED where Exchange keeps them; the documented part is only the 404).
   */
  transitFolderId(): string {
    return (this.transitId ??= this.addFolder(this.mailboxRootId, 'Submission', { isHidden: true }).id);
  }

  isInTransit(message: MessageRecord): boolean {
    return this.transitId !== undefined && message.folderId === this.transitId;
  }

  /** True for a message a DELETE put into Recoverable Items (or one moved there). */
  isSoftDeleted(message: MessageRecord): boolean {
    return this.isWithin(message.folderId, this.recoverableRootId);
  }

  // ---- messages (reads, and the index kept in step with writes) -----------------------------------

  messagesIn(folderId: string): MessageRecord[] {
    return [...(this.byFolder.get(folderId) ?? [])].map((id) => this.messages.get(id)!);
  }

  /** Messages of every folder under msgfolderroot (what `/me/messages` lists). */
  allMessages(): MessageRecord[] {
    return [...this.messages.values()].filter((m) => this.isWithin(m.folderId, this.rootId));
  }

  /** Stores a new message; `fields` are Graph's, the store adds id and sequences. */
  insertMessage(folderId: string, fields: MessageFields, attachments: MessageRecord['attachments'] = []): MessageRecord {
    const seq = this.nextSeq();
    const message: MessageRecord = { ...fields, id: this.ids.next('message'), folderId, attachments, changeSeq: seq, contentSeq: seq, propSeq: {} };
    this.messages.set(message.id, message);
    this.byFolder.get(folderId)!.add(message.id);
    this.touchFolder(folderId);
    return message;
  }

  /** Re-files a message (the id does not change: immutable ids). */
  refile(message: MessageRecord, destinationId: string): void {
    this.byFolder.get(message.folderId)?.delete(message.id);
    this.touchFolder(message.folderId);
    message.folderId = destinationId;
    this.byFolder.get(destinationId)!.add(message.id);
    this.touchFolder(destinationId);
  }
}
