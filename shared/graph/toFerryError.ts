import { mapGraphError } from './errorMap';
import type { GraphResponse } from './graphRequest';
import { GraphRequestError } from './graphRequestError';
import { readGraphErrorCode } from './readGraphErrorCode';
import { parseRetryAfterInMs } from './retryStrategies/parseRetryAfter';

/** The device is never told to retry sooner than this. */
export const minimumRetryAfterInMs = 1000;

export interface ToFerryErrorOptions {
  /** False when the request may have taken effect: a 503/504 is then 502 `outcome_unknown`. Default true. */
  idempotent?: boolean;
  /** The wait Ferry wanted but could not afford (overrides Retry-After). */
  retryAfterInMs?: number;
  /** For HTTP-date Retry-After values. Default Date.now(). */
  nowInMs?: number;
}

/**
 * Maps a failed Graph answer (status >= 300), e.g. a batch item's, through the error table to the device
 * error. `retryAfterInMs` (for throttled/upstream_unavailable) is the wait Graph advised, at least 1 s.
 */
export function toFerryError(
  response: Pick<GraphResponse, 'status' | 'headers' | 'body' | 'requestId'>,
  operation: string,
  options: ToFerryErrorOptions = {},
): GraphRequestError {
  const graphCode = readGraphErrorCode(response.body);
  // A 503/504 does not say whether a request Graph may act on only once took effect. UNVERIFIED: Graph's
  // docs do not state that a 503 means "not acted on"; a 504 (gateway timeout) plainly may have been.
  const outcomeUnknown = options.idempotent === false && (response.status === 503 || response.status === 504);
  const code = outcomeUnknown ? 'outcome_unknown' : mapGraphError(response.status, graphCode);
  const advised =
    options.retryAfterInMs ?? parseRetryAfterInMs(response.headers['retry-after'], options.nowInMs ?? Date.now());
  const waits = code === 'throttled' || code === 'upstream_unavailable';
  return new GraphRequestError(code, {
    operation,
    graphStatus: response.status,
    graphCode,
    graphRequestId: response.requestId,
    outcomeUnknown,
    retryAfterInMs: waits
      ? Math.max(minimumRetryAfterInMs, advised ?? 0)
      : code === 'mailbox_unavailable'
        ? mailboxUnavailableRetryAfterInMs
        : undefined,
  });
}

/**
 * Every 503 carries Retry-After. A mailbox Graph cannot serve (not yet provisioned for REST, being
 * moved, on-premises) is seldom fixed within minutes: the device checks again after the longest wait
 * its rule allows (300 s) and tells the user if it persists.
 */
export const mailboxUnavailableRetryAfterInMs = 300_000;
