import { findUser } from '../../../../directory';
import { GraphError } from '../../../core/graphError';
import { toGraphTimestamp, type Recipient } from '../../../core/graphTypes';
import type { HandlerContext, SimResponse } from '../../../core/simContext';
import type { MailboxStore } from '../mailboxStore';
import type { MessageRecord } from '../mailboxTypes';
import { mailStores } from '../mailStores';
import { requireFolderChain, requireMessage, requireStore } from '../resolveTargets';
import { moveMessage, updateMessage } from './messageWrites';

/** Bytes a message's headers add, roughly (UNVERIFIED; only "over MaxSendSize bounces" is relied on). */
const headerBytes = 2048;

/** The size MaxSendSize is compared with: body, attachments, headers (Exchange counts the encoded MIME, ~1/3 more: not modelled). */
export function sendSize(message: MessageRecord): number {
  return headerBytes + Buffer.byteLength(message.body.content, 'utf8') + message.attachments.reduce((sum, a) => sum + a.size, 0);
}

/**
 * POST /me/messages/{id}/send (https://learn.microsoft.com/graph/api/message-send): "Send an existing
 * draft message ... If successful, this method returns 202 Accepted response code." The draft leaves
 * Drafts at once (its Drafts delta reports it removed) and for `sendWindowInMs` is in no folder: a GET by
 * its id answers 404, as a sent message's may until its Sent copy exists. Then the same message (same
 * immutable id: "the item is moved to Sent Items and keeps its immutable id") is in Sent Items with
 * `isDraft: false`, keeping its extended properties (UNVERIFIED), and every recipient with a simulated
 * mailbox gets a copy in the Inbox, threaded into the conversation of the message it answers when that
 * mailbox has it (In-Reply-To). Over `maxSendSizeInBytes` nobody gets it and the sender's Inbox gets a
 * non-delivery report (UNVERIFIED: its wording; the Sent copy is filed all the same).
 * UNVERIFIED: a message that is not a draft is 400 `ErrorInvalidOperation`; no recipients is 400
 * `ErrorInvalidRecipients`, as sendMail.
 */
export function sendDraft(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const message = requireMessage(store, id, chain ? requireFolderChain(store, chain) : undefined);
  if (!message.isDraft) throw new GraphError(400, 'ErrorInvalidOperation', 'Only a draft message can be sent.');
  if (message.toRecipients.length + message.ccRecipients.length + message.bccRecipients.length === 0) {
    throw new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient isn\'t valid., A message can\'t be sent because it contains no recipients.');
  }
  moveMessage(store, message, store.transitFolderId());
  ctx.sim.scheduleDelivery(() => fileAndDeliver(ctx, store, message), ctx.sim.settings.sendWindowInMs);
  return { status: 202, headers: {} };
}

function fileAndDeliver(ctx: HandlerContext, sender: MailboxStore, message: MessageRecord): void {
  if (!sender.isInTransit(message)) return;
  const sentDateTime = toGraphTimestamp(ctx.sim.clock.now());
  updateMessage(sender, message, { isDraft: false, sentDateTime, receivedDateTime: sentDateTime });
  const sentItems = sender.wellKnown('sentitems');
  if (sentItems) moveMessage(sender, message, sentItems.id);
  if (sendSize(message) > ctx.sim.settings.maxSendSizeInBytes) return bounce(sender, message, sentDateTime);
  const seen = new Set<string>();
  for (const recipient of [...message.toRecipients, ...message.ccRecipients, ...message.bccRecipients]) {
    const user = findUser(recipient.emailAddress.address);
    const mailbox = user && ctx.sim.stores.get(mailStores, user.oid);
    if (!mailbox || seen.has(user.oid)) continue;
    seen.add(user.oid);
    deliver(mailbox, message, sentDateTime);
  }
}

/** A recipient's copy: the sender's message (same internetMessageId, no Bcc, no properties of the sender's) in the Inbox, unread. */
function deliver(mailbox: MailboxStore, message: MessageRecord, sentDateTime: string): void {
  const inbox = mailbox.wellKnown('inbox');
  if (!inbox) return;
  const at = mailbox.timestamp();
  const original = message.inReplyTo === undefined ? undefined : mailbox.allMessages().find((m) => m.internetMessageId === message.inReplyTo);
  const copy = mailbox.insertMessage(
    inbox.id,
    {
      ...structuredClone(fieldsOf(message)),
      createdDateTime: at,
      lastModifiedDateTime: at,
      receivedDateTime: at,
      sentDateTime,
      changeKey: mailbox.ids.changeKey(),
      conversationId: original?.conversationId ?? mailbox.ids.next('conversation'),
      conversationIndex: mailbox.ids.conversationIndex(),
      bccRecipients: [],
      isRead: false,
      isDraft: false,
      flag: { flagStatus: 'notFlagged' },
      categories: [],
    },
    message.attachments.map((a) => ({ ...structuredClone(a), id: mailbox.ids.next('attachment'), lastModifiedDateTime: at })),
  );
  // The transport headers a reply carries: the recipient's client threads by them (internetMessageHeaders).
  if (message.inReplyTo !== undefined) copy.inReplyTo = message.inReplyTo;
}

/** Exchange's non-delivery report for a message over the size limit (5.3.4), from the postmaster to the sender. */
function bounce(sender: MailboxStore, message: MessageRecord, sentDateTime: string): void {
  const inbox = sender.wellKnown('inbox');
  if (!inbox) return;
  const domain = sender.owner.upn.split('@')[1] ?? 'contoso.test';
  const postmaster: Recipient = { emailAddress: { name: 'Microsoft Outlook', address: `MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@${domain}` } };
  const at = sender.timestamp();
  sender.insertMessage(inbox.id, {
    ...structuredClone(fieldsOf(message)),
    createdDateTime: at,
    lastModifiedDateTime: at,
    receivedDateTime: at,
    sentDateTime,
    changeKey: sender.ids.changeKey(),
    internetMessageId: sender.ids.internetMessageId(domain),
    subject: `Undeliverable: ${message.subject}`,
    body: { contentType: 'text', content: `Your message wasn't delivered because it's too large.\r\n\r\nRemote Server returned '550 5.3.4 ROUTING.SizeLimit; message size exceeds fixed maximum size for route'` },
    importance: 'normal',
    conversationIndex: sender.ids.conversationIndex(),
    isRead: false,
    isDraft: false,
    from: postmaster,
    sender: postmaster,
    toRecipients: [structuredClone(message.from ?? postmaster)],
    ccRecipients: [],
    bccRecipients: [],
    replyTo: [],
    flag: { flagStatus: 'notFlagged' },
    categories: [],
  });
}

/** The MessageFields of a record (without the store's id, folder, sequences, attachments and properties). */
function fieldsOf(message: MessageRecord) {
  const { id: _id, folderId: _folder, attachments: _attachments, changeSeq: _c, contentSeq: _s, propSeq: _p, extendedProperties: _e, inReplyTo: _r, ...fields } = message;
  return fields;
}
