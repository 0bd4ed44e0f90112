import { randomBytes } from 'node:crypto';

/**
 * Server-side sync state behind the opaque `$skiptoken`/`$deltatoken` values: the client sees only a
 * random handle. Like Outlook's delta token cache
 * (https://learn.microsoft.com/graph/delta-query-overview#token-duration) the table is bounded: past
 * `capacity` the oldest tokens are dropped, and tokens older than `ttlInMs` are gone too.
 *
 * Tokens also belong to a chain: every link (skip and delta token) descending from one first request.
 * Each page served issues the chain's next generation, and only the newest `generationsKept` stay
 * usable; an older link of the chain is gone although its age and the table's room would keep it.
 * Exchange does this (mgdc#7975, https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/7975:
 * "when I traverse nextLink for mails to the end, the former nextLink will gradually turn to
 * SyncStateNotFound", "generation=518;[highest=523][523][521][522]").
 */
export type TokenLookup<T> =
  | { status: 'ok'; payload: T; chain: DeltaChain }
  /** Unknown, forged, of another user, evicted, expired by age or by hand. */
  | { status: 'gone' }
  /** Known, but its chain has moved more than `generationsKept` pages past it. */
  | { status: 'generationGone'; generation: number; kept: readonly number[] };

/** One chain of links; opaque outside the table. */
export interface DeltaChain {
  highest: number;
}

interface Entry<T> {
  oid: string;
  issuedAtInMs: number;
  payload: T;
  expired: boolean;
  chain: DeltaChain;
  generation: number;
}

export interface DeltaTokenTableOptions {
  ttlInMs: number;
  capacity: number;
  /** Newest generations of a chain that stay usable (at least 1). */
  generationsKept: number;
  now: () => number;
}

export class DeltaTokenTable<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly options: DeltaTokenTableOptions) {
    if (!Number.isInteger(options.generationsKept) || options.generationsKept < 1) throw new RangeError('deltaGenerationsKept must be a whole number of at least 1');
  }

  /**
   * Issues the next generation of `chain` (the chain of the token the page was served from), or the
   * first of a new chain when the page answered a first request.
   */
  issue(oid: string, payload: T, chain: DeltaChain = { highest: 0 }, tokenBytes = 33): string {
    const token = randomBytes(tokenBytes).toString('base64url');
    chain.highest++;
    this.entries.set(token, { oid, issuedAtInMs: this.options.now(), payload, expired: false, chain, generation: chain.highest });
    while (this.entries.size > this.options.capacity) this.entries.delete(this.entries.keys().next().value!);
    return token;
  }

  /** A token of another user is as unknown as a made-up one: nothing leaks across mailboxes. */
  lookup(token: string, oid: string): TokenLookup<T> {
    const entry = this.entries.get(token);
    if (!entry || entry.oid !== oid || entry.expired) return { status: 'gone' };
    if (this.options.now() - entry.issuedAtInMs > this.options.ttlInMs) return { status: 'gone' };
    const oldestKept = entry.chain.highest - this.options.generationsKept + 1;
    if (entry.generation < oldestKept) {
      // Exchange lists the highest first, then the others oldest first: [highest=523][523][521][522].
      const older = Array.from({ length: this.options.generationsKept - 1 }, (_, i) => Math.max(1, oldestKept) + i).filter((g) => g < entry.chain.highest);
      return { status: 'generationGone', generation: entry.generation, kept: [entry.chain.highest, ...older] };
    }
    return { status: 'ok', payload: entry.payload, chain: entry.chain };
  }

  /** Forces every token of `oid` (or of everyone) to be gone; returns how many. */
  expire(oid?: string): number {
    let count = 0;
    for (const entry of this.entries.values()) {
      if ((oid === undefined || entry.oid === oid) && !entry.expired) {
        entry.expired = true;
        count++;
      }
    }
    return count;
  }
}
