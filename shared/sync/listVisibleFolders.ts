import type { MailFolder } from '@microsoft/microsoft-graph-types';
import type { GraphClient } from '../graph/graphRequest';
import { GraphSyncResetError } from '../graph/graphSyncResetError';
import { folderDeltaRequest } from '../graph/requests/folderRequests';
import { FerryError } from '../protocol/ferryError';
import { restartRefusedRetryAfterInMs } from './pullDeltaPages';
import { walkMissingChildFolders } from './walkMissingChildFolders';

/**
 * Every visible folder of the mailbox with its current counts: a mailFolders/delta round started and
 * drained only to list (its deltaLink is dropped; Graph has no other flat list of the tree), children
 * walked where the delta left them out (walkMissingChildFolders). One Graph call for up to
 * `pageSize` folders when Graph flattens the tree, as it is reported to.
 */
export async function listVisibleFolders(graph: GraphClient, select: readonly string[], pageSize: number): Promise<MailFolder[]> {
  const seen = new Map<string, MailFolder>();
  try {
    await drain(graph, seen, select, pageSize);
  } catch (error) {
    // A page link Graph no longer knows (over `pageSize` folders): list once more from the start.
    if (!(error instanceof GraphSyncResetError)) throw error;
    seen.clear();
    try {
      await drain(graph, seen, select, pageSize);
    } catch (again) {
      if (!(again instanceof GraphSyncResetError)) throw again;
      throw new FerryError('upstream_unavailable', { retryAfterInMs: restartRefusedRetryAfterInMs, logReason: 'folder_listing_restart_refused', cause: again });
    }
  }
  await walkMissingChildFolders(graph, seen, select);
  return [...seen.values()];
}

async function drain(graph: GraphClient, seen: Map<string, MailFolder>, select: readonly string[], pageSize: number): Promise<void> {
  for await (const page of graph.pages<MailFolder & { '@removed'?: unknown }>(folderDeltaRequest(select, pageSize))) {
    for (const folder of page.value) if (folder.id && folder['@removed'] === undefined && folder.isHidden !== true) seen.set(folder.id, folder);
  }
}
