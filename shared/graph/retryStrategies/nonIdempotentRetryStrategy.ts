import type { RetryStrategy } from './retryStrategy';

/**
 * A request Graph may act on only once (send, create, meeting answer, upload) is never repeated once
 * Graph may have acted: a 503/504, or a network failure after the request may have left, ends it here
 * (GraphRequestError.outcomeUnknown). A 429, or a failure before anything reached Graph (refused, DNS,
 * TLS), is left to the other strategies, which retry it.
 *
 * Seam: a later issue adds a look-up (e.g. find the sent item by its transaction id) that can prove
 * the request did not take effect; it belongs here, turning 'give-up' into a retry for those cases.
 */
export function nonIdempotentRetryStrategy(): RetryStrategy {
  return {
    name: 'nonIdempotentRetryStrategy',
    retry({ idempotent, response, transportError }) {
      if (idempotent) return 'not-mine';
      if (response && (response.status === 503 || response.status === 504)) return 'give-up';
      if (transportError?.mayHaveReachedGraph) return 'give-up';
      return 'not-mine';
    },
  };
}
