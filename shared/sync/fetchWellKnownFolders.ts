import type { GraphClient } from '../graph/graphRequest';
import { toFerryError } from '../graph/toFerryError';
import { wellKnownFolderNames, wellKnownFolderRequest, type WellKnownKey } from '../graph/requests/folderRequests';

export type WellKnownFolderIds = Partial<Record<WellKnownKey, string>>;

/**
 * Resolves the well-known folders' ids in one `$batch`. A folder a mailbox does not have (Archive is
 * created on demand) answers 404 and is simply absent from the map.
 */
export async function fetchWellKnownFolders(graph: GraphClient): Promise<WellKnownFolderIds> {
  const keys = Object.keys(wellKnownFolderNames) as WellKnownKey[];
  const responses = await graph.batch(keys.map((key) => wellKnownFolderRequest(wellKnownFolderNames[key])));
  const ids: WellKnownFolderIds = {};
  responses.forEach((response, index) => {
    if (response.status === 404) return;
    if (response.status >= 400) throw toFerryError(response, 'mailFolders.get');
    const id = (response.body as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') ids[keys[index]!] = id;
  });
  return ids;
}
