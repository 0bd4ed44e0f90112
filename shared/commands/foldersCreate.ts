import type { MailFolder } from '@microsoft/microsoft-graph-types';
import type { GraphClient, GraphResponse } from '../graph/graphRequest';
import { childFoldersRequest, folderCreateRequest, wellKnownFolderNames } from '../graph/requests/folderRequests';
import { sendWithLookUp } from '../graph/sendWithLookUp';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { foldersCreateRequest, foldersCreateResponse } from '../protocol/schemas/folders';
import type { CommandContext } from '../runtime/commandContext';
import { fetchWellKnownFolders } from '../sync/fetchWellKnownFolders';
import { folderSelectFields } from '../translate/folderSelectFields';
import { toDeviceFolder } from '../translate/toDeviceFolder';
import { isFolderRefusal, toFolderNotFound } from './folderActions/readFolders';

export const foldersCreateCommand: CommandDefinition<typeof foldersCreateRequest, typeof foldersCreateResponse, CommandContext> = {
  route: 'folders/create',
  functionName: 'foldersCreate',
  summary: 'Create a folder',
  description:
    'Creates a folder under `parentId` (absent: the top of the hierarchy). If the parent already has a folder of that name, which is also what a repeat after a lost answer finds, the answer is that folder with `existed: true`. An unknown parent is `folder_not_found`.',
  request: foldersCreateRequest,
  response: foldersCreateResponse,
  errors: ['folder_not_found', 'not_allowed', 'outcome_unknown', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler({ parentId, name }, context) {
    const parent = parentId ?? wellKnownFolderNames.root;
    // The root's id (a top-level folder's parentId is null for the device) is asked beside the create.
    const [{ folder, existed }, wellKnown] = await Promise.all([createOrFind(context.graph, parent, name), fetchWellKnownFolders(context.graph, ['root'])]);
    context.logger.info('folders.create', { existed });
    return { folder: toDeviceFolder(folder, wellKnown), existed };
  },
};

/**
 * POST the folder; Graph may act on it only once. When the outcome is unknown (sendWithLookUp), or the
 * parent already has a child of that name (`ErrorFolderExists`, UNVERIFIED: the code and its 409 are
 * what the simulator answers; Exchange's EWS names the same code), the child of that name is looked up
 * and returned as existing. A name taken by a folder the look-up does not see (a hidden one) is `not_allowed`.
 */
async function createOrFind(graph: GraphClient, parentId: string, name: string): Promise<{ folder: MailFolder; existed: boolean }> {
  let existed = false;
  const lookUp = async (client: GraphClient): Promise<GraphResponse<MailFolder> | undefined> => {
    const found = await findChildByName(client, parentId, name);
    existed = found !== undefined;
    return found && { status: 200, headers: {}, body: found };
  };
  try {
    const created = await sendWithLookUp<MailFolder>(graph, folderCreateRequest(parentId, name), lookUp);
    return { folder: created.body, existed };
  } catch (error) {
    if (!isFolderRefusal(error, ['ErrorFolderExists'])) throw toFolderNotFound(error);
    const found = await findChildByName(graph, parentId, name);
    if (!found) throw new FerryError('not_allowed', { logReason: 'name_taken_hidden' });
    return { folder: found, existed: true };
  }
}

/**
 * The child of `parentId` named `name`, compared case-insensitively as Exchange keeps sibling names
 * unique (UNVERIFIED: the exact comparison Exchange uses; the simulator lower-cases both).
 */
async function findChildByName(graph: GraphClient, parentId: string, name: string): Promise<MailFolder | undefined> {
  const wanted = name.toLowerCase();
  for await (const page of graph.pages<MailFolder>(childFoldersRequest(parentId, folderSelectFields))) {
    const found = page.value.find((folder) => folder.displayName?.toLowerCase() === wanted);
    if (found) return found;
  }
  return undefined;
}
