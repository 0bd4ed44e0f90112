import type { ContactFolder as GraphContactFolder } from '@microsoft/microsoft-graph-types';
import type { GraphClient } from '../graph/graphRequest';
import { contactChildFoldersRequest } from '../graph/requests/contactRequests';

/**
 * contactFolders/delta is not documented to hold nested folders (UNVERIFIED either way), and a
 * contactFolder has no child count to tell. So a round that saw the whole tree lists every folder's
 * `childFolders` (the default folder's included), recursively, and returns the folders it lacked.
 */
export async function walkContactChildFolders(graph: GraphClient, seen: Map<string, GraphContactFolder>, roots: readonly string[], select: readonly string[]): Promise<GraphContactFolder[]> {
  const found: GraphContactFolder[] = [];
  const queue = [...new Set([...roots, ...seen.keys()])];
  while (queue.length > 0) {
    const folderId = queue.shift()!;
    for await (const page of graph.pages<GraphContactFolder>(contactChildFoldersRequest(folderId, select))) {
      for (const child of page.value) {
        if (!child.id || seen.has(child.id) || roots.includes(child.id)) continue;
        seen.set(child.id, child);
        found.push(child);
        queue.push(child.id);
      }
    }
  }
  return found;
}
