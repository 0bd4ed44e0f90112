import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import { missingGraphFields } from '../translate/missingGraphFields';
import { mergeGraphItem } from '../translate/mergeGraphItem';

export interface FillInResult<T> {
  /** Every item of the input, completed; in the input's order. */
  complete: Map<string, T>;
  /** Items that vanished between the delta page and the fill-in (404, or no longer in the collection): report them removed. */
  vanished: string[];
  /** How many items needed a fill-in request. */
  filledIn: number;
}

/**
 * Whether a filled-in item is still in the collection the delta was for. Graph may answer an item that
 * left it since the delta page: moved to another folder, or deleted into Recoverable Items, where a GET
 * may still answer 200 (microsoftgraph/msgraph-sdk-dotnet#3047). `request` goes once into the
 * fill-in's own `$batch` (no extra round trip); its answer is handed to `belongs` with each item.
 */
export interface MembershipCheck {
  /** Fields every fill-in asks for besides the missing ones (mail: `parentFolderId`). */
  fields: readonly string[];
  /** Asked once beside the items (mail: the synced folder's own id, which a well-known name would not give). */
  request: GraphRequest;
  /** `fetched`: the fill-in's fresh answer (not the delta's copy); `answer`: the body of `request`'s answer. */
  belongs(fetched: Record<string, unknown>, answer: unknown): boolean;
}

/**
 * Graph's delta may return an updated item with only the changed properties ("at least the changed
 * properties", https://learn.microsoft.com/graph/delta-query-overview). Ferry never invents a default:
 * it fetches just the missing fields in `$batch` (20 per batch) and fills in only what was absent. An
 * item that is gone by then (404), or that `membership` finds outside the collection, is `vanished`.
 */
export async function fillInPartialItems<T extends { id?: string }>(
  graph: GraphClient,
  items: Map<string, T>,
  select: readonly string[],
  requestFor: (id: string, missingFields: string[]) => GraphRequest,
  membership?: MembershipCheck,
): Promise<FillInResult<T>> {
  const partial = [...items.entries()]
    .map(([id, item]) => ({ id, item, missing: missingGraphFields(item, select) }))
    .filter((p) => p.missing.length > 0);
  const complete = new Map(items);
  const vanished: string[] = [];
  if (partial.length === 0) return { complete, vanished, filledIn: 0 };
  const asked = (missing: string[]) => [...missing, ...(membership?.fields ?? []).filter((field) => !missing.includes(field))];
  const requests = partial.map((p) => requestFor(p.id, asked(p.missing)));
  const results = await graph.batch(membership ? [membership.request, ...requests] : requests);
  let checkAnswer: unknown;
  if (membership) {
    const check = results.shift()!;
    if (!check.ok) throw check.error;
    checkAnswer = check.response.body;
  }
  results.forEach((result, index) => {
    const { id, item } = partial[index]!;
    const left = result.ok && membership !== undefined && !membership.belongs(result.response.body as Record<string, unknown>, checkAnswer);
    if (left || (!result.ok && result.response?.status === 404)) {
      complete.delete(id);
      vanished.push(id);
      return;
    }
    if (!result.ok) throw result.error;
    complete.set(id, mergeGraphItem(item, result.response.body as T));
  });
  return { complete, vanished, filledIn: partial.length };
}
