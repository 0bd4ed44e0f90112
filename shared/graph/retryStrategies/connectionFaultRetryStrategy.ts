import { exponentialBackoffInMs, type ExponentialBackoffOptions } from './exponentialBackoff';
import type { RetryStrategy } from './retryStrategy';

export interface ConnectionFaultRetryStrategyOptions {
  random: () => number;
  /** Connection faults retried per logical request. Default 1: a second one is an outage. */
  maxRetries?: number;
  /** Default: exponentialBackoffInMs's. */
  backoff?: ExponentialBackoffOptions;
}

/**
 * Connection faults: a network failure (reset, timeout, refused, DNS, TLS) or a 2xx whose body was cut
 * or off-schema. One retry after a short jittered wait, then the caller maps the failure (503
 * `upstream_unavailable` for a network failure, 502 `upstream_error` for a broken body). For a
 * non-idempotent request only the failures that never reached Graph get here: the others were already
 * claimed by nonIdempotentRetryStrategy.
 */
export function connectionFaultRetryStrategy({ random, maxRetries = 1, backoff }: ConnectionFaultRetryStrategyOptions): RetryStrategy {
  return {
    name: 'connectionFaultRetryStrategy',
    retry({ transportError, response, faultCount }) {
      if (!transportError && !response?.brokenBody) return 'not-mine';
      if (faultCount > maxRetries) return 'give-up';
      return { retryAfterInMs: exponentialBackoffInMs(faultCount - 1, random, backoff) };
    },
  };
}
