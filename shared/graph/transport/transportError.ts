/**
 * Failures that happen before the request leaves Ferry: refused connection, DNS, TLS handshake and
 * certificate errors (Node's `err.code` values). Anything else (reset, timeout, broken pipe, bad
 * response) may have happened after Graph received the request.
 */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const notSentPrefixes = ['CERT_', 'ERR_SSL_'];

/** True unless the code proves nothing reached Graph. */
export function mayHaveReachedGraph(code: string): boolean {
  return !(notSentCodes.has(code) || notSentPrefixes.some((prefix) => code.startsWith(prefix)));
}

const codeShape = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Graph did not answer. Carries only a Node/axios error code (log-safe); the original error, whose
 * `config` holds the token and the URL, is deliberately not kept as `cause`.
 */
export class TransportError extends Error {
  readonly code: string;
  readonly mayHaveReachedGraph: boolean;
  /** Set by the retry policy when it wanted to retry after this long but the budget said no. */
  readonly retryAfterInMs?: number;

  constructor(code: string | undefined, retryAfterInMs?: number) {
    const safeCode = code && codeShape.test(code) ? code : 'UNKNOWN';
    super(`Graph request failed: ${safeCode}`);
    this.name = 'TransportError';
    this.code = safeCode;
    this.mayHaveReachedGraph = mayHaveReachedGraph(safeCode);
    this.retryAfterInMs = retryAfterInMs;
  }

  withRetryAfter(retryAfterInMs: number): TransportError {
    return new TransportError(this.code, retryAfterInMs);
  }
}
