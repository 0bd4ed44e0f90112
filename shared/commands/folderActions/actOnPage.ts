import type { GraphClient, GraphPage, GraphRequest } from '../../graph/graphRequest';
import type { RoundResult } from './workInRounds';

/** Items listed per round: 5 `$batch`es of 20. */
export const pageSize = 100;

/**
 * One round of a bulk folder action: `request(id)` for every item of the page, in `$batch`. An item
 * Graph no longer finds (404: moved or deleted meanwhile) needs nothing more and is not counted; any
 * other failure stops the action (workInRounds). Nothing is left once a page comes back empty, or
 * complete and without a nextLink.
 */
export async function actOnPage(graph: GraphClient, page: GraphPage<{ id?: unknown }>, request: (id: string) => GraphRequest): Promise<RoundResult> {
  const ids = page.value.map((item) => item.id).filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) return { done: 0, finished: page.nextLink === undefined };
  const results = await graph.batch(ids.map(request));
  const done = results.filter((result) => result.ok).length;
  const failed = results.find((result) => !result.ok && result.error.code !== 'not_found');
  if (failed && !failed.ok) return { done, finished: false, failure: failed.error };
  return { done, finished: page.nextLink === undefined };
}
