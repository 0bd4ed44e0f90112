import { GraphRequestError } from './graphErrors';
import type { GraphClient } from './graphRequest';
import { recoverableItemsRequest } from './requests/folderRequests';
import { messageGetRequest } from './requests/messageRequests';
import { isInRecoverableItems, recoverableItemsIdOf } from './recoverableItems';

/**
 * A DELETE is idempotent, but its repeat does not say "done" plainly. Exchange soft-deletes a message
 * into Recoverable Items, and with immutable ids a second DELETE of it answers 403
 * ErrorCannotDeleteObject "Object cannot be deleted.", not 404
 * (https://github.com/microsoftgraph/msgraph-sdk-dotnet/issues/3047). Either answer may also mean the
 * DELETE never happened (a wrong id, a message Exchange refuses to delete), so it counts as done only
 * once a GET shows the message gone (404) or in Recoverable Items (its `parentFolderId` is the folder
 * the well-known name `recoverableitemsdeletions` names).
 *
 * A single DELETE: `confirmDeletedAfter(graph, id, error)` in its catch. A bulk delete (`$batch` of
 * DELETEs): `mayBeDoneAlready` on each failed item, then one `checkDeleted` for those ids.
 */

/** What a GET says about a message whose DELETE answered like a repeat. */
export type DeletionCheck =
  /** Gone (`not_found`) or in Recoverable Items (`recoverable_items`): the DELETE is done. */
  | { readonly kind: 'deleted'; readonly evidence: 'not_found' | 'recoverable_items' }
  /** Still in a folder of the mailbox: the DELETE did not happen. */
  | { readonly kind: 'present' }
  /** The check itself failed (throttled, Graph down...): the device gets this error. */
  | { readonly kind: 'unknown'; readonly error: GraphRequestError };

/** True for a DELETE's failure that an earlier DELETE of the same message may explain: 404, or 403 ErrorCannotDeleteObject. */
export function mayBeDoneAlready(error: unknown): error is GraphRequestError {
  if (!(error instanceof GraphRequestError)) return false;
  if (error.code === 'not_found') return true;
  return error.graphStatus === 403 && error.graphCode?.toLowerCase() === 'errorcannotdeleteobject';
}

/**
 * Checks whether each message is deleted, in `$batch` (one round trip for up to 19 ids): the
 * Recoverable Items folder is asked once, beside each message's `parentFolderId`. One result per id, in
 * order. Never throws for Graph's failures: a failed check is `unknown` with its error.
 */
export async function checkDeleted(graph: GraphClient, messageIds: readonly string[]): Promise<DeletionCheck[]> {
  if (messageIds.length === 0) return [];
  const [folder, ...messages] = await graph.batch([recoverableItemsRequest(), ...messageIds.map((id) => messageGetRequest(id, ['parentFolderId']))]);
  let recoverableItemsId: string | undefined;
  let folderError: GraphRequestError | undefined;
  try {
    recoverableItemsId = recoverableItemsIdOf(folder!);
  } catch (error) {
    if (!(error instanceof GraphRequestError)) throw error;
    folderError = error;
  }
  return messages.map((result): DeletionCheck => {
    if (!result.ok) return result.error.code === 'not_found' ? { kind: 'deleted', evidence: 'not_found' } : { kind: 'unknown', error: result.error };
    if (folderError) return { kind: 'unknown', error: folderError };
    const parentFolderId = (result.response.body as { parentFolderId?: unknown } | undefined)?.parentFolderId;
    return isInRecoverableItems(parentFolderId, recoverableItemsId) ? { kind: 'deleted', evidence: 'recoverable_items' } : { kind: 'present' };
  });
}

/**
 * In the catch of a DELETE of one message: resolves when the message is deleted after all (an earlier
 * attempt did it), otherwise throws the DELETE's own error, or the check's when the check failed.
 */
export async function confirmDeletedAfter(graph: GraphClient, messageId: string, error: unknown): Promise<void> {
  if (!mayBeDoneAlready(error)) throw error;
  const [check] = await checkDeleted(graph, [messageId]);
  if (check!.kind === 'deleted') return;
  throw check!.kind === 'unknown' ? check!.error : error;
}
