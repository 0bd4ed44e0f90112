/*
 * Graph's failures as device errors, in one module. Why past ~250 lines: it holds the error type and
 * its predicates, the two readers of a Graph error answer (its code, a claims challenge), and the
 * mappings of each kind of failure (an answer through the errorMap table, a network fault, a broken
 * body, the deadline, an answer too large). Read together, they show every way a Graph call fails.
 * The table itself stays in errorMap.ts; GraphSyncResetError (not a device error: the sync engine's
 * signal to restart a round) in graphSyncResetError.ts.
 */
import { bearerChallenge } from '../auth/bearerChallenge';
import type { ErrorCode } from '../protocol/errorCodes';
import { FerryError } from '../protocol/ferryError';
import { mapGraphError } from './errorMap';
import type { GraphResponse } from './graphRequest';
import { GraphSyncResetError, syncResetReason } from './graphSyncResetError';
import { parseRetryAfterInMs } from './parseRetryAfter';
import type { PipelineRequest, PipelineResponse } from './pipeline';
import type { TransportError } from './transport/transportError';

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

/** Graph error codes are identifiers such as `ErrorItemNotFound`; anything else is not trusted as one. */
const graphCodeShape = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Reads `error.code` from a Graph error body (https://learn.microsoft.com/en-us/graph/errors#json-representation).
 * Only the code: the message can quote mailbox content and is never read.
 */
export function readGraphErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && graphCodeShape.test(code) ? code : undefined;
}

/** Base64 or base64url, as Entra writes the claims of a challenge; bounded because it goes back out in a header. */
const claimsShape = /^[A-Za-z0-9+/_-]{1,8192}={0,2}$/;

/**
 * The claims of a continuous access evaluation challenge in a Graph 401's `WWW-Authenticate`
 * (`Bearer authorization_uri="...", error="insufficient_claims", claims="<base64>"`), or undefined when
 * the 401 is not one (or its claims are not base64: they are passed to the device and must stay a
 * token, never text). https://learn.microsoft.com/entra/identity-platform/claims-challenge
 */
export function readClaimsChallenge(wwwAuthenticate: string | undefined): string | undefined {
  if (!wwwAuthenticate || !/\berror\s*=\s*"?insufficient_claims"?/i.test(wwwAuthenticate)) return undefined;
  const claims = /\bclaims\s*=\s*"([^"]*)"/i.exec(wwwAuthenticate)?.[1];
  return claims !== undefined && claimsShape.test(claims) ? claims : undefined;
}

/** The device is never told to retry sooner than this. */
export const minimumRetryAfterInMs = 1000;

export interface ToFerryErrorOptions {
  /** False when the request may have taken effect: a 503/504 is then 502 `outcome_unknown`. Default true. */
  idempotent?: boolean;
  /** The wait Ferry wanted but could not afford (overrides Retry-After). */
  retryAfterInMs?: number;
  /** For HTTP-date Retry-After values. Default Date.now(). */
  nowInMs?: number;
  /** `authorization_uri` of the challenge passed on with a claims challenge (GraphClientOptions.authorizationUri). */
  authorizationUri?: string;
}

/**
 * The device's `WWW-Authenticate` for a Graph 401: a claims challenge is passed on as the on-behalf-of
 * exchange passes Entra's (fromMsalError: `error="insufficient_claims", claims="<base64>"`), so the app
 * signs in again with those claims; a plain refusal asks for a new token (RFC 6750 §3.1 invalid_token).
 */
function unauthorizedChallenge(claims: string | undefined, authorizationUri: string | undefined): Record<string, string> {
  const where: Record<string, string> = authorizationUri ? { authorization_uri: authorizationUri } : {};
  return {
    'WWW-Authenticate': claims
      ? bearerChallenge({ ...where, error: 'insufficient_claims', claims })
      : bearerChallenge({ error: 'invalid_token', error_description: 'Microsoft Graph refused the token.' }),
  };
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
  // Continuous access evaluation: only the user can satisfy the claims (sign in again, MFA, ...).
  const claims = response.status === 401 ? readClaimsChallenge(response.headers['www-authenticate']) : undefined;
  // A 503/504 does not say whether a request Graph may act on only once took effect. UNVERIFIED: Graph's
  // docs do not state that a 503 means "not acted on"; a 504 (gateway timeout) plainly may have been.
  const outcomeUnknown = options.idempotent === false && (response.status === 503 || response.status === 504);
  const code = outcomeUnknown ? 'outcome_unknown' : claims ? 'consent_required' : mapGraphError(response.status, graphCode);
  const advised =
    options.retryAfterInMs ?? parseRetryAfterInMs(response.headers['retry-after'], options.nowInMs ?? Date.now());
  const waits = code === 'throttled' || code === 'upstream_unavailable';
  return new GraphRequestError(code, {
    operation,
    graphStatus: response.status,
    graphCode,
    graphRequestId: response.requestId,
    outcomeUnknown,
    ...(code === 'consent_required' || code === 'unauthorized'
      ? { headers: unauthorizedChallenge(claims, options.authorizationUri), logReason: claims ? 'graph_claims_challenge' : undefined }
      : {}),
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

/** What the mapping needs to know of the request that failed. */
export type FailedRequest = Pick<PipelineRequest, 'operation' | 'idempotent'>;

/**
 * The device is told to come back this soon after the command's deadline stopped a Graph call. The
 * deadline is Ferry's own answer budget, not a sign that Graph is struggling: the device's next command
 * starts with a whole budget, so a long wait would only delay it; a couple of seconds keeps a device
 * from coming back in a tight loop while Graph is slow.
 */
export const deadlineRetryAfterInMs = 2000;

/** A failed answer: a delta restart, or a device error from the error table. */
export function toGraphFailure(
  response: PipelineResponse,
  request: FailedRequest & Pick<PipelineRequest, 'isDelta'>,
  nowInMs: number,
  authorizationUri?: string,
): GraphSyncResetError | GraphRequestError {
  const reason = syncResetReason(response.status, readGraphErrorCode(response.body), request.isDelta);
  if (reason) return new GraphSyncResetError(reason, request.operation, response.requestId);
  return toFerryError(response, request.operation, {
    idempotent: request.idempotent,
    retryAfterInMs: response.retryAfterInMs,
    nowInMs,
    authorizationUri,
  });
}

/**
 * No answer from Graph. Nothing sent, or an idempotent request: 503 `upstream_unavailable`, retry later.
 * A non-idempotent request that may have reached Graph: 502 `outcome_unknown` (`outcomeUnknown`): the
 * command may look it up (sendWithLookUp); else the device repeats it by its own rule for that answer.
 * Stopped by the command's deadline: logReason `deadline` (isDeadlineExceeded). An answer past
 * maxGraphAnswerBytes: 502 `upstream_error`, logReason `answer_too_large` (isAnswerTooLarge).
 */
export function toTransportFailure(error: TransportError, request: FailedRequest): GraphRequestError {
  const outcomeUnknown = !request.idempotent && error.mayHaveReachedGraph;
  if (error.code === 'ERR_ANSWER_TOO_LARGE') {
    // Graph answered (and, for a write, acted); the answer is what Ferry will not hold.
    return new GraphRequestError(outcomeUnknown ? 'outcome_unknown' : 'upstream_error', {
      operation: request.operation,
      transportErrorCode: error.code,
      outcomeUnknown,
      logReason: 'answer_too_large',
    });
  }
  const retryAfterInMs = error.byDeadline ? deadlineRetryAfterInMs : Math.max(minimumRetryAfterInMs, error.retryAfterInMs ?? 0);
  return new GraphRequestError(outcomeUnknown ? 'outcome_unknown' : 'upstream_unavailable', {
    operation: request.operation,
    transportErrorCode: error.code,
    outcomeUnknown,
    retryAfterInMs: outcomeUnknown ? undefined : retryAfterInMs,
    ...(error.byDeadline ? { logReason: 'deadline' } : {}),
  });
}

/**
 * A 2xx whose body was cut, not JSON or off-schema, after the one retry an idempotent request gets:
 * 502 `upstream_error`. A non-idempotent request was written (Graph acted, its answer was lost):
 * 502 `outcome_unknown`.
 */
export function toBrokenBodyFailure(response: Pick<PipelineResponse, 'status' | 'requestId'>, request: FailedRequest): GraphRequestError {
  return new GraphRequestError(request.idempotent ? 'upstream_error' : 'outcome_unknown', {
    operation: request.operation,
    graphStatus: response.status,
    graphRequestId: response.requestId,
    outcomeUnknown: !request.idempotent,
    logReason: 'broken_body',
  });
}
