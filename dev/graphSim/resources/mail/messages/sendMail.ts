import { sizeOverheadInBytes } from './attachmentContent';
import { findUser } from '../../../../directory';
import { GraphError, graphErrors } from '../../../core/graphError';
import type { MailboxStore } from '../mailboxStore';
import { mailStores } from '../mailStores';
import { toGraphTimestamp, type AttachmentRecord, type Recipient } from '../../../core/graphTypes';
import { type Importance, type MessageFields, type MessageRecord } from '../mailboxTypes';
import { moveMessage, softDeleteMessage, updateMessage } from './messageWrites';
import { toBody, toRecipients } from './messagePatch';
import { requireObjectBody, requireStore } from '../resolveTargets';
import type { HandlerContext, SimResponse } from '../../../core/simContext';

interface OutgoingAttachment {
  name: string;
  contentType: string;
  contentBytes: string;
  isInline: boolean;
  contentId: string | null;
}

function toAttachments(value: unknown): OutgoingAttachment[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw graphErrors.bodyRead('Cannot convert the value to the expected type Collection(microsoft.graph.attachment).');
  return value.map((raw) => {
    const a = raw as Record<string, unknown>;
    if (a['@odata.type'] !== '#microsoft.graph.fileAttachment' || typeof a.name !== 'string' || typeof a.contentBytes !== 'string') {
      throw graphErrors.bodyRead('Only #microsoft.graph.fileAttachment with name and contentBytes is simulated.');
    }
    return {
      name: a.name,
      contentType: typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream',
      contentBytes: a.contentBytes,
      isInline: a.isInline === true,
      contentId: typeof a.contentId === 'string' ? a.contentId : null,
    };
  });
}

/** The sample's `"saveToSentItems": "false"` is a string; Graph's docs show it working, so both forms are read. */
function toSaveToSentItems(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw graphErrors.bodyRead(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.Boolean'.`);
}

/**
 * POST /me/sendMail (https://learn.microsoft.com/graph/api/user-sendmail), as Outlook does it
 * (https://learn.microsoft.com/graph/outlook-things-to-know-about-send-mail): "Outlook creates a new
 * message in the sender's Drafts folder ... If successful, the method returns an HTTP response 202
 * Accepted"; later "the Exchange store updates the message and moves it from the Drafts folder to the
 * Sent Items folder" (or deletes it: saveToSentItems false), then delivers. So the 202 leaves the
 * message in Drafts (`isDraft: true`), where a Drafts delta sees it; after `deliveryDelayInMs` the same
 * message (same id: immutable ids) moves to Sent Items as sent, and each recipient with a simulated
 * mailbox gets a copy in its Inbox. Other recipients are dropped. UNVERIFIED: a message deleted or
 * moved out of Drafts before then is still delivered and not filed; the draft's sentDateTime is its
 * creation time until it is sent; with saveToSentItems false it is deleted as DELETE does (into
 * Recoverable Items).
 */
export function sendMail(ctx: HandlerContext): SimResponse {
  const sender = requireStore(ctx);
  const body = requireObjectBody(ctx);
  const message = body.message as Record<string, unknown> | undefined;
  if (!message || typeof message !== 'object') throw graphErrors.invalidRequest('The message parameter is required.');
  const to = message.toRecipients === undefined ? [] : toRecipients(message.toRecipients, 'toRecipients');
  const cc = message.ccRecipients === undefined ? [] : toRecipients(message.ccRecipients, 'ccRecipients');
  const bcc = message.bccRecipients === undefined ? [] : toRecipients(message.bccRecipients, 'bccRecipients');
  if (to.length + cc.length + bcc.length === 0) {
    throw new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient isn\'t valid., A message can\'t be sent because it contains no recipients.');
  }
  const draft = {
    subject: typeof message.subject === 'string' ? message.subject : '',
    body: message.body === undefined ? { contentType: 'text' as const, content: '' } : toBody(message.body),
    importance: (message.importance === 'high' || message.importance === 'low' ? message.importance : 'normal') as Importance,
    replyTo: message.replyTo === undefined ? [] : toRecipients(message.replyTo, 'replyTo'),
    to,
    cc,
    bcc,
    attachments: toAttachments(message.attachments),
  };
  const saveToSentItems = toSaveToSentItems(body.saveToSentItems);
  const meta = {
    me: { emailAddress: { name: sender.owner.displayName, address: sender.owner.upn } },
    createdAtInMs: ctx.sim.clock.now(),
    conversationId: sender.ids.next('conversation'),
    internetMessageId: sender.ids.internetMessageId(sender.owner.upn.split('@')[1] ?? 'contoso.test'),
  };
  const saved = file(sender, 'drafts', draft, { ...meta, isRead: true, isDraft: true });
  const draftsId = saved?.folderId;
  ctx.sim.scheduleDelivery(() => {
    const sentDateTime = toGraphTimestamp(ctx.sim.clock.now());
    const sentItems = sender.wellKnown('sentitems');
    if (saved && sender.messages.get(saved.id)?.folderId === draftsId) {
      updateMessage(sender, saved, { isDraft: false, sentDateTime });
      if (saveToSentItems && sentItems) moveMessage(sender, saved, sentItems.id);
      else softDeleteMessage(sender, saved);
    }
    const seen = new Set<string>();
    for (const recipient of [...to, ...cc, ...bcc]) {
      const user = findUser(recipient.emailAddress.address);
      const mailbox = user && ctx.sim.stores.get(mailStores, user.oid);
      if (!mailbox || seen.has(user.oid)) continue;
      seen.add(user.oid);
      file(mailbox, 'inbox', { ...draft, bcc: [] }, { ...meta, sentDateTime, isRead: false, isDraft: false });
    }
  });
  return { status: 202, headers: {} };
}

/** Files the message in a well-known folder of `mailbox` (the sender's Drafts, a recipient's Inbox); undefined without that folder. */
function file(
  mailbox: MailboxStore,
  folderName: 'inbox' | 'drafts',
  draft: { subject: string; body: MessageFields['body']; importance: MessageFields['importance']; replyTo: Recipient[]; to: Recipient[]; cc: Recipient[]; bcc: Recipient[]; attachments: OutgoingAttachment[] },
  meta: { me: Recipient; createdAtInMs: number; sentDateTime?: string; conversationId: string; internetMessageId: string; isRead: boolean; isDraft: boolean },
): MessageRecord | undefined {
  const folder = mailbox.wellKnown(folderName);
  if (!folder) return undefined;
  const at = mailbox.timestamp();
  const attachments: AttachmentRecord[] = draft.attachments.map((a) => ({
    id: mailbox.ids.next('attachment'),
    name: a.name,
    contentType: a.contentType,
    size: Buffer.from(a.contentBytes, 'base64').length + sizeOverheadInBytes,
    isInline: a.isInline,
    contentId: a.contentId,
    lastModifiedDateTime: at,
    contentBytes: a.contentBytes,
  }));
  return mailbox.insertMessage(
    folder.id,
    {
      createdDateTime: at,
      lastModifiedDateTime: at,
      changeKey: mailbox.ids.changeKey(),
      categories: [],
      receivedDateTime: at,
      sentDateTime: meta.sentDateTime ?? toGraphTimestamp(meta.createdAtInMs),
      internetMessageId: meta.internetMessageId,
      subject: draft.subject,
      body: structuredClone(draft.body),
      importance: draft.importance,
      // UNVERIFIED: conversationId is per mailbox in Exchange; each copy gets the sender's here.
      conversationId: meta.conversationId,
      conversationIndex: mailbox.ids.conversationIndex(),
      isRead: meta.isRead,
      isDraft: meta.isDraft,
      isDeliveryReceiptRequested: false,
      isReadReceiptRequested: false,
      inferenceClassification: 'focused',
      from: meta.me,
      sender: meta.me,
      toRecipients: structuredClone(draft.to),
      ccRecipients: structuredClone(draft.cc),
      bccRecipients: structuredClone(draft.bcc),
      replyTo: structuredClone(draft.replyTo),
      flag: { flagStatus: 'notFlagged' },
    },
    attachments,
  );
}
