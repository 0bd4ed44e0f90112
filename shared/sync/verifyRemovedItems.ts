import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import type { PullResult } from './pullDeltaPages';

/**
 * How a collection checks Graph's `@removed` ids before they reach the device. Exchange's delta with
 * immutable ids reports an item moved out of a folder and back between two delta calls as `@removed`,
 * and not again until it changes (mgdc#72,
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/72): taken at its word, the
 * device would lack a message that is in the folder until the periodic full round.
 */
export interface RemovedCheck<T> {
  /** Fetches the item with every field the collection selects plus what `stillHere` reads. */
  request(id: string): GraphRequest;
  /**
   * Asked once in the same `$batch` when given (mail: the synced folder's own id, since the device may
   * name the folder by a well-known name); its answer's body goes to `stillHere`. Its failure fails the check.
   */
  context?: GraphRequest;
  /** True when the fetched item is still in the collection (mail: its parentFolderId is the folder's id). */
  stillHere(item: T, context: unknown): boolean;
}

export interface RemovedVerification<T> {
  /** Ids Graph reported removed that are still in the collection, with their complete item: upserts. */
  stillHere: Map<string, T>;
  /** Ids whose check Graph did not answer (throttled past the wait budget, 5xx, deadline, network). */
  unverified: Map<string, unknown>;
  /** How many ids were checked. */
  checked: number;
}

/**
 * Checks `@removed` ids with one `$batch` (20 per batch; the Graph client's deadline bounds it as any
 * call). An answer showing the item elsewhere, a 404 or another definite refusal (4xx but 429) leaves
 * the removal as Graph said; an item still in the collection becomes an upsert with its full data, so
 * no second call is needed. An item Graph gave no definite answer for is `unverified`: the caller
 * answers only the pages before it (see `keepPagesBeforeUnverified`), so a failed check never turns a
 * present message into a removed one, and the next call asks for that page again.
 */
export async function verifyRemovedItems<T>(graph: GraphClient, ids: readonly string[], check: RemovedCheck<T> | undefined): Promise<RemovedVerification<T>> {
  const stillHere = new Map<string, T>();
  const unverified = new Map<string, unknown>();
  if (!check || ids.length === 0) return { stillHere, unverified, checked: 0 };
  const requests = ids.map((id) => check.request(id));
  const results = await graph.batch(check.context ? [check.context, ...requests] : requests);
  let context: unknown;
  if (check.context) {
    const answer = results.shift()!;
    if (!answer.ok) throw answer.error;
    context = answer.response.body;
  }
  results.forEach((result, index) => {
    const id = ids[index]!;
    if (result.ok) {
      const item = result.response.body as T;
      if (check.stillHere(item, context)) stillHere.set(id, item);
      return;
    }
    const status = result.response?.status;
    const definite = status !== undefined && status >= 400 && status < 500 && status !== 429;
    if (!definite) unverified.set(id, result.error);
  });
  return { stillHere, unverified, checked: ids.length };
}

/**
 * The pulled pages cut before the first page whose last word on some id could not be checked: the
 * answer carries the pages before it (`more: true`) and the next call asks for that page again. With
 * the very first page unverified there is nothing to answer: the check's failure goes to the device
 * (`503`/`429` with Retry-After, or `502`), whose rule repeats the same request.
 */
export function keepPagesBeforeUnverified(pulled: PullResult, firstUnverifiedPage: number, failure: unknown): PullResult {
  const from = pulled.pages[firstUnverifiedPage];
  if (firstUnverifiedPage === 0 || from?.link === undefined) throw failure;
  return { pages: pulled.pages.slice(0, firstUnverifiedPage), link: from.link, inRound: true, more: true, reset: pulled.reset };
}
