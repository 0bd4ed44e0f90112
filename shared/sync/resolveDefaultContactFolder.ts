import type { ContactFolder as GraphContactFolder } from '@microsoft/microsoft-graph-types';
import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import { contactFolderGetRequest, defaultContactFolderName, firstContactFolderRequest, firstContactRequest } from '../graph/requests/contactRequests';
import { isFerryError } from '../protocol/ferryError';
import { contactFolderSelectFields } from '../translate/toDeviceContactFolder';

export type DefaultFolderSource = 'name' | 'contact' | 'folder';

/**
 * The default contact folder, which v1.0 leaves out of `/me/contactFolders` (and, reportedly, its delta).
 * In turn: by the name `contacts` (undocumented: UNVERIFIED); else the `parentFolderId` of a contact of
 * `/me/contacts` (the default folder's contacts) or of a folder of `/me/contactFolders` (the default
 * folder's children), then that folder by id. Undefined when none resolves (no name, no contact, no
 * folder): the caller tries again next round. Only "not found" answers move on to the next way; any
 * other failure is thrown.
 */
export async function resolveDefaultContactFolder(graph: GraphClient): Promise<{ folder: GraphContactFolder; source: DefaultFolderSource } | undefined> {
  const byName = await orNotFound(() => graph.send<GraphContactFolder>(contactFolderGetRequest(defaultContactFolderName, contactFolderSelectFields)));
  if (byName?.body.id) return { folder: byName.body, source: 'name' };
  for (const [source, request] of [['contact', firstContactRequest(['parentFolderId'])], ['folder', firstContactFolderRequest(['parentFolderId'])]] as const) {
    const parentId = await firstParentId(graph, request);
    if (!parentId) continue;
    const folder = await orNotFound(() => graph.send<GraphContactFolder>(contactFolderGetRequest(parentId, contactFolderSelectFields)));
    if (folder?.body.id) return { folder: folder.body, source };
  }
  return undefined;
}

async function firstParentId(graph: GraphClient, request: GraphRequest): Promise<string | undefined> {
  const page = await graph.page<{ parentFolderId?: string }>(request);
  const parentId = page.value[0]?.parentFolderId;
  return typeof parentId === 'string' && parentId !== '' ? parentId : undefined;
}

async function orNotFound<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isFerryError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}
