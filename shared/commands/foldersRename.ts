import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { folderRenameRequest } from '../graph/requests/folderRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { folderActionResponse, foldersRenameRequest } from '../protocol/schemas/folders';
import type { CommandContext } from '../runtime/commandContext';
import { toDeviceFolder } from '../translate/toDeviceFolder';
import { isFolderRefusal, readFolders, requireOwnFolder, toFolderNotFound } from './folderActions/readFolders';

export const foldersRenameCommand: CommandDefinition<typeof foldersRenameRequest, typeof folderActionResponse, CommandContext> = {
  route: 'folders/rename',
  functionName: 'foldersRename',
  summary: 'Rename a folder',
  description:
    "Renames one of the user's own folders (kind `other`); a well-known folder, or a name a sibling already has, is `not_allowed`. Renaming to the folder's own name changes nothing. Answers the folder as `folders/sync` sends it.",
  request: foldersRenameRequest,
  response: folderActionResponse,
  errors: ['folder_not_found', 'not_allowed', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ id, name }, context) {
    const { folders, wellKnown } = await readFolders(context.graph, [id]);
    const folder = folders[0]!;
    requireOwnFolder(folder, wellKnown);
    let renamed: MailFolder;
    try {
      renamed = (await context.graph.send<MailFolder>(folderRenameRequest(folder.id, name))).body;
    } catch (error) {
      if (isFolderRefusal(error, ['ErrorFolderExists'])) throw new FerryError('not_allowed', { cause: error, logReason: 'name_taken' });
      throw toFolderNotFound(error);
    }
    return { folder: toDeviceFolder(renamed, wellKnown) };
  },
};
