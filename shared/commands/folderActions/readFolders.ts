import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { checkAnswerShape } from '../../graph/checkAnswerShape';
import type { GraphClient } from '../../graph/graphRequest';
import { folderGetRequest } from '../../graph/requests/folderRequests';
import { FerryError, isFerryError } from '../../protocol/ferryError';
import type { Folder } from '../../protocol/schemas/folders';
import { readWellKnownFolders, wellKnownFolderRequests, wellKnownKeys, type WellKnownFolderIds } from '../../sync/fetchWellKnownFolders';
import { folderSelectFields } from '../../translate/folderSelectFields';
import { toDeviceFolder } from '../../translate/toDeviceFolder';

export interface FoldersRead {
  /** Each asked folder as the device sees it (its kind from the well-known ids), in the order asked. */
  readonly folders: Folder[];
  readonly wellKnown: WellKnownFolderIds;
}

/**
 * The folders a folder command acts on, and every well-known folder's id (their kinds, and the root that
 * makes a top-level folder's parentId null), in one `$batch`: nothing is kept between commands, and a
 * folder's kind is never guessed from its (localized) name. A folder Graph does not find is 404
 * `folder_not_found` (another mailbox's id too).
 */
export async function readFolders(graph: GraphClient, folderIds: readonly string[]): Promise<FoldersRead> {
  const results = await graph.batch([...folderIds.map((id) => folderGetRequest(id, folderSelectFields)), ...wellKnownFolderRequests()]);
  const wellKnown = readWellKnownFolders(wellKnownKeys, results.slice(folderIds.length));
  const folders = results.slice(0, folderIds.length).map((result) => {
    if (!result.ok) throw toFolderNotFound(result.error);
    const body = result.response.body as MailFolder;
    if (!checkAnswerShape('entity', body)) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
    return toDeviceFolder(body, wellKnown);
  });
  return { folders, wellKnown };
}

/** Graph's 404 on a folder the device named: that folder is gone, or never was this mailbox's. */
export function toFolderNotFound(error: unknown): unknown {
  if (isFerryError(error) && error.code === 'not_found') return new FerryError('folder_not_found', { cause: error, logReason: error.logReason });
  return error;
}

/**
 * Only the device's own folders (kind `other`) may be renamed, moved or deleted: a well-known folder,
 * and the hierarchy's root, stay where Exchange put them. (`root` is not a device kind: its id is
 * checked apart.)
 */
export function requireOwnFolder(folder: Folder, wellKnown: WellKnownFolderIds): void {
  if (folder.kind !== 'other' || folder.id === wellKnown.root) throw new FerryError('not_allowed', { logReason: `kind_${folder.id === wellKnown.root ? 'root' : folder.kind}` });
}

/** A Graph refusal that means "not this folder, not like this": a name taken, a distinguished folder, a move into itself. */
export function isFolderRefusal(error: unknown, graphCodes: readonly string[]): boolean {
  const code = (error as { graphCode?: unknown } | undefined)?.graphCode;
  return typeof code === 'string' && graphCodes.some((candidate) => candidate.toLowerCase() === code.toLowerCase());
}
