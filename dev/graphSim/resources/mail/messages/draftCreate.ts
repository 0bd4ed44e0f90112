import { graphErrors } from '../../../core/graphError';
import type { ItemBody, Recipient } from '../../../core/graphTypes';
import type { HandlerContext, SimResponse } from '../../../core/simContext';
import { contextUrl, json } from '../../../core/simResponses';
import type { MailboxStore } from '../mailboxStore';
import type { ExtendedProperty, FolderRecord, MessageFields, MessageRecord } from '../mailboxTypes';
import { requireFolderChain, requireMessage, requireObjectBody, requireStore } from '../resolveTargets';
import { setExtendedProperties, toExtendedProperties } from '../../../core/extendedProperties';
import { toMessageChanges } from './messagePatch';
import { idFormFor } from './messageIdForm';
import { toGraphMessage } from './toGraphMessage';

/** The changes and extended properties of a message body (create, or createReply's `message`). */
function readMessageBody(input: Record<string, unknown>): { changes: Partial<MessageFields>; properties: ExtendedProperty[] } {
  const { singleValueExtendedProperties, ...rest } = input;
  return {
    changes: toMessageChanges(rest, true),
    properties: singleValueExtendedProperties === undefined ? [] : toExtendedProperties(singleValueExtendedProperties),
  };
}

function me(store: MailboxStore): Recipient {
  return { emailAddress: { name: store.owner.displayName, address: store.owner.upn } };
}

/** A new draft's fields: the user as sender, nothing else set (what Outlook's new draft has). */
function blankDraft(store: MailboxStore, conversationId: string): MessageFields {
  const at = store.timestamp();
  return {
    createdDateTime: at,
    lastModifiedDateTime: at,
    changeKey: store.ids.changeKey(),
    categories: [],
    receivedDateTime: at,
    sentDateTime: at,
    internetMessageId: store.ids.internetMessageId(store.owner.upn.split('@')[1] ?? 'contoso.test'),
    subject: '',
    body: { contentType: 'text', content: '' },
    importance: 'normal',
    conversationId,
    conversationIndex: store.ids.conversationIndex(),
    isRead: true,
    isDraft: true,
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    inferenceClassification: 'focused',
    from: me(store),
    sender: me(store),
    toRecipients: [],
    ccRecipients: [],
    bccRecipients: [],
    replyTo: [],
    flag: { flagStatus: 'notFlagged' },
  };
}

function created(ctx: HandlerContext, store: MailboxStore, message: MessageRecord): SimResponse {
  const ids = idFormFor(store, ctx.prefer.immutableId);
  return json(201, { '@odata.context': contextUrl(ctx, 'messages/$entity'), ...toGraphMessage(message, { ids, bodyContentType: ctx.prefer.bodyContentType }) });
}

/**
 * POST /me/messages (https://learn.microsoft.com/graph/api/user-post-messages): "Create a draft of a new
 * message", 201 with the message, in Drafts; through `/mailFolders/{id}/messages` in that folder. The
 * body takes the writable message properties (messagePatch.ts) and singleValueExtendedProperties
 * ("Create a single-value extended property" when creating the message). UNVERIFIED: the draft's
 * sentDateTime and receivedDateTime are its creation time (the createReply sample shows the original's
 * sentDateTime on a reply draft).
 */
export function createDraft(ctx: HandlerContext, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const folder: FolderRecord | undefined = chain ? requireFolderChain(store, chain) : store.wellKnown('drafts');
  if (!folder) throw graphErrors.itemNotFound();
  const { changes, properties } = readMessageBody(requireObjectBody(ctx));
  const message = store.insertMessage(folder.id, { ...blankDraft(store, store.ids.next('conversation')), ...changes });
  setExtendedProperties(message, properties);
  return created(ctx, store, message);
}

export type ResponseKind = 'createReply' | 'createReplyAll' | 'createForward';

const prefixes: Record<ResponseKind, string> = { createReply: 'RE: ', createReplyAll: 'RE: ', createForward: 'FW: ' };

/** UNVERIFIED: Outlook adds no second prefix to a subject that already starts with it. */
function responseSubject(kind: ResponseKind, subject: string): string {
  const prefix = prefixes[kind];
  return subject.toLowerCase().startsWith(prefix.toLowerCase()) ? subject : `${prefix}${subject}`;
}

const addressList = (recipients: readonly Recipient[]) => recipients.map((r) => `${r.emailAddress.name} <${r.emailAddress.address}>`).join('; ');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The quoted original below an empty first line, as Outlook writes it: HTML for an HTML original (a
 * header block `divRplyFwdMsg` after an `<hr>`, then the original's body content), text for a text one.
 * UNVERIFIED: Exchange's exact markup (only "the quoted original follows" is relied on by Ferry).
 */
function quotedBody(original: MessageRecord): ItemBody {
  const header = [
    ['From', original.from ? addressList([original.from]) : ''],
    ['Sent', original.sentDateTime],
    ['To', addressList(original.toRecipients)],
    ...(original.ccRecipients.length > 0 ? [['Cc', addressList(original.ccRecipients)]] : []),
    ['Subject', original.subject],
  ];
  if (original.body.contentType === 'text') {
    const lines = header.map(([name, value]) => `${name}: ${value}`).join('\r\n');
    return { contentType: 'text', content: `\r\n\r\n________________________________\r\n${lines}\r\n\r\n${original.body.content}` };
  }
  const inner = /<body[^>]*>([\s\S]*)<\/body>/i.exec(original.body.content)?.[1] ?? original.body.content;
  const lines = header.map(([name, value]) => `<b>${name}:</b> ${escapeHtml(value!)}`).join('<br>');
  return {
    contentType: 'html',
    content: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div><br></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">${lines}</div><div>${inner}</div></body></html>`,
  };
}

const sameAddress = (a: Recipient, b: Recipient) => a.emailAddress.address.toLowerCase() === b.emailAddress.address.toLowerCase();

function withoutRepeats(recipients: readonly Recipient[]): Recipient[] {
  return recipients.filter((r, index) => recipients.findIndex((other) => sameAddress(r, other)) === index);
}

/** Who a response goes to: reply the original's replyTo or sender; replyAll also its To and Cc, never the user; forward nobody. */
function responseRecipients(kind: ResponseKind, original: MessageRecord, self: Recipient): { to: Recipient[]; cc: Recipient[] } {
  if (kind === 'createForward') return { to: [], cc: [] };
  const author = original.replyTo.length > 0 ? original.replyTo : original.from ? [original.from] : [];
  if (kind === 'createReply') return { to: structuredClone(author), cc: [] };
  const notSelf = (r: Recipient) => !sameAddress(r, self);
  const to = withoutRepeats([...author, ...original.toRecipients]).filter(notSelf);
  const cc = original.ccRecipients.filter(notSelf).filter((r) => !to.some((t) => sameAddress(r, t)));
  // A reply to one's own message still goes to its recipients, and to oneself only when nobody else is left.
  return { to: to.length > 0 || cc.length > 0 ? structuredClone(to) : structuredClone(author), cc: structuredClone(cc) };
}

/**
 * POST /me/messages/{id}/createReply, createReplyAll, createForward
 * (https://learn.microsoft.com/graph/api/message-createreply, -createreplyall, -createforward): 201 with
 * a draft in Drafts in the original's conversation, subject `RE:`/`FW:` and the original quoted in its
 * body; createForward copies the original's attachments. The optional `message` sets properties of the
 * draft (toRecipients etc.). `comment` is taken and ignored: the docs' known issue ("the comment
 * property is not included in the body of the draft", known-issues: createReply/createForward). With
 * the flag `draftPropertiesInMessage` (UNVERIFIED whether Graph takes them there) singleValueExtendedProperties
 * in `message` are set too; off, they are ignored and must be PATCHed.
 */
export function createResponse(ctx: HandlerContext, kind: ResponseKind, id: string, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const original = requireMessage(store, id, chain ? requireFolderChain(store, chain) : undefined);
  const body = ctx.request.body === undefined || ctx.request.body === null ? {} : requireObjectBody(ctx);
  if (body.comment !== undefined && typeof body.comment !== 'string') throw graphErrors.bodyRead('Cannot convert the literal to the expected type \'Edm.String\'.');
  const message = body.message === undefined ? {} : body.message;
  if (typeof message !== 'object' || message === null || Array.isArray(message)) throw graphErrors.bodyRead('Cannot convert the literal to the expected type \'microsoft.graph.message\'.');
  const { changes, properties } = readMessageBody(message as Record<string, unknown>);
  const drafts = store.wellKnown('drafts');
  if (!drafts) throw graphErrors.itemNotFound();
  const recipients = responseRecipients(kind, original, me(store));
  const at = store.timestamp();
  const attachments = kind === 'createForward'
    ? original.attachments.map((a) => ({ ...structuredClone(a), id: store.ids.next('attachment'), lastModifiedDateTime: at }))
    : [];
  const draft = store.insertMessage(
    drafts.id,
    {
      ...blankDraft(store, original.conversationId),
      subject: responseSubject(kind, original.subject),
      body: quotedBody(original),
      toRecipients: recipients.to,
      ccRecipients: recipients.cc,
      ...changes,
    },
    attachments,
  );
  draft.inReplyTo = original.internetMessageId;
  if (ctx.sim.flags.draftPropertiesInMessage) setExtendedProperties(draft, properties);
  return created(ctx, store, draft);
}
