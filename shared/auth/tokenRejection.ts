import { FerryError } from '../protocol/ferryError';
import type { ErrorCode } from '../protocol/errorCodes';
import { bearerChallenge } from './bearerChallenge';

/** Why a device token was refused: the log-safe `logReason` of the FerryError. */
export type TokenRejectionReason =
  | 'missing'
  | 'wrong_scheme'
  | 'too_large'
  | 'malformed'
  | 'bad_algorithm'
  | 'unknown_key'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'missing_claim'
  | 'missing_scope'
  | 'tenant_not_allowed'
  | 'keys_unavailable';

interface Rejection {
  code: ErrorCode;
  /** RFC 6750 §3.1 error code of the challenge; `null` for a bare challenge, absent for none. */
  challenge?: 'invalid_token' | 'insufficient_scope' | null;
  /** Short fixed text, the same for every token that fails this way: `detail` and `error_description`. */
  description?: string;
  retryAfterInMs?: number;
}

const invalidSignature = 'The token signature is not valid.';

/**
 * One row per reason. Signature, key and algorithm failures share one description, so a prober learns
 * nothing about which check failed (the log keeps the reason). A request without Bearer credentials
 * gets a bare challenge: RFC 6750 §3.1 says not to include an error code when the client sent no
 * authentication or used another scheme.
 */
const rejections: Record<TokenRejectionReason, Rejection> = {
  missing: { code: 'unauthorized', challenge: null },
  wrong_scheme: { code: 'unauthorized', challenge: null },
  too_large: { code: 'unauthorized', challenge: 'invalid_token', description: 'The token is too large.' },
  malformed: { code: 'unauthorized', challenge: 'invalid_token', description: 'The token is malformed.' },
  bad_algorithm: { code: 'unauthorized', challenge: 'invalid_token', description: invalidSignature },
  unknown_key: { code: 'unauthorized', challenge: 'invalid_token', description: invalidSignature },
  bad_signature: { code: 'unauthorized', challenge: 'invalid_token', description: invalidSignature },
  expired: { code: 'unauthorized', challenge: 'invalid_token', description: 'The token is expired.' },
  not_yet_valid: { code: 'unauthorized', challenge: 'invalid_token', description: 'The token is not yet valid.' },
  wrong_audience: { code: 'unauthorized', challenge: 'invalid_token', description: 'The token audience is not accepted.' },
  wrong_issuer: { code: 'unauthorized', challenge: 'invalid_token', description: 'The token issuer is not accepted.' },
  missing_claim: { code: 'unauthorized', challenge: 'invalid_token', description: 'The token lacks a required claim.' },
  // RFC 6750 §3.1: a valid token without the needed scope is 403 insufficient_scope, naming the scope.
  missing_scope: { code: 'insufficient_scope', challenge: 'insufficient_scope', description: 'The token lacks the required scope.' },
  tenant_not_allowed: { code: 'forbidden', description: 'This organization is not allowed to use this gateway.' },
  keys_unavailable: {
    code: 'upstream_unavailable',
    description: 'The signing keys of the identity provider are unavailable.',
    retryAfterInMs: 5000,
  },
};

export interface TokenRejectionOptions {
  /** The scope to name in an `insufficient_scope` challenge. */
  scope?: string;
  cause?: unknown;
}

/** The FerryError for a refused device token, with its status, challenge and log reason from the table. */
export function tokenRejection(reason: TokenRejectionReason, options: TokenRejectionOptions = {}): FerryError {
  const row = rejections[reason];
  const headers: Record<string, string> = {};
  if (row.challenge === null) headers['WWW-Authenticate'] = bearerChallenge();
  else if (row.challenge !== undefined) {
    headers['WWW-Authenticate'] = bearerChallenge({
      error: row.challenge,
      ...(row.description ? { error_description: row.description } : {}),
      ...(row.challenge === 'insufficient_scope' && options.scope ? { scope: options.scope } : {}),
    });
  }
  return new FerryError(row.code, {
    detail: row.description,
    headers,
    logReason: reason,
    retryAfterInMs: row.retryAfterInMs,
    cause: options.cause,
  });
}
