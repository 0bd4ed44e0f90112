import { bearerChallenge } from '../auth/bearerChallenge';
import { mapGraphError } from './errorMap';
import type { GraphResponse } from './graphRequest';
import { GraphRequestError } from './graphRequestError';
import { parseRetryAfterInMs } from './parseRetryAfter';
import { readClaimsChallenge } from './readClaimsChallenge';
import { readGraphErrorCode } from './readGraphErrorCode';

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
