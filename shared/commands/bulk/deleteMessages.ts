import { checkDeleted, mayBeDoneAlready } from '../../graph/confirmDeleted';
import type { BatchResult, GraphClient } from '../../graph/graphRequest';
import { messageDeleteRequest } from '../../graph/requests/messageRequests';
import type { ItemResult } from '../../protocol/schemas/mailActions';
import { failedItem } from './itemResult';

/**
 * The results of DELETEs already sent (one per id, in order). A 404 is `not_found` (the device's rule
 * for it: dropped, and to a repeated delete, done). A 403 ErrorCannotDeleteObject, Exchange's answer
 * to a second DELETE of a message already in Recoverable Items, is judged by one `checkDeleted` for
 * all such ids: in Recoverable Items (or gone) it is `ok` (or `not_found`), still in a folder it keeps
 * its error, and a failed check gives the check's error.
 */
export async function judgeDeletes(graph: GraphClient, ids: readonly string[], results: readonly BatchResult[]): Promise<ItemResult[]> {
  const toCheck = ids.filter((_, index) => {
    const result = results[index]!;
    return !result.ok && result.error.code !== 'not_found' && mayBeDoneAlready(result.error);
  });
  const checks = new Map((await checkDeleted(graph, toCheck)).map((check, index) => [toCheck[index]!, check]));
  return ids.map((id, index): ItemResult => {
    const result = results[index]!;
    if (result.ok) return { id, status: 'ok' };
    const check = checks.get(id);
    if (!check) return failedItem(id, result.error);
    if (check.kind === 'deleted') return check.evidence === 'recoverable_items' ? { id, status: 'ok' } : { id, status: 'not_found' };
    return failedItem(id, check.kind === 'unknown' ? check.error : result.error);
  });
}

/** DELETE of each message (Exchange keeps it in Recoverable Items), judged as judgeDeletes says. */
export async function deleteMessages(graph: GraphClient, ids: readonly string[]): Promise<ItemResult[]> {
  if (ids.length === 0) return [];
  return judgeDeletes(graph, ids, await graph.batch(ids.map(messageDeleteRequest)));
}
