import { restIdOf, restIdPrefix } from '../../../core/graphIds';
import type { AttachmentRecord } from '../../../core/graphTypes';
import type { MailboxStore } from '../mailboxStore';
import type { MessageRecord } from '../mailboxTypes';

/**
 * The id form one request gets for messages and attachments. https://learn.microsoft.com/graph/outlook-immutable-id:
 * `Prefer: IdType="ImmutableId"` "only applies to the request it is included with"; without it Graph
 * answers REST ids, which change when the item moves. Folders ("container types") have one id form
 * either way, so folder ids never go through here.
 */
export interface MessageIdForm {
  /** The message's id as this request sees it. */
  message(message: MessageRecord): string;
  /** The id of a message that was in `folderId` (a delta's `@removed` entry: the id it had there). */
  messageIn(messageId: string, folderId: string): string;
  attachment(message: MessageRecord, attachment: AttachmentRecord): string;
}

export const immutableIdForm: MessageIdForm = {
  message: (message) => message.id,
  messageIn: (messageId) => messageId,
  attachment: (_message, attachment) => attachment.id,
};

export function restIdForm(store: MailboxStore): MessageIdForm {
  const tag = store.owner.oid;
  const messageIn = (messageId: string, folderId: string) => restIdOf('message', messageId, folderId, tag);
  return {
    messageIn,
    message: (message) => messageIn(message.id, message.folderId),
    attachment: (message, attachment) => restIdOf('attachment', attachment.id, messageIn(message.id, message.folderId), tag),
  };
}

export function idFormFor(store: MailboxStore, immutableIds: boolean): MessageIdForm {
  return immutableIds ? immutableIdForm : restIdForm(store);
}

/** REST id -> immutable id, per mailbox, filled by scanning the messages' current forms. */
const restIndex = new WeakMap<MailboxStore, Map<string, string>>();

/**
 * A message by either id form, as Exchange accepts both whatever the request prefers. A REST id
 * resolves only while the message is still where that id was issued: after a move it names nothing
 * (UNVERIFIED: Exchange answers ErrorItemNotFound for a REST id from before a move; assumed).
 */
export function findMessageById(store: MailboxStore, id: string): MessageRecord | undefined {
  const direct = store.messages.get(id);
  if (direct || !id.startsWith(restIdPrefix)) return direct;
  const form = restIdForm(store);
  const current = (messageId: string | undefined) => {
    const message = messageId === undefined ? undefined : store.messages.get(messageId);
    return message && form.message(message) === id ? message : undefined;
  };
  let index = restIndex.get(store);
  const cached = current(index?.get(id));
  if (cached) return cached;
  index = new Map([...store.messages.values()].map((message) => [form.message(message), message.id]));
  restIndex.set(store, index);
  return current(index.get(id));
}

/** An attachment of `message` by either id form. */
export function findAttachmentById(store: MailboxStore, message: MessageRecord, id: string): AttachmentRecord | undefined {
  const form = restIdForm(store);
  return message.attachments.find((attachment) => attachment.id === id || form.attachment(message, attachment) === id);
}
