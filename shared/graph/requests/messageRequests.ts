import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';
import { linkRequest, preferHeaders } from './linkRequest';

export type BodyContentType = 'text' | 'html';

export interface MessageDeltaStart {
  folderId: string;
  select: readonly string[];
  /** ISO date-time: only mail received since then (Graph caps a filtered delta at 5,000 messages). */
  since?: string;
  bodyContentType?: BodyContentType;
}

/**
 * First page of a folder's message delta. `$orderby=receivedDateTime desc` (the only order delta
 * accepts) so the newest mail reaches the screen first.
 * https://learn.microsoft.com/graph/api/message-delta
 */
export function messageDeltaRequest(start: MessageDeltaStart, maxPageSize: number): GraphRequest {
  const query: Record<string, string> = { $select: start.select.join(','), $orderby: 'receivedDateTime desc' };
  if (start.since) query.$filter = `receivedDateTime ge ${start.since}`;
  return buildRequest('messages.delta', { folderId: start.folderId }, { query, headers: preferHeaders({ maxPageSize, bodyContentType: start.bodyContentType }) });
}

/** Later pages and rounds: the link as Graph gave it; the Prefer headers are not part of it. */
export function messageDeltaLinkRequest(link: string, maxPageSize: number, bodyContentType?: BodyContentType): GraphRequest {
  return linkRequest('messages.delta', link, preferHeaders({ maxPageSize, bodyContentType }));
}

export function messageGetRequest(messageId: string, select: readonly string[], bodyContentType?: BodyContentType): GraphRequest {
  return buildRequest('messages.get', { messageId }, { query: { $select: select.join(',') }, headers: preferHeaders({ bodyContentType }) });
}

export function messageAttachmentsRequest(messageId: string, select: readonly string[]): GraphRequest {
  return buildRequest('messages.attachments', { messageId }, { query: { $select: select.join(',') } });
}

/** DELETE of one message: Exchange soft-deletes it into Recoverable Items (see confirmDeleted.ts). */
export function messageDeleteRequest(messageId: string): GraphRequest {
  return buildRequest('messages.delete', { messageId });
}

/** PATCH of one message with only the properties given (isRead, flag, categories). */
export function messageUpdateRequest(messageId: string, changes: Record<string, unknown>): GraphRequest {
  return buildRequest('messages.update', { messageId }, { body: changes });
}

/** POST .../move: `destinationId` a folder id or a well-known name; the answer is the moved message. */
export function messageMoveRequest(messageId: string, destinationId: string): GraphRequest {
  return buildRequest('messages.move', { messageId }, { body: { destinationId } });
}

/** One attachment's metadata (its `@odata.type` tells a file, an item and a reference apart). */
export function attachmentGetRequest(messageId: string, attachmentId: string, select: readonly string[]): GraphRequest {
  return buildRequest('attachments.get', { messageId, attachmentId }, { query: { $select: select.join(',') } });
}

/**
 * One attachment's raw bytes, streamed (GraphClient.stream): a file's content; an item attachment's
 * MIME (a message), vCard (a contact) or iCalendar (an event); 405 for a reference attachment.
 * https://learn.microsoft.com/graph/api/attachment-get#example-6-get-the-raw-contents-of-a-file-attachment-on-a-message
 */
export function attachmentValueRequest(messageId: string, attachmentId: string): GraphRequest {
  return buildRequest('attachments.value', { messageId, attachmentId }, { headers: { accept: '*/*' } });
}
