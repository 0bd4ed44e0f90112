import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import { missingGraphFields } from '../translate/missingGraphFields';
import { mergeGraphItem } from '../translate/mergeGraphItem';

export interface FillInResult<T> {
  /** Every item of the input, completed; in the input's order. */
  complete: Map<string, T>;
  /** Items that vanished between the delta page and the fill-in (404): report them removed. */
  vanished: string[];
  /** How many items needed a fill-in request. */
  filledIn: number;
}

/**
 * Graph's delta may return an updated item with only the changed properties ("at least the changed
 * properties", https://learn.microsoft.com/graph/delta-query-overview). Ferry never invents a default:
 * it fetches just the missing fields in `$batch` (20 per batch) and fills in only what was absent.
 */
export async function fillInPartialItems<T extends { id?: string }>(
  graph: GraphClient,
  items: Map<string, T>,
  select: readonly string[],
  requestFor: (id: string, missingFields: string[]) => GraphRequest,
): Promise<FillInResult<T>> {
  const partial = [...items.entries()]
    .map(([id, item]) => ({ id, item, missing: missingGraphFields(item, select) }))
    .filter((p) => p.missing.length > 0);
  const complete = new Map(items);
  const vanished: string[] = [];
  if (partial.length === 0) return { complete, vanished, filledIn: 0 };
  const requests = partial.map((p) => requestFor(p.id, p.missing));
  const results = await graph.batch(requests);
  results.forEach((result, index) => {
    const { id, item } = partial[index]!;
    if (!result.ok && result.response?.status === 404) {
      complete.delete(id);
      vanished.push(id);
      return;
    }
    if (!result.ok) throw result.error;
    complete.set(id, mergeGraphItem(item, result.response.body as T));
  });
  return { complete, vanished, filledIn: partial.length };
}
