import { folderDeleteRequest } from '../graph/requests/folderRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError, isFerryError } from '../protocol/ferryError';
import { emptyResponse, foldersDeleteRequest } from '../protocol/schemas/folders';
import type { CommandContext } from '../runtime/commandContext';
import { isFolderRefusal, readFolders, requireOwnFolder } from './folderActions/readFolders';

export const foldersDeleteCommand: CommandDefinition<typeof foldersDeleteRequest, typeof emptyResponse, CommandContext> = {
  route: 'folders/delete',
  functionName: 'foldersDelete',
  summary: 'Delete a folder',
  description:
    "Deletes one of the user's own folders (kind `other`) with its subfolders and mail, as Graph's folder DELETE does (where Exchange keeps them is not documented; `folders/sync` reports the folder removed). A well-known folder is `not_allowed`; an unknown one `folder_not_found`.",
  request: foldersDeleteRequest,
  response: emptyResponse,
  errors: ['folder_not_found', 'not_allowed', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ id }, context) {
    const { folders, wellKnown } = await readFolders(context.graph, [id]);
    const folder = folders[0]!;
    requireOwnFolder(folder, wellKnown);
    try {
      await context.graph.send(folderDeleteRequest(folder.id));
    } catch (error) {
      // Read a moment ago: a 404 now means it is gone, by an earlier attempt of this DELETE or another client.
      if (isFerryError(error) && error.code === 'not_found') {
        context.logger.info('folders.delete', { alreadyGone: true });
        return {};
      }
      if (isFolderRefusal(error, ['ErrorDeleteDistinguishedFolder'])) throw new FerryError('not_allowed', { cause: error, logReason: 'distinguished' });
      throw error;
    }
    context.logger.info('folders.delete', { alreadyGone: false });
    return {};
  },
};
