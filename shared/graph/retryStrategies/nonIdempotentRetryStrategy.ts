import type { RetryStrategy } from './retryStrategy';

/**
 * A request Graph may act on only once (send, create, meeting answer, upload) is never repeated once
 * Graph may have acted: a 503/504, a network failure after the request may have left, or a 2xx whose
 * body was lost ends it here (the client answers `outcome_unknown`, GraphRequestError.outcomeUnknown;
 * a command with a look-up asks Graph first, see sendWithLookUp). A 429, or a failure before anything
 * reached Graph (refused, DNS, TLS), is left to the other strategies, which retry it.
 */
export function nonIdempotentRetryStrategy(): RetryStrategy {
  return {
    name: 'nonIdempotentRetryStrategy',
    retry({ idempotent, response, transportError }) {
      if (idempotent) return 'not-mine';
      if (response && (response.status === 503 || response.status === 504)) return 'give-up';
      if (response?.brokenBody) return 'give-up';
      if (transportError?.mayHaveReachedGraph) return 'give-up';
      return 'not-mine';
    },
  };
}
