import type { BatchResult, GraphClient, GraphRequest } from '../graph/graphRequest';
import { wellKnownFolderNames, wellKnownFolderRequest, type WellKnownKey } from '../graph/requests/folderRequests';

export type WellKnownFolderIds = Partial<Record<WellKnownKey, string>>;

export const wellKnownKeys = Object.keys(wellKnownFolderNames) as WellKnownKey[];

/**
 * Resolves well-known folders' ids (all of them by default) in one `$batch`. A folder a mailbox does
 * not have (Archive is created on demand) answers 404 and is simply absent from the map.
 */
export async function fetchWellKnownFolders(graph: GraphClient, keys: readonly WellKnownKey[] = wellKnownKeys): Promise<WellKnownFolderIds> {
  if (keys.length === 0) return {};
  return readWellKnownFolders(keys, await graph.batch(wellKnownFolderRequests(keys)));
}

/** The requests fetchWellKnownFolders sends, for a caller that adds them to a `$batch` of its own. */
export function wellKnownFolderRequests(keys: readonly WellKnownKey[] = wellKnownKeys): GraphRequest[] {
  return keys.map((key) => wellKnownFolderRequest(wellKnownFolderNames[key]));
}

/** The ids from the results of wellKnownFolderRequests(keys), in the same order. Throws any failure but a 404. */
export function readWellKnownFolders(keys: readonly WellKnownKey[], results: readonly BatchResult[]): WellKnownFolderIds {
  const ids: WellKnownFolderIds = {};
  results.forEach((result, index) => {
    if (!result.ok && result.response?.status === 404) return;
    if (!result.ok) throw result.error;
    const id = (result.response.body as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') ids[keys[index]!] = id;
  });
  return ids;
}
