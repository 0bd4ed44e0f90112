import { exponentialBackoffInMs, type ExponentialBackoffOptions } from './exponentialBackoff';
import { parseRetryAfterInMs } from './parseRetryAfter';
import type { RetryStrategy } from './retryStrategy';

/** Statuses after which Graph did not act and asks to come back later. */
const retryableStatuses = new Set([429, 503, 504]);

export interface ThrottlingRetryStrategyOptions {
  random: () => number;
  /** Retries per logical request before giving up even within the budget. Default 5. */
  maxRetries?: number;
  /** Backoff when Graph sends no Retry-After. Default: exponentialBackoffInMs's. */
  backoff?: ExponentialBackoffOptions;
}

/**
 * 429, 503 and 504: wait what Graph's Retry-After says, else back off exponentially with jitter.
 * Whether a non-idempotent request may be retried on 503/504 is nonIdempotentRetryStrategy's call,
 * which runs first. https://learn.microsoft.com/en-us/graph/throttling
 */
export function throttlingRetryStrategy({ random, maxRetries = 5, backoff }: ThrottlingRetryStrategyOptions): RetryStrategy {
  return {
    name: 'throttlingRetryStrategy',
    retry({ response, retryCount, nowInMs }) {
      if (!response || !retryableStatuses.has(response.status)) return 'not-mine';
      if (retryCount >= maxRetries) return 'give-up';
      const advised = parseRetryAfterInMs(response.headers['retry-after'], nowInMs);
      return { retryAfterInMs: advised ?? exponentialBackoffInMs(retryCount, random, backoff) };
    },
  };
}
