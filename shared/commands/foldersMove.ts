import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { GraphRequestError } from '../graph/graphErrors';
import type { GraphClient } from '../graph/graphRequest';
import { folderGetRequest, folderMoveRequest, wellKnownFolderNames } from '../graph/requests/folderRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { folderActionResponse, foldersMoveRequest, type Folder } from '../protocol/schemas/folders';
import type { CommandContext } from '../runtime/commandContext';
import { folderSelectFields } from '../translate/folderSelectFields';
import { toDeviceFolder } from '../translate/toDeviceFolder';
import { readFolders, requireOwnFolder, toFolderNotFound } from './folderActions/readFolders';

export const foldersMoveCommand: CommandDefinition<typeof foldersMoveRequest, typeof folderActionResponse, CommandContext> = {
  route: 'folders/move',
  functionName: 'foldersMove',
  summary: 'Move a folder',
  description:
    "Moves one of the user's own folders (kind `other`) under `parentId` (absent: the top of the hierarchy), with what it holds; its id stays. A well-known folder, a move into the folder itself or one of its subfolders, or a parent that already has a folder of that name is `not_allowed`; an unknown folder or parent is `folder_not_found`. A folder already there is answered as moved.",
  request: foldersMoveRequest,
  response: folderActionResponse,
  errors: ['folder_not_found', 'not_allowed', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ id, parentId }, context) {
    const { folders, wellKnown } = await readFolders(context.graph, parentId === undefined ? [id] : [id, parentId]);
    const [folder, destination]: Array<Folder | undefined> = folders;
    requireOwnFolder(folder!, wellKnown);
    const destinationId = destination?.id ?? wellKnown.root ?? wellKnownFolderNames.root;
    const moved = await moveOrConfirm(context.graph, folder!.id, destinationId);
    context.logger.info('folders.move', { toTop: destination === undefined });
    return { folder: toDeviceFolder(moved, wellKnown) };
  },
};

/**
 * POST move. Graph's refusal (a 4xx other than 404 and 429: a name taken at the destination, a move
 * into its own subtree, a distinguished folder) is checked with one GET: a folder already under the
 * destination was moved (by an earlier attempt of this request: what Graph answers a repeated move is
 * UNVERIFIED), else the move is `not_allowed`.
 */
async function moveOrConfirm(graph: GraphClient, folderId: string, destinationId: string): Promise<MailFolder> {
  try {
    return (await graph.send<MailFolder>(folderMoveRequest(folderId, destinationId))).body;
  } catch (error) {
    if (!(error instanceof GraphRequestError) || !isRefusal(error)) throw toFolderNotFound(error);
    let now: MailFolder;
    try {
      now = (await graph.send<MailFolder>(folderGetRequest(folderId, folderSelectFields))).body;
    } catch (lookUpError) {
      throw toFolderNotFound(lookUpError);
    }
    if (now.parentFolderId === destinationId) return now;
    throw new FerryError('not_allowed', { cause: error, logReason: error.graphCode ?? `http_${error.graphStatus}` });
  }
}

function isRefusal(error: GraphRequestError): boolean {
  const status = error.graphStatus;
  return status !== undefined && status >= 400 && status <= 499 && status !== 404 && status !== 429 && status !== 401 && error.code === 'upstream_error';
}
