export interface GraphTokenCacheOptions {
  /** Most entries kept; inserting past it drops the oldest entry. */
  maxEntries: number;
}

export interface GraphTokenCache {
  /** The token stored under `key` if it is still usable at `nowInMs`. */
  get(key: string, nowInMs: number): string | undefined;
  /** Stores `token` until `usableUntilInMs` (ms since the epoch). */
  set(key: string, token: string, usableUntilInMs: number): void;
  /** Drops the token stored under `key` (Graph refused it). */
  delete(key: string): void;
  readonly size: number;
}

/**
 * An in-memory, size-bounded map of Graph tokens. A Map iterates in insertion order, so the first key
 * is the oldest: dropping it on overflow bounds memory without a timer. Expired entries are removed
 * when read; the bound takes care of the ones never read again.
 */
export function createGraphTokenCache(options: GraphTokenCacheOptions): GraphTokenCache {
  if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
    throw new RangeError('maxEntries must be a positive integer');
  }
  const entries = new Map<string, { token: string; usableUntilInMs: number }>();
  return {
    get(key, nowInMs) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (nowInMs >= entry.usableUntilInMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.token;
    },
    set(key, token, usableUntilInMs) {
      entries.delete(key);
      entries.set(key, { token, usableUntilInMs });
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
