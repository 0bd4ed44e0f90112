import { exponentialBackoffInMs } from './exponentialBackoff';
import type { RetryStrategy } from './retryStrategy';

export interface TransportRetryStrategyOptions {
  random: () => number;
  /** Network failures retried per logical request. Default 1: a second failure is an outage. */
  maxRetries?: number;
}

/**
 * Network failures (reset, timeout, refused, DNS, TLS): one retry after a short jittered wait. For a
 * non-idempotent request only the failures that never reached Graph get here: the ones that may have
 * reached it were already claimed by nonIdempotentRetryStrategy.
 */
export function transportRetryStrategy({ random, maxRetries = 1 }: TransportRetryStrategyOptions): RetryStrategy {
  return {
    name: 'transportRetryStrategy',
    retry({ transportError, transportFailureCount }) {
      if (!transportError) return 'not-mine';
      if (transportFailureCount > maxRetries) return 'give-up';
      return { retryAfterInMs: exponentialBackoffInMs(transportFailureCount - 1, random) };
    },
  };
}
