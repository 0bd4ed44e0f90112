import type { Clock } from '../clock';
import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import { GraphSyncResetError } from '../graph/graphSyncResetError';
import { isAnswerTooLarge, isDeadlineExceeded } from '../graph/graphErrors';
import { FerryError } from '../protocol/ferryError';
import { jsonBytes } from './chooseAnswerCut';

/** A Graph delta entry: an item, or `@removed` for one deleted or moved out. */
export interface DeltaEntry {
  id: string;
  '@removed'?: { reason?: string };
  [key: string]: unknown;
}

/** One delta page as pulled, with the link that asked for it, so a later answer can ask for it again. */
export interface PulledPage {
  /** The link that fetched this page; undefined: the round's start request. */
  link?: string;
  entries: DeltaEntry[];
}

export interface PullOptions {
  graph: GraphClient;
  clock: Clock;
  /** Most distinct entries over all pages. */
  window: number;
  /** No further page is requested from this moment (epoch ms); what was gathered is answered. */
  stopPullingAtInMs: number;
  /** Where to continue (a nextLink or deltaLink, path+query); undefined starts a new round. */
  link?: string;
  /** At most this many pages (the answer budget asks for one page again, smaller). Default: no limit. */
  maxPages?: number;
  /**
   * Pulling stops once the pages' entries, as Graph sent them, reach this many bytes of JSON (an
   * estimate of what the answer will carry). Default: no limit.
   */
  stopAfterBytes?: number;
  startRequest(maxPageSize: number): GraphRequest;
  linkRequest(link: string, maxPageSize: number): GraphRequest;
}

export interface PullResult {
  pages: PulledPage[];
  /** Where the next call continues; undefined when it must start a new round. */
  link?: string;
  /** True when `link` is a nextLink (a round is in progress). */
  inRound: boolean;
  /**
   * True when the device should call again now (`more`). false: the round reached Graph's deltaLink, so
   * the device holds every change made before the round began; changes made while it ran are in that
   * deltaLink and reach the device with its next sync (docs/device-api.md, "Sync").
   */
  more: boolean;
  /** True when these pages start a new round from nothing. */
  reset: boolean;
}

/**
 * How long a device waits when Graph refuses a round's own restart (a 410 right after starting over):
 * calling straight back would cost the same failing calls again.
 */
export const restartRefusedRetryAfterInMs = 30_000;

/**
 * Pulls Graph delta pages for one answer, at most `window` distinct entries. Each page asks for at
 * most the room left (`Prefer: odata.maxpagesize` is a maximum, so Graph never overfills the window);
 * empty pages with a nextLink are followed.
 * - 410 / syncStateNotFound with nothing gathered restarts the round once; a 410 on that restart is
 *   `503 upstream_unavailable` with Retry-After. With entries in hand, they go out and the next call
 *   starts the new round.
 * - The command's deadline reached with pages in hand: they go out with `more: true`; with none, the
 *   Graph client's 503 reaches the device.
 * - An answer too large for the Graph client's cap is asked for again with half the page size.
 * - Pages whose bytes reach `stopAfterBytes` go out with `more: true`. Graph keeps only the newest
 *   generations of a delta chain (Exchange: three; every page served is one, mgdc#7975), so each page
 *   pulled ages the links of the earlier ones. An answer cut by bytes goes on from the link of its
 *   first page left out: stopping once the pages hold about an answer's bytes makes that the last page
 *   (one generation old) rather than one Graph has already forgotten, which would restart the round.
 *   Partial items weigh little here and much once filled in, so a round of partial updates to large
 *   mail can still cut further back; the next call then restarts the round once (reset, nothing lost).
 */
export async function pullDeltaPages(options: PullOptions): Promise<PullResult> {
  let pages: PulledPage[] = [];
  let reset = options.link === undefined;
  let link = options.link;
  let pageSize = options.window;
  let restarted = false;
  let bytes = 0;
  const distinct = new Set<string>();
  const gathered = () => distinct.size > 0;

  for (;;) {
    const request = link === undefined ? options.startRequest(pageSize) : options.linkRequest(link, pageSize);
    let page;
    try {
      page = await options.graph.page<DeltaEntry>(request);
    } catch (error) {
      if (error instanceof GraphSyncResetError) {
        if (gathered()) return { pages, link: undefined, inRound: false, more: true, reset };
        if (restarted) {
          throw new FerryError('upstream_unavailable', { retryAfterInMs: restartRefusedRetryAfterInMs, logReason: 'delta_restart_refused', cause: error });
        }
        restarted = true;
        reset = true;
        pages = [];
        link = undefined;
        continue;
      }
      if (isAnswerTooLarge(error) && pageSize > 1) {
        pageSize = Math.max(1, Math.floor(pageSize / 2));
        continue;
      }
      // With a page in hand, `link` is that page's nextLink: the next answer asks for this page again.
      if (isDeadlineExceeded(error) && pages.length > 0) {
        return { pages, link, inRound: true, more: true, reset };
      }
      throw error;
    }
    for (const entry of page.value) {
      if (typeof entry.id !== 'string') throw new FerryError('upstream_error', { logReason: 'delta_entry_without_id' });
      distinct.add(entry.id);
      // Stryker disable next-line ConditionalExpression: without a limit the count is never read; skipping it only saves time.
      if (options.stopAfterBytes !== undefined) bytes += jsonBytes(entry);
    }
    pages.push({ link, entries: page.value });
    // Graph's last page of a round carries the deltaLink: that ends the round, with no further call
    // to learn whether something changed meanwhile (the next sync starts from that link).
    if (page.deltaLink) return { pages, link: page.deltaLink, inRound: false, more: false, reset };
    if (!page.nextLink) throw new FerryError('upstream_error', { logReason: 'delta_page_without_link' });
    if (page.nextLink === link) throw new FerryError('upstream_error', { logReason: 'link_loop' });
    link = page.nextLink;
    const room = options.window - distinct.size;
    const pagesFull = options.maxPages !== undefined && pages.length >= options.maxPages;
    const bytesFull = options.stopAfterBytes !== undefined && bytes >= options.stopAfterBytes;
    if (room <= 0 || pagesFull || bytesFull || options.clock.now() >= options.stopPullingAtInMs) return { pages, link, inRound: true, more: true, reset };
    pageSize = Math.min(pageSize, room);
  }
}

export function isRemoved(entry: DeltaEntry): boolean {
  return entry['@removed'] !== undefined;
}
