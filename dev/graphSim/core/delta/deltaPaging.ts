import type { DeltaChain, DeltaTokenTable } from './deltaTokenTable';
import type { Random } from '../random';

/**
 * What a deltaLink remembers: where the last round ended and what the client was told. The engine
 * knows items only by id; `collection` and `params` are the resource's own.
 */
export interface DeltaState<Params = unknown> {
  /** Opaque key of the tracked collection (e.g. one folder's messages): a token is valid only there. */
  collection: string;
  /** Store sequence when the round started: later writes are the next round's changes. */
  seq: number;
  /** Ids the client holds after the round (what a removal is reported against). */
  known: ReadonlySet<string>;
  select?: string[];
  /** What the resource keeps besides (a message delta: `$filter`, `changeType`, ids reported removed). */
  params: Params;
  /**
   * Whether the round's first request asked for immutable ids (`Prefer: IdType="ImmutableId"`); its
   * links answer only requests that ask the same (serveDelta). Set by the engine, not the resource.
   */
  immutableIds?: boolean;
}

export interface RoundEntry {
  id: string;
  removed: boolean;
  /** Render only the properties changed since the round's base sequence. */
  partial: boolean;
}

/** One round of change tracking, fixed when it starts; pages are cut from `entries`. */
export interface DeltaRound<Params = unknown> {
  state: DeltaState<Params>;
  /** The sequence the round's changes are measured from (partial updates compare with it). */
  sinceSeq: number;
  entries: RoundEntry[];
}

export type DeltaTokenPayload =
  | { type: 'delta'; state: DeltaState }
  | { type: 'skip'; round: DeltaRound; position: number; cuts?: Map<number, PageCut> };

/** Where one page starts and ends in its round's entries; it is the round's last when `end` reaches the end. */
export interface PageCut {
  start: number;
  end: number;
}

/**
 * Cuts the page at `position`. `Prefer: odata.maxpagesize` is a maximum: with `shortPages` the page is
 * randomly shorter, sometimes empty with a nextLink (the docs allow that:
 * https://learn.microsoft.com/graph/delta-query-overview#use-delta-query-to-track-changes-in-a-resource-collection).
 */
export function cutPage(round: DeltaRound, position: number, pageSize: number, shortPages: { enabled: boolean; random: Random }): PageCut {
  const remaining = round.entries.length - position;
  let size = Math.min(pageSize, remaining);
  if (shortPages.enabled && size > 0) size = shortPages.random.chance(0.1) ? 0 : shortPages.random.between(1, size);
  return { start: position, end: position + size };
}

/**
 * The link that follows a page: the round's next `$skiptoken`, or after its last page the
 * `$deltatoken` of the next round. Every page served issues one, the chain's next generation, a
 * replayed page included (see serveDelta).
 */
export function issueNextToken(
  tokens: DeltaTokenTable<DeltaTokenPayload>,
  oid: string,
  round: DeltaRound,
  cut: PageCut,
  chain: DeltaChain | undefined,
  tokenBytes?: number,
): { name: '$skiptoken' | '$deltatoken'; token: string } {
  if (cut.end >= round.entries.length) return { name: '$deltatoken', token: tokens.issue(oid, { type: 'delta', state: round.state }, chain, tokenBytes) };
  return { name: '$skiptoken', token: tokens.issue(oid, { type: 'skip', round, position: cut.end }, chain, tokenBytes) };
}
