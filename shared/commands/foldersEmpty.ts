import { checkDeleted, mayBeDoneAlready } from '../graph/confirmDeleted';
import { checkAnswerShape } from '../graph/checkAnswerShape';
import type { BatchResult, GraphClient } from '../graph/graphRequest';
import { childFoldersRequest, folderDeleteRequest, folderMessagesRequest } from '../graph/requests/folderRequests';
import { messageDeleteRequest } from '../graph/requests/messageRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { foldersEmptyRequest, foldersEmptyResponse } from '../protocol/schemas/folders';
import type { CommandContext } from '../runtime/commandContext';
import { pageSize } from './folderActions/actOnPage';
import { readFolders, toFolderNotFound } from './folderActions/readFolders';
import { workInRounds, type RoundResult } from './folderActions/workInRounds';

/** The kinds a device may empty: what is already thrown away. */
const emptiableKinds = new Set(['deleted', 'junk']);

export const foldersEmptyCommand: CommandDefinition<typeof foldersEmptyRequest, typeof foldersEmptyResponse, CommandContext> = {
  route: 'folders/empty',
  functionName: 'foldersEmpty',
  summary: 'Empty Deleted Items or Junk',
  description:
    'Deletes every message and subfolder of the Deleted Items or Junk folder (any other kind is `not_allowed`), as much as fits in one call; Exchange keeps them in Recoverable Items. `more: true`: call again.',
  request: foldersEmptyRequest,
  response: foldersEmptyResponse,
  errors: ['folder_not_found', 'not_allowed', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ folderId }, context) {
    const folder = (await readFolders(context.graph, [folderId])).folders[0]!;
    if (!emptiableKinds.has(folder.kind)) throw new FerryError('not_allowed', { logReason: `kind_${folder.kind}` });
    const { done, more, rounds } = await workInRounds(context, () => emptyRound(context.graph, folder.id));
    context.logger.info('folders.empty', { deleted: done, more, rounds });
    return { deleted: done, more };
  },
};

/**
 * One round: the first page of the folder's messages and of its subfolders (one `$batch`), then a
 * DELETE of each (one more). A subfolder goes with what it holds. A message DELETE answered like a
 * repeat (404, or 403 ErrorCannotDeleteObject once it is in Recoverable Items) counts only once a
 * look-up shows it deleted (confirmDeleted.ts); a subfolder's 404 is not counted.
 */
async function emptyRound(graph: GraphClient, folderId: string): Promise<RoundResult> {
  const [messages, children] = await graph.batch([folderMessagesRequest(folderId, { top: pageSize }), childFoldersRequest(folderId, ['id'])]);
  const messagePage = pageOf(messages!);
  const folderPage = pageOf(children!);
  const nothingMore = messagePage.nextLink === undefined && folderPage.nextLink === undefined;
  if (messagePage.ids.length + folderPage.ids.length === 0) return { done: 0, finished: nothingMore };
  const results = await graph.batch([...messagePage.ids.map(messageDeleteRequest), ...folderPage.ids.map(folderDeleteRequest)]);
  const messageResults = results.slice(0, messagePage.ids.length);
  const repeats = messagePage.ids.flatMap((id, index) => {
    const result = messageResults[index]!;
    return !result.ok && mayBeDoneAlready(result.error) ? [{ id, error: result.error }] : [];
  });
  const checks = await checkDeleted(graph, repeats.map((repeat) => repeat.id));
  const confirmed = checks.filter((check) => check.kind === 'deleted').length;
  const done = results.filter((result) => result.ok).length + confirmed;
  // Still there after all (Exchange refused it), or the check failed: the action stops on it.
  const unconfirmed = checks.findIndex((check) => check.kind !== 'deleted');
  if (unconfirmed >= 0) {
    const check = checks[unconfirmed]!;
    return { done, finished: false, failure: check.kind === 'unknown' ? check.error : repeats[unconfirmed]!.error };
  }
  const failed = results.find((result, index) => {
    if (result.ok) return false;
    if (index < messagePage.ids.length) return !mayBeDoneAlready(result.error);
    return result.error.code !== 'not_found';
  });
  if (failed && !failed.ok) return { done, finished: false, failure: failed.error };
  return { done, finished: nothingMore };
}

function pageOf(result: BatchResult): { ids: string[]; nextLink?: string } {
  if (!result.ok) throw toFolderNotFound(result.error);
  const body = result.response.body as { value: Array<{ id?: unknown }>; '@odata.nextLink'?: string | null };
  if (!checkAnswerShape('page', body)) throw new FerryError('upstream_error', { logReason: 'invalid_page' });
  const next = body['@odata.nextLink'];
  return { ids: body.value.map((item) => item.id).filter((id): id is string => typeof id === 'string'), ...(typeof next === 'string' ? { nextLink: next } : {}) };
}
