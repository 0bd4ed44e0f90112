import type { Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import type { BodyPreference } from '../protocol/schemas/mail';
import { mergeGraphItem } from './mergeGraphItem';
import { missingGraphFields } from './missingGraphFields';

/**
 * Which Graph message properties the translators map, and how a partial delta item is completed.
 * A delta's updated item carries "at least the properties that have been updated"
 * (https://learn.microsoft.com/graph/delta-query-overview): the sync asks which selected fields an
 * item lacks (missingMessageFields), fetches just those, and merges (mergeGraphMessage) before
 * translating. toDeviceMessage refuses an item that still lacks one rather than invent a default.
 */
export type MessageField = keyof GraphMessage;

const messageFields: readonly MessageField[] = [
  'id',
  'conversationId',
  'receivedDateTime',
  'from',
  'toRecipients',
  'ccRecipients',
  'subject',
  'bodyPreview',
  'isRead',
  'flag',
  'importance',
  'hasAttachments',
  'categories',
];

/**
 * `$select` of a folder's message delta: what toDeviceMessage maps, `body` only when the device asked
 * for one (bodies are the heavy part of a page). Not `parentFolderId`: a folder's delta only returns
 * that folder's messages.
 */
export function messageSelectFields(body: BodyPreference): MessageField[] {
  return body.type === 'none' ? [...messageFields] : [...messageFields, 'body'];
}

/** `$select` of mail/get: the sync fields, the body (always returned there), the folder, bcc, reply-to, Message-ID. */
export const fullMessageSelectFields: MessageField[] = [...messageFields, 'body', 'parentFolderId', 'bccRecipients', 'replyTo', 'internetMessageId'];

/** The selected fields Graph did not send for this item (`null` is a value Graph sent, not a missing one). */
export function missingMessageFields(partialGraphMessage: GraphMessage, selectedFields: readonly string[]): string[] {
  return missingGraphFields(partialGraphMessage as Record<string, unknown>, selectedFields);
}

/** The delta item completed with a fetched copy: only fields the delta lacked are taken from `filledIn`. */
export function mergeGraphMessage(partial: GraphMessage, filledIn: GraphMessage): GraphMessage {
  return mergeGraphItem(partial, filledIn);
}
