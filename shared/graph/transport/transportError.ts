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

export interface TransportErrorOptions {
  /** Set by the retry policy when it wanted to retry after this long but the budget said no. */
  retryAfterInMs?: number;
  /**
   * The command's deadline stopped the attempt: `sent` false when no time was left to start it (nothing
   * reached Graph), true when it was cut short while in flight.
   */
  deadline?: { sent: boolean };
}

/**
 * Graph did not answer. Carries only a Node/axios error code (log-safe); the original error, whose
 * `config` holds the token and the URL, is deliberately not kept as `cause`. Ferry's own codes:
 * `DEADLINE` (see `byDeadline`) and `ERR_ANSWER_TOO_LARGE` (the answer passed maxGraphAnswerBytes).
 */
export class TransportError extends Error {
  readonly code: string;
  readonly mayHaveReachedGraph: boolean;
  readonly retryAfterInMs?: number;
  /** The command's deadline, not Graph, ended the attempt (or kept it from starting). */
  readonly byDeadline: boolean;
  private readonly options: TransportErrorOptions;

  constructor(code: string | undefined, options: TransportErrorOptions = {}) {
    const safeCode = code && codeShape.test(code) ? code : 'UNKNOWN';
    super(`Graph request failed: ${safeCode}`);
    this.name = 'TransportError';
    this.code = safeCode;
    this.options = options;
    this.byDeadline = options.deadline !== undefined;
    this.mayHaveReachedGraph = options.deadline ? options.deadline.sent : mayHaveReachedGraph(safeCode);
    this.retryAfterInMs = options.retryAfterInMs;
  }

  withRetryAfter(retryAfterInMs: number): TransportError {
    return new TransportError(this.code, { ...this.options, retryAfterInMs });
  }
}
