import type { Clock } from '../clock';
import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import { GraphSyncResetError } from '../graph/graphSyncResetError';
import { FerryError } from '../protocol/ferryError';

/** A Graph delta entry: an item, or `@removed` for one deleted or moved out. */
export interface DeltaEntry {
  id?: string;
  '@removed'?: { reason?: string };
  [key: string]: unknown;
}

export interface DeltaRoundOptions {
  graph: GraphClient;
  clock: Clock;
  /** Most distinct entries in this answer. */
  window: number;
  /** No further page is requested after this moment (epoch ms); what was gathered is answered. */
  stopPullingAt: number;
  /** Where to continue (a nextLink or deltaLink, path+query); undefined starts a new round. */
  link?: string;
  startRequest(maxPageSize: number): GraphRequest;
  linkRequest(link: string, maxPageSize: number): GraphRequest;
}

export interface DeltaRoundResult {
  /** Changes by id in arrival order; the last word on an id wins (an id appears once per answer). */
  changes: Map<string, DeltaEntry>;
  /** Where the next call continues; undefined when the next call must start a new round. */
  link?: string;
  /** True when `link` is a nextLink (a round is in progress). */
  inRound: boolean;
  /**
   * True when the device should call again now (`more`). false: the round reached Graph's deltaLink, so
   * the device holds every change made before the round began; changes made while it ran are in that
   * deltaLink and reach the device with its next sync (docs/device-api.md, "Sync").
   */
  more: boolean;
  /** True when this answer starts a new round from nothing. */
  reset: boolean;
}

/**
 * Share of the sync time budget spent pulling delta pages; the rest is kept for fill-ins, the tree
 * check and the answer, so an answer leaves within the budget with `more: true` instead of timing out.
 */
export const pullingShareOfSyncBudget = 0.6;

/** A restart answered by another 410 straight away is Graph misbehaving, not a reason to loop. */
const maxRestartsPerAnswer = 2;

/**
 * Drains Graph delta pages into one answer of at most `window` entries. Each page asks for at most
 * the room left (`Prefer: odata.maxpagesize` is a maximum, so Graph never overfills the window), and
 * empty pages with a nextLink are followed. A 410 / syncStateNotFound restarts the round when nothing
 * was gathered yet; otherwise the answer goes out and the next call starts the new round.
 */
export async function runDeltaRound(options: DeltaRoundOptions): Promise<DeltaRoundResult> {
  const changes = new Map<string, DeltaEntry>();
  let reset = options.link === undefined;
  let request = reset ? options.startRequest(options.window) : options.linkRequest(options.link!, options.window);
  let restarts = 0;
  for (;;) {
    let page;
    try {
      page = await options.graph.page<DeltaEntry>(request);
    } catch (error) {
      if (!(error instanceof GraphSyncResetError)) throw error;
      if (changes.size > 0 || restarts >= maxRestartsPerAnswer) return { changes, link: undefined, inRound: false, more: true, reset };
      restarts++;
      reset = true;
      request = options.startRequest(options.window);
      continue;
    }
    for (const entry of page.value) {
      if (typeof entry.id !== 'string') throw new FerryError('upstream_error', { logReason: 'delta_entry_without_id' });
      changes.delete(entry.id); // re-inserting keeps arrival order of the last word
      changes.set(entry.id, entry);
    }
    // Graph's last page of a round carries the deltaLink: that ends the round, with no further call
    // to learn whether something changed meanwhile (the next sync starts from that link).
    if (page.deltaLink) return { changes, link: page.deltaLink, inRound: false, more: false, reset };
    if (!page.nextLink) throw new FerryError('upstream_error', { logReason: 'delta_page_without_link' });
    const room = options.window - changes.size;
    if (room <= 0 || options.clock.now() >= options.stopPullingAt) return { changes, link: page.nextLink, inRound: true, more: true, reset };
    request = options.linkRequest(page.nextLink, room);
  }
}

export function isRemoved(entry: DeltaEntry): boolean {
  return entry['@removed'] !== undefined;
}
