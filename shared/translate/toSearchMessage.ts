import type { Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { searchMessageSchema, type SearchMessage } from '../protocol/schemas/search';
import { messageSelectFields } from './partialMessages';
import { toDeviceMessage } from './toDeviceMessage';

/** What a search asks Graph for: the sync message's fields without the body, plus its folder. */
export const searchSelectFields: readonly string[] = [...messageSelectFields({ type: 'none' }), 'parentFolderId'];

/**
 * A search result as the device gets it, or undefined when Graph's item is not a usable message (a
 * field missing, an id or folder id the device schema refuses): the caller drops and counts it.
 */
export function toSearchMessage(graphMessage: GraphMessage): SearchMessage | undefined {
  try {
    const { body: _body, ...message } = toDeviceMessage(graphMessage, { body: { type: 'none' } });
    const parsed = searchMessageSchema.safeParse({ ...message, folderId: graphMessage.parentFolderId });
    return parsed.success ? (parsed.data as SearchMessage) : undefined;
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}
