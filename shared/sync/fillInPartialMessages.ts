import type { Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import type { GraphClient } from '../graph/graphRequest';
import { toFerryError } from '../graph/toFerryError';
import { messageGetRequest, type BodyContentType } from '../graph/requests/messageRequests';
import { missingMessageFields, mergeGraphMessage } from '../translate/partialMessages';

export interface FillInResult {
  complete: Map<string, GraphMessage>;
  /** Items that vanished between the delta page and the fill-in (404): report them removed. */
  vanished: string[];
  /** How many items needed a fill-in request. */
  filledIn: number;
}

/**
 * Graph's delta may return an updated item with only the changed properties ("at least the changed
 * properties", https://learn.microsoft.com/graph/delta-query-overview). Ferry never invents a
 * default: it fetches the missing fields in `$batch` (20 per batch) and fills in only what was absent.
 */
export async function fillInPartialMessages(
  graph: GraphClient,
  items: Map<string, GraphMessage>,
  select: string[],
  bodyContentType: BodyContentType | undefined,
): Promise<FillInResult> {
  const partial = [...items.entries()]
    .map(([id, message]) => ({ id, message, missing: missingMessageFields(message, select) }))
    .filter((p) => p.missing.length > 0);
  const complete = new Map(items);
  const vanished: string[] = [];
  if (partial.length === 0) return { complete, vanished, filledIn: 0 };
  const responses = await graph.batch(
    partial.map((p) => messageGetRequest(p.id, p.missing, p.missing.includes('body') ? bodyContentType : undefined)),
  );
  responses.forEach((response, index) => {
    const { id, message } = partial[index]!;
    if (response.status === 404) {
      complete.delete(id);
      vanished.push(id);
      return;
    }
    if (response.status >= 400) throw toFerryError(response, 'messages.get');
    complete.set(id, mergeGraphMessage(message, response.body as GraphMessage));
  });
  return { complete, vanished, filledIn: partial.length };
}
