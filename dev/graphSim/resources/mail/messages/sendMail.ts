import { findUser } from '../../../../directory';
import { GraphError, graphErrors } from '../../../core/graphError';
import type { MailboxStore } from '../mailboxStore';
import { mailStores } from '../mailStores';
import { toGraphTimestamp, type AttachmentRecord, type Recipient } from '../../../core/graphTypes';
import { type Importance, type MessageFields } from '../mailboxTypes';
import { toBody, toRecipients } from './messagePatch';
import { requireObjectBody, requireStore } from '../resolveTargets';
import type { HandlerContext, SimResponse } from '../../../core/simContext';

/**
 * POST /me/sendMail (https://learn.microsoft.com/graph/api/user-sendmail): 202 at once, delivery later.
 * After `deliveryDelayInMs` each recipient with a simulated mailbox gets the message in its Inbox and
 * the sender a copy in Sent Items (unless saveToSentItems is false). Other recipients are dropped.
 */
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
  ctx.sim.scheduleDelivery(() => {
    const me: Recipient = { emailAddress: { name: sender.owner.displayName, address: sender.owner.upn } };
    const sentAtInMs = ctx.sim.clock.now();
    const conversationId = sender.ids.next('conversation');
    const internetMessageId = sender.ids.internetMessageId(sender.owner.upn.split('@')[1] ?? 'contoso.test');
    const seen = new Set<string>();
    for (const recipient of [...to, ...cc, ...bcc]) {
      const user = findUser(recipient.emailAddress.address);
      const mailbox = user && ctx.sim.stores.get(mailStores, user.oid);
      if (!mailbox || seen.has(user.oid)) continue;
      seen.add(user.oid);
      file(mailbox, 'inbox', { ...draft, bcc: [] }, { me, sentAtInMs, conversationId, internetMessageId, isRead: false });
    }
    if (saveToSentItems) file(sender, 'sentitems', draft, { me, sentAtInMs, conversationId, internetMessageId, isRead: true });
  });
  return { status: 202, headers: {} };
}

function file(
  mailbox: MailboxStore,
  folderName: 'inbox' | 'sentitems',
  draft: { subject: string; body: MessageFields['body']; importance: MessageFields['importance']; replyTo: Recipient[]; to: Recipient[]; cc: Recipient[]; bcc: Recipient[]; attachments: OutgoingAttachment[] },
  meta: { me: Recipient; sentAtInMs: number; conversationId: string; internetMessageId: string; isRead: boolean },
): void {
  const folder = mailbox.wellKnown(folderName);
  if (!folder) return;
  const at = mailbox.timestamp();
  const attachments: AttachmentRecord[] = draft.attachments.map((a) => ({
    id: mailbox.ids.next('attachment'),
    name: a.name,
    contentType: a.contentType,
    size: Buffer.from(a.contentBytes, 'base64').length,
    isInline: a.isInline,
    contentId: a.contentId,
    lastModifiedDateTime: at,
    contentBytes: a.contentBytes,
  }));
  mailbox.insertMessage(
    folder.id,
    {
      createdDateTime: at,
      lastModifiedDateTime: at,
      changeKey: mailbox.ids.changeKey(),
      categories: [],
      receivedDateTime: at,
      sentDateTime: toGraphTimestamp(meta.sentAtInMs),
      internetMessageId: meta.internetMessageId,
      subject: draft.subject,
      body: structuredClone(draft.body),
      importance: draft.importance,
      // UNVERIFIED: conversationId is per mailbox in Exchange; each copy gets the sender's here.
      conversationId: meta.conversationId,
      conversationIndex: mailbox.ids.conversationIndex(),
      isRead: meta.isRead,
      isDraft: false,
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
