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

/**
 * The backoff of one client, from its wait budget: the first ceiling is a tenth of the budget, at most
 * 500 ms (the default budget of 5 s gives exactly that) and at least 10 ms, so a command's budget holds
 * a few backoff steps whatever the operator sets it to, and a scaled-down test deployment (wait budget
 * 1 s) backs off in proportion. UNVERIFIED: Graph's guidance gives no numbers for the backoff itself.
 */
export function backoffForBudget(waitBudgetInMs: number): Required<ExponentialBackoffOptions> {
  return { baseInMs: Math.min(500, Math.max(10, Math.floor(waitBudgetInMs / 10))), maxInMs: 8000 };
}
