import { FerryError } from '../../protocol/ferryError';
import { checkAnswerShape } from '../checkAnswerShape';
import type { BatchResult, GraphClient } from '../graphRequest';
import { linkRequest } from '../requests/linkRequest';

/**
 * Every item of a collection whose first page came as a `$batch` item: that page, then the pages its
 * nextLink leads to (asked for one by one, as `operation`). A failed item throws its error; a body that
 * is not a page is `upstream_error` (logReason `invalid_page`).
 */
export async function allItemsOf<T>(graph: GraphClient, result: BatchResult, operation: string): Promise<T[]> {
  if (!result.ok) throw result.error;
  const first = result.response.body as { value: T[]; '@odata.nextLink'?: string | null };
  if (!checkAnswerShape('page', first)) throw new FerryError('upstream_error', { logReason: 'invalid_page' });
  const items = [...first.value];
  const next = first['@odata.nextLink'];
  if (typeof next === 'string') for await (const page of graph.pages<T>(linkRequest(operation, next, {}))) items.push(...page.value);
  return items;
}
