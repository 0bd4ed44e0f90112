import { createHash } from 'node:crypto';
import type { ContactFolder as GraphContactFolder } from '@microsoft/microsoft-graph-types';
import type { GraphClient } from '../graph/graphRequest';
import { topContactFoldersRequest } from '../graph/requests/contactRequests';
import { contactFolderSelectFields } from '../translate/toDeviceContactFolder';
import { walkContactChildFolders } from './walkContactChildFolders';

/**
 * A digest of the contact folders below the top ones (id, parent, name of each), for a folder delta
 * that leaves nested folders out (UNVERIFIED either way): it reports no create, rename or delete of
 * one, so contacts/folders compares this digest at each round's start and starts over when it moved.
 * Lists `/me/contactFolders`, then walks every folder's `childFolders` (a folder has no child count).
 * Sealed in the state: 22 characters whatever the tree.
 */
export async function nestedContactFolderDigest(graph: GraphClient): Promise<string> {
  const tops = new Map<string, GraphContactFolder>();
  for await (const page of graph.pages<GraphContactFolder>(topContactFoldersRequest(contactFolderSelectFields))) {
    for (const folder of page.value) if (folder.id) tops.set(folder.id, folder);
  }
  const nested = await walkContactChildFolders(graph, tops, [], contactFolderSelectFields);
  const lines = nested.map((f) => [f.id, f.parentFolderId ?? '', f.displayName ?? ''].join('\u0000')).sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 22);
}
