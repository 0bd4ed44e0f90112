import { convertBody, toBodyPreview } from '../../../core/bodyConversion';
import type { MessageRecord } from '../mailboxTypes';
import { expandedProperties } from '../../../core/extendedProperties';
import { immutableIdForm, type MessageIdForm } from './messageIdForm';

/**
 * Renders a message as Graph v1.0 does (message-get.json shape): `@odata.etag`, then the properties in
 * schema order, `$select` honoured (id always), body in HTML unless the caller prefers text.
 */
export const messageProperties = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'receivedDateTime', 'sentDateTime',
  'hasAttachments', 'internetMessageId', 'subject', 'bodyPreview', 'importance', 'parentFolderId', 'conversationId',
  'conversationIndex', 'isDeliveryReceiptRequested', 'isReadReceiptRequested', 'isRead', 'isDraft', 'webLink',
  'inferenceClassification', 'body', 'sender', 'from', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'flag',
] as const;

/** Selectable but not in the default set (message resource: "returned only on applying a $select"). */
export const selectableMessageProperties: readonly string[] = [...messageProperties, 'uniqueBody', 'internetMessageHeaders'];

export interface RenderOptions {
  select?: string[];
  /** Graph's default is HTML (https://learn.microsoft.com/graph/api/message-get#request-headers). */
  bodyContentType?: 'text' | 'html';
  /** Adds `"@odata.type": "#microsoft.graph.message"`, as delta answers do. */
  withType?: boolean;
  /** The request's id form (immutable unless it lacked `Prefer: IdType="ImmutableId"`). Default immutable. */
  ids?: MessageIdForm;
  /** `$expand=singleValueExtendedProperties($filter=id eq '...')`: that property id. */
  expandProperty?: string;
}

function propertyValue(message: MessageRecord, name: string, bodyType: 'text' | 'html', ids: MessageIdForm): unknown {
  switch (name) {
    case 'id':
      return ids.message(message);
    case 'hasAttachments':
      // Graph: "does not include inline attachments".
      return message.attachments.some((a) => !a.isInline);
    case 'bodyPreview':
      return toBodyPreview(message.body);
    case 'parentFolderId':
      return message.folderId;
    case 'webLink':
      return `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(ids.message(message))}&exvsurl=1&viewmodel=ReadMessageItem`;
    case 'body':
    case 'uniqueBody':
      return convertBody(message.body, bodyType);
    case 'internetMessageHeaders':
      return internetMessageHeaders(message);
    default:
      return structuredClone((message as unknown as Record<string, unknown>)[name]);
  }
}

export function toGraphMessage(message: MessageRecord, options: RenderOptions = {}): Record<string, unknown> {
  const extra = ['uniqueBody', 'internetMessageHeaders'].filter((n) => options.select?.includes(n));
  const names = options.select ? ['id', ...messageProperties.filter((n) => n !== 'id' && options.select!.includes(n)), ...extra] : messageProperties;
  return renderNames(message, names, options);
}

/**
 * A delta update carrying only what changed since `sinceSeq` (Graph: "at least the properties that
 * have been updated"), limited to the selected properties.
 */
export function toPartialGraphMessage(message: MessageRecord, sinceSeq: number, options: RenderOptions = {}): Record<string, unknown> {
  const changed = new Set(Object.entries(message.propSeq).filter(([, seq]) => seq > sinceSeq).map(([name]) => name));
  if (changed.has('body')) changed.add('bodyPreview');
  const names = messageProperties.filter((n) => n === 'id' || (changed.has(n) && (!options.select || options.select.includes(n))));
  return renderNames(message, names, options);
}

function renderNames(message: MessageRecord, names: readonly string[], options: RenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.withType) out['@odata.type'] = '#microsoft.graph.message';
  out['@odata.etag'] = `W/"${message.changeKey}"`;
  for (const name of names) out[name] = propertyValue(message, name, options.bodyContentType ?? 'html', options.ids ?? immutableIdForm);
  if (options.expandProperty !== undefined) out.singleValueExtendedProperties = expandedProperties(message, options.expandProperty);
  return out;
}

/**
 * The RFC 5322 headers a message carried in transport: the message resource documents them for
 * received mail only ("the message headers defined by RFC5322 that provide details of the network path
 * taken by a message from the sender to the recipient"). Modelled: Message-ID, and a reply's or
 * forward's In-Reply-To and References (the original's internetMessageId, as Outlook threads them);
 * UNVERIFIED: the full header set and its order. A draft has none: it never went through transport.
 */
function internetMessageHeaders(message: MessageRecord): Array<{ name: string; value: string }> | undefined {
  if (message.isDraft) return undefined;
  const headers = [{ name: 'Message-ID', value: message.internetMessageId }];
  if (message.inReplyTo !== undefined) headers.push({ name: 'In-Reply-To', value: message.inReplyTo }, { name: 'References', value: message.inReplyTo });
  return headers;
}
