import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';

/** OData string literal: quotes doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** POST /me/messages: a new draft in Drafts (https://learn.microsoft.com/graph/api/user-post-messages). */
export function draftCreateRequest(message: Record<string, unknown>): GraphRequest {
  return buildRequest('messages.create', {}, { body: message });
}

export type ResponseAction = 'reply' | 'replyAll' | 'forward';

const responseOperations = { reply: 'messages.createReply', replyAll: 'messages.createReplyAll', forward: 'messages.createForward' } as const;

/** createReply/createReplyAll/createForward with the draft's first properties in `message` (no `comment`: Graph leaves it out). */
export function draftResponseRequest(messageId: string, action: ResponseAction, message: Record<string, unknown>): GraphRequest {
  return buildRequest(responseOperations[action], { messageId }, { body: { message } });
}

/**
 * The messages of the whole mailbox whose named property `propertyId` has `value`, with `expandId`'s
 * value expanded (https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get).
 */
export function findByPropertyRequest(propertyId: string, value: string, expandId: string, select: readonly string[], top: number): GraphRequest {
  return buildRequest('messages.findByProperty', {}, { query: extendedPropertyQuery(propertyId, value, expandId, select, top) });
}

/** The query of a look-up by a named extended property (messages or contacts), with another property's value expanded. */
export function extendedPropertyQuery(propertyId: string, value: string, expandId: string, select: readonly string[], top: number): Record<string, string> {
  return {
    $filter: `singleValueExtendedProperties/Any(ep: ep/id eq ${literal(propertyId)} and ep/value eq ${literal(value)})`,
    $expand: `singleValueExtendedProperties($filter=id eq ${literal(expandId)})`,
    $select: select.join(','),
    $top: String(top),
  };
}

/** DELETE of one attachment of a draft (https://learn.microsoft.com/graph/api/attachment-delete). */
export function attachmentDeleteRequest(messageId: string, attachmentId: string): GraphRequest {
  return buildRequest('attachments.delete', { messageId, attachmentId });
}

/**
 * One message with one named property expanded (its `@odata.etag` comes with it): mail/send reads its
 * draft and send mark this way (https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get).
 */
export function messageWithPropertyRequest(messageId: string, propertyId: string, select: readonly string[]): GraphRequest {
  return buildRequest('messages.get', { messageId }, { query: { $select: select.join(','), $expand: `singleValueExtendedProperties($filter=id eq ${literal(propertyId)})` } });
}

/** PATCH of extended properties only, with `If-Match` when given: a compare-and-set on the message's change key (UNVERIFIED that Graph honours it on messages). */
export function propertiesUpdateRequest(messageId: string, properties: Array<{ id: string; value: string }>, ifMatch?: string): GraphRequest {
  return buildRequest('messages.update', { messageId }, { body: { singleValueExtendedProperties: properties }, ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }) });
}

/** POST .../send: Exchange sends the draft and answers 202 (https://learn.microsoft.com/graph/api/message-send). */
export function messageSendRequest(messageId: string): GraphRequest {
  return buildRequest('messages.send', { messageId });
}
