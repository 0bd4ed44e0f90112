import type { GraphClient } from '../../graph/graphRequest';
import { isInRecoverableItems, recoverableItemsIdOf } from '../../graph/recoverableItems';
import { messageWithPropertyRequest } from '../../graph/requests/draftRequests';
import { recoverableItemsRequest } from '../../graph/requests/folderRequests';
import { FerryError } from '../../protocol/ferryError';
import { markOf, sendMarkPropertyId, sendPendingRetryAfterInMs } from './sendMark';

/**
 * Reads the message and refuses anything that is not a draft (409 `not_allowed`): Graph itself would
 * let a DELETE through and refuse only content PATCHes of sent mail. An unknown id is `not_found`. A
 * draft with mail/send's mark is being sent (or was, with an outcome not yet known): 409
 * `send_in_progress`, so an edit or an upload never races the send.
 */
export async function requireDraft(graph: GraphClient, draftId: string): Promise<void> {
  // With Recoverable Items' id in the same `$batch`: a deleted draft, which Graph may still answer, is not_found.
  const [message, recoverableItems] = await graph.batch([messageWithPropertyRequest(draftId, sendMarkPropertyId, ['id', 'isDraft', 'parentFolderId']), recoverableItemsRequest()]);
  if (!message!.ok) throw message!.error;
  const body = message!.response.body as { isDraft?: unknown; parentFolderId?: unknown } | undefined;
  if (isInRecoverableItems(body?.parentFolderId, recoverableItemsIdOf(recoverableItems!))) throw new FerryError('not_found', { logReason: 'soft_deleted' });
  if (body?.isDraft !== true) throw new FerryError('not_allowed', { logReason: 'not_a_draft' });
  if (markOf(body as Parameters<typeof markOf>[0])) throw new FerryError('send_in_progress', { retryAfterInMs: sendPendingRetryAfterInMs, logReason: 'send_mark' });
}
