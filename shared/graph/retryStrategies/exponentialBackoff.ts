export interface ExponentialBackoffOptions {
  /** Ceiling of the first wait. Default 500 ms. */
  baseInMs?: number;
  /** Ceiling of any wait. Default 8 s. */
  maxInMs?: number;
}

/**
 * Capped exponential backoff with full jitter (a uniform wait below min(max, base * 2^retryCount)),
 * for when Graph gives no Retry-After: https://learn.microsoft.com/en-us/graph/throttling#best-practices-to-handle-throttling
 * `random` returns a number in [0, 1), as Math.random does; tests pass a fixed one.
 */
export function exponentialBackoffInMs(
  retryCount: number,
  random: () => number,
  { baseInMs = 500, maxInMs = 8000 }: ExponentialBackoffOptions = {},
): number {
  const ceiling = Math.min(maxInMs, baseInMs * 2 ** retryCount);
  return Math.floor(random() * ceiling);
}
