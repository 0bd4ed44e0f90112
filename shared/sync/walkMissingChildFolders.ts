import type { MailFolder } from '@microsoft/microsoft-graph-types';
import type { GraphClient } from '../graph/graphRequest';
import { childFoldersRequest } from '../graph/requests/folderRequests';

/**
 * Graph's mailFolders/delta is reported to return the whole tree flattened, but its documentation does
 * not promise it. Where a folder claims more children (`childFolderCount`) than the round delivered,
 * its `childFolders` are listed, recursively, and the missing folders added.
 */
export async function walkMissingChildFolders(graph: GraphClient, seen: Map<string, MailFolder>, select: readonly string[]): Promise<MailFolder[]> {
  const found: MailFolder[] = [];
  const queue = [...seen.values()];
  while (queue.length > 0) {
    const folder = queue.shift()!;
    const claimed = folder.childFolderCount ?? 0;
    if (claimed === 0 || !folder.id) continue;
    const delivered = [...seen.values()].filter((f) => f.parentFolderId === folder.id).length;
    if (delivered >= claimed) continue;
    for await (const page of graph.pages<MailFolder>(childFoldersRequest(folder.id, select))) {
      for (const child of page.value) {
        if (!child.id || seen.has(child.id) || child.isHidden === true) continue;
        seen.set(child.id, child);
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}
