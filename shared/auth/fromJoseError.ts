import { errors } from 'jose';
import { KeySourceError } from './keySourceError';
import type { TokenRejectionReason } from './tokenRejection';

/**
 * The rejection reason for an error of jose's `jwtVerify`. Anything unrecognised counts as a
 * malformed token: a hostile token must never become a 500.
 */
export function fromJoseError(error: unknown): TokenRejectionReason {
  if (error instanceof KeySourceError) return 'keys_unavailable';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'not_yet_valid';
    if (error.claim === 'aud') return 'wrong_audience';
    if (error.claim === 'iss') return 'wrong_issuer';
    return error.reason === 'missing' ? 'missing_claim' : 'malformed';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'bad_algorithm';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown_key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  return 'malformed';
}
