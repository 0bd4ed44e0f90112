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

/** Selectable but not in the default set. */
export const selectableMessageProperties: readonly string[] = [...messageProperties, 'uniqueBody'];

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
    default:
      return structuredClone((message as unknown as Record<string, unknown>)[name]);
  }
}

export function toGraphMessage(message: MessageRecord, options: RenderOptions = {}): Record<string, unknown> {
  const names = options.select ? ['id', ...messageProperties.filter((n) => n !== 'id' && options.select!.includes(n)), ...(options.select.includes('uniqueBody') ? ['uniqueBody'] : [])] : messageProperties;
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
