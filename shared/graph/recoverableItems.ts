import { GraphRequestError } from './graphErrors';
import type { BatchResult } from './graphRequest';

/**
 * The id of Recoverable Items\Deletions from the answer to `recoverableItemsRequest()`, sent in the same
 * `$batch` as the messages it judges (no extra round trip, nothing cached between commands). Undefined
 * when the mailbox has no such folder (404): nothing can be soft-deleted there. Any other failure is
 * thrown (a GraphRequestError): without the id a message's 200 cannot be told from a soft-deleted one.
 */
export function recoverableItemsIdOf(result: BatchResult): string | undefined {
  if (!result.ok) {
    if (result.error.code === 'not_found') return undefined;
    throw result.error;
  }
  const id = (result.response.body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === '') throw new GraphRequestError('upstream_error', { operation: 'mailFolders.get', logReason: 'invalid_answer' });
  return id;
}

/**
 * True for a message whose `parentFolderId` is Recoverable Items: a DELETE put it there, so for the
 * device it is gone. UNVERIFIED: that Graph answers a GET of it at all (200 with that parentFolderId)
 * rather than 404; the repeated DELETE's 403 that suggests it is microsoftgraph/msgraph-sdk-dotnet#3047.
 */
export function isInRecoverableItems(parentFolderId: unknown, recoverableItemsId: string | undefined): boolean {
  return recoverableItemsId !== undefined && parentFolderId === recoverableItemsId;
}
