import type { ErrorCode } from '../protocol/errorCodes';
import { FerryError } from '../protocol/ferryError';

export interface GraphRequestErrorDetails {
  /** Operation name from the operation table. */
  operation: string;
  /** Graph's HTTP status, when Graph answered. */
  graphStatus?: number;
  /** Graph's `error.code`, when Graph answered with one. */
  graphCode?: string;
  /** Graph's `request-id`, for support. */
  graphRequestId?: string;
  /** Network failure code (ECONNRESET, ENOTFOUND, ...), when Graph did not answer. */
  transportErrorCode?: string;
  /** True when a non-idempotent request may or may not have taken effect (a look-up could tell). */
  outcomeUnknown?: boolean;
  retryAfterInMs?: number;
  /** Log-safe reason when neither a Graph code nor a network code says it (e.g. `broken_body`). */
  logReason?: string;
  /** Headers for the device's answer (the `WWW-Authenticate` of a 401). */
  headers?: Record<string, string>;
}

/**
 * A Graph call that failed, as a device error (its `code`/`status` are the device's) that also keeps
 * what Graph said, so callers can branch (`graphStatus === 404` on a folder -> `folder_not_found`).
 * Every field is log-safe: no URL, no body, no Graph message text.
 */
export class GraphRequestError extends FerryError {
  readonly operation: string;
  readonly graphStatus?: number;
  readonly graphCode?: string;
  readonly graphRequestId?: string;
  readonly transportErrorCode?: string;
  readonly outcomeUnknown: boolean;

  constructor(code: ErrorCode, details: GraphRequestErrorDetails) {
    super(code, {
      retryAfterInMs: details.retryAfterInMs,
      headers: details.headers,
      logReason:
        details.logReason ??
        details.graphCode ??
        details.transportErrorCode ??
        (details.graphStatus === undefined ? undefined : `http_${details.graphStatus}`),
    });
    this.name = 'GraphRequestError';
    this.operation = details.operation;
    this.graphStatus = details.graphStatus;
    this.graphCode = details.graphCode;
    this.graphRequestId = details.graphRequestId;
    this.transportErrorCode = details.transportErrorCode;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }
}

/**
 * True when the command's deadline (GraphClientOptions.deadlineInMs) stopped a Graph call: an attempt
 * cut short, or none started for want of time. The sync engine answers the pages it already has with
 * `more: true` instead of failing. Such an error is 503 `upstream_unavailable` with a short Retry-After,
 * or, for a request Graph may act on only once that was cut short in flight, 502 `outcome_unknown`.
 */
export function isDeadlineExceeded(error: unknown): error is GraphRequestError {
  return error instanceof GraphRequestError && error.logReason === 'deadline';
}

/**
 * True when Graph's answer was larger than Ferry reads (maxGraphAnswerBytes): 502 `upstream_error`
 * (`outcome_unknown` for a request Graph may act on only once). The sync engine can ask again for a
 * smaller page.
 */
export function isAnswerTooLarge(error: unknown): error is GraphRequestError {
  return error instanceof GraphRequestError && error.logReason === 'answer_too_large';
}
