import { folderMessagesRequest } from '../graph/requests/folderRequests';
import { messageUpdateRequest } from '../graph/requests/messageRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { foldersMarkReadRequest, foldersMarkReadResponse } from '../protocol/schemas/folders';
import type { CommandContext } from '../runtime/commandContext';
import { toFolderNotFound } from './folderActions/readFolders';
import { actOnPage, pageSize } from './folderActions/actOnPage';
import { workInRounds } from './folderActions/workInRounds';

export const foldersMarkReadCommand: CommandDefinition<typeof foldersMarkReadRequest, typeof foldersMarkReadResponse, CommandContext> = {
  route: 'folders/markRead',
  functionName: 'foldersMarkRead',
  summary: 'Mark a folder read',
  description:
    'Marks read the unread mail of one folder received before `receivedBefore` (absent: now), as much as fits in one call. `more: true`: call again with the answer\'s `receivedBefore`, so mail that arrives meanwhile stays unread.',
  request: foldersMarkReadRequest,
  response: foldersMarkReadResponse,
  errors: ['folder_not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const receivedBefore = new Date(input.receivedBefore === undefined ? context.clock.now() : Date.parse(input.receivedBefore)).toISOString();
    const unread = folderMessagesRequest(input.folderId, { filter: `isRead eq false and receivedDateTime lt ${receivedBefore}`, top: pageSize });
    const { done, more, rounds } = await workInRounds(context, async () => {
      let page;
      try {
        page = await context.graph.page<{ id?: unknown }>(unread);
      } catch (error) {
        throw toFolderNotFound(error);
      }
      return actOnPage(context.graph, page, (id) => messageUpdateRequest(id, { isRead: true }));
    });
    context.logger.info('folders.mark_read', { updated: done, more, rounds });
    return { updated: done, more, receivedBefore };
  },
};
