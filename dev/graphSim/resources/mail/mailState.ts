import { findUser } from '../../../directory';
import { GraphError } from '../../core/graphError';
import { toGraphTimestamp, type AttachmentRecord, type Recipient } from '../../core/graphTypes';
import type { SimServices } from '../../core/simContext';
import type { MailboxOwner, MailboxStore } from './mailboxStore';
import { mailStores } from './mailStores';
import { toGraphFolder } from './folders/toGraphFolder';
import { toGraphAttachment } from './messages/toGraphAttachment';
import { pendingValueCuts, sizeOverheadInBytes, valueLength } from './messages/attachmentContent';
import { toGraphMessage } from './messages/toGraphMessage';
import { moveMessage, updateMessage } from './messages/messageWrites';
import { moveMissesOf, type MoveMissCounts } from './messages/messageDeltaRound';

/** A read-only look into one mailbox, as Graph JSON (fresh copies: changing them changes nothing). */
export interface MailboxView {
  owner: MailboxOwner;
  /** Every folder below msgfolderroot, parents first; hidden ones too when asked. */
  folders(options?: { includeHidden?: boolean }): Record<string, unknown>[];
  /** By id or well-known name. */
  folder(idOrName: string): Record<string, unknown> | undefined;
  /** Messages of one folder (id or well-known name), or of the whole mailbox. */
  messages(folder?: string): Record<string, unknown>[];
  message(id: string): Record<string, unknown> | undefined;
  attachments(messageId: string): Record<string, unknown>[];
}

/** A message arriving from outside (another client, a transport rule): what `simulateArrival` takes. */
export interface ArrivalInput {
  /** Folder id or well-known name. Default inbox. */
  folder?: string;
  subject?: string;
  from?: Recipient['emailAddress'];
  bodyText?: string;
  /** An HTML body instead of `bodyText` (as a stranger may write it: tests send hostile markup through). */
  bodyHtml?: string;
  categories?: string[];
  isRead?: boolean;
  /** Default the mailbox owner. */
  to?: Recipient['emailAddress'][];
  /** Received and sent at this instant (Graph's form, `...Z`) rather than now; created now either way. */
  receivedDateTime?: string;
  /** With one file attachment (`hasAttachments: true`). */
  withAttachment?: boolean;
  /** Its attachments; default none. */
  attachments?: ArrivalAttachment[];
}

/**
 * An attachment of an arriving message. A file has `content` (its bytes) or `byteLength` (generated
 * bytes, made as they are read: a 30 MB file costs no memory); an item is an attached message, contact
 * or event (`itemType`); a reference links to `sourceUrl`. `size` is Graph's, larger than the bytes
 * (sizeOverheadInBytes) unless given.
 */
export interface ArrivalAttachment {
  name: string;
  kind?: 'file' | 'item' | 'reference';
  contentType?: string;
  content?: Buffer;
  byteLength?: number;
  itemType?: 'message' | 'contact' | 'event';
  sourceUrl?: string;
  isInline?: boolean;
  contentId?: string;
  size?: number;
}

/** What mail adds to `sim.state`: inspection of a mailbox and changes another client would make. */
export interface MailState {
  mailbox(oidOrUpn: string): MailboxView | undefined;
  /** A new message appears in a folder as if delivered or filed by another client; returns its id. */
  simulateArrival(oidOrUpn: string, input?: ArrivalInput): string;
  /** Hides or shows a folder as another client (MAPI) could; Graph only sets isHidden at creation. */
  setFolderHidden(oidOrUpn: string, folder: string, isHidden: boolean): void;
  /**
   * A draft sent by another client (Outlook): marked sent and moved to Sent Items under the same id,
   * its extended properties kept (UNVERIFIED that the Sent copy keeps them), as sendMail's delivery does.
   */
  simulateDraftSent(oidOrUpn: string, messageId: string): void;
  /** The next `count` `$search` answers for this user are 200s whose `value` holds an error object. */
  answerNextSearchWithErrorItem(oidOrUpn: string, count?: number): void;
  /** Test hook: the next attachment `$value` of this mailbox drops its connection after `afterBytes` bytes. */
  cutNextValue(oidOrUpn: string, afterBytes: number): void;
  /** How often this mailbox's message deltas showed the immutable-id move miss (`immutableIdMoveMiss`), by kind; a new mailbox starts at 0. */
  moveMisses(oidOrUpn: string): MoveMissCounts;
}

export function createMailState(sim: SimServices): MailState {
  const storeOf = (oidOrUpn: string): MailboxStore | undefined => sim.stores.get(mailStores, findUser(oidOrUpn)?.oid ?? oidOrUpn.toLowerCase());
  const requireStore = (oidOrUpn: string): MailboxStore => {
    const store = storeOf(oidOrUpn);
    if (!store) throw new RangeError(`graphSim: no mailbox for '${oidOrUpn}'`);
    return store;
  };
  const requireFolder = (store: MailboxStore, idOrName: string) => {
    const folder = store.resolveFolder(idOrName);
    if (!folder) throw new RangeError(`graphSim: no folder '${idOrName}'`);
    return folder;
  };
  return {
    mailbox: (oidOrUpn) => {
      const store = storeOf(oidOrUpn);
      return store && viewOf(store);
    },
    simulateArrival: (oidOrUpn, input = {}) => {
      const store = requireStore(oidOrUpn);
      const folder = requireFolder(store, input.folder ?? 'inbox');
      const now = toGraphTimestamp(sim.clock.now());
      const from: Recipient = { emailAddress: input.from ?? { name: 'Dana Swope', address: 'danas@fabrikam.test' } };
      const me: Recipient = { emailAddress: { name: store.owner.displayName, address: store.owner.upn } };
      const to = input.to?.map((emailAddress) => ({ emailAddress })) ?? [me];
      const received = input.receivedDateTime ?? now;
      const asked: ArrivalAttachment[] = [...(input.withAttachment ? [{ name: 'report.pdf', contentType: 'application/pdf', byteLength: 2048 }] : []), ...(input.attachments ?? [])];
      const attachments = asked.map((a) => toAttachmentRecord(store, a, now));
      return store.insertMessage(folder.id, {
        createdDateTime: now, lastModifiedDateTime: now, changeKey: store.ids.changeKey(), categories: input.categories ?? [], receivedDateTime: received, sentDateTime: received,
        internetMessageId: store.ids.internetMessageId('fabrikam.test'), subject: input.subject ?? 'Simulated arrival',
        body: input.bodyHtml !== undefined ? { contentType: 'html', content: input.bodyHtml } : { contentType: 'text', content: input.bodyText ?? 'Hello from the Graph simulator.' }, importance: 'normal',
        conversationId: store.ids.next('conversation'), conversationIndex: store.ids.conversationIndex(), isRead: input.isRead ?? false,
        isDraft: false, isDeliveryReceiptRequested: false, isReadReceiptRequested: false, inferenceClassification: 'focused',
        from, sender: from, toRecipients: to, ccRecipients: [], bccRecipients: [], replyTo: [], flag: { flagStatus: 'notFlagged' },
      }, attachments).id;
    },
    setFolderHidden: (oidOrUpn, folderIdOrName, isHidden) => {
      const store = requireStore(oidOrUpn);
      const folder = requireFolder(store, folderIdOrName);
      if (folder.wellKnownName === 'msgfolderroot') throw new GraphError(400, 'ErrorInvalidRequest', 'The root cannot be hidden.');
      store.setFolderHidden(folder, isHidden);
    },
    moveMisses: (oidOrUpn) => moveMissesOf(requireStore(oidOrUpn)),
    simulateDraftSent: (oidOrUpn, messageId) => {
      const store = requireStore(oidOrUpn);
      const message = store.messages.get(messageId);
      const sentItems = store.wellKnown('sentitems');
      if (!message || !message.isDraft || !sentItems) throw new RangeError(`graphSim: no draft '${messageId}' to send`);
      updateMessage(store, message, { isDraft: false, sentDateTime: toGraphTimestamp(sim.clock.now()) });
      moveMessage(store, message, sentItems.id);
    },
    answerNextSearchWithErrorItem: (oidOrUpn, count = 1) => {
      requireStore(oidOrUpn).searchErrorItems = count;
    },
    cutNextValue: (oidOrUpn, afterBytes) => void pendingValueCuts.set(requireStore(oidOrUpn), afterBytes),
  };
}

function toAttachmentRecord(store: MailboxStore, input: ArrivalAttachment, at: string): AttachmentRecord {
  const record: AttachmentRecord = {
    id: store.ids.next('attachment'),
    name: input.name,
    contentType: input.contentType ?? 'application/octet-stream',
    size: 0,
    isInline: input.isInline ?? false,
    contentId: input.contentId ?? null,
    lastModifiedDateTime: at,
    kind: input.kind ?? 'file',
    ...(input.itemType ? { itemType: input.itemType } : {}),
    ...(input.sourceUrl ? { sourceUrl: input.sourceUrl } : {}),
    ...(input.content ? { contentBytes: input.content.toString('base64') } : {}),
    ...(input.byteLength !== undefined ? { byteLength: input.byteLength } : {}),
  };
  // UNVERIFIED: a reference's size (a link's, not the file's); an item's counts its properties too.
  record.size = input.size ?? (record.kind === 'reference' ? 512 : valueLength(record) + sizeOverheadInBytes);
  return record;
}

function viewOf(store: MailboxStore): MailboxView {
  const all = (includeHidden: boolean) => {
    const out: Record<string, unknown>[] = [];
    const walk = (parentId: string): void => {
      for (const child of store.childFolders(parentId, includeHidden)) {
        out.push(toGraphFolder(store, child));
        walk(child.id);
      }
    };
    walk(store.rootId);
    return out;
  };
  return {
    owner: { ...store.owner },
    folders: (options) => all(options?.includeHidden ?? false),
    folder: (idOrName) => {
      const folder = store.resolveFolder(idOrName);
      return folder && toGraphFolder(store, folder);
    },
    messages: (folder) => {
      const source = folder === undefined ? store.allMessages() : store.resolveFolder(folder) ? store.messagesIn(store.resolveFolder(folder)!.id) : [];
      return source.map((m) => toGraphMessage(m));
    },
    message: (id) => {
      const message = store.messages.get(id);
      return message && toGraphMessage(message);
    },
    attachments: (id) => store.messages.get(id)?.attachments.map((a) => toGraphAttachment(a, ['id', 'name', 'contentType', 'size', 'isInline', 'lastModifiedDateTime', 'microsoft.graph.fileAttachment/contentId', 'microsoft.graph.referenceAttachment/sourceUrl'])) ?? [],
  };
}
