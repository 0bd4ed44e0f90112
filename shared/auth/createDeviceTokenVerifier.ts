// Why one file past 250 lines: a token's checks, the reason each failure gets and its answer must agree (below).
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock } from '../clock';
import type { FerryConfig } from '../config';
import { FerryError } from '../protocol/ferryError';
import type { ErrorCode } from '../protocol/errorCodes';
import type { Caller } from './caller';
import type { ServerTiming } from '../observability/serverTiming';
import { bearerChallenge } from './bearerChallenge';

/*
 * Device token verification, read as one piece: the header, the checks, the reason each failure gets
 * and the answer each reason becomes must agree with one another (a new jose error needs a reason, a
 * reason needs a row), so they live in one file, in the order a token meets them. About 250 lines,
 * past the usual size for that reason. The `WWW-Authenticate` syntax stays in bearerChallenge.ts: the
 * on-behalf-of exchange writes challenges too.
 */

/** Entra tokens are 1-3 KB; anything past this is refused before it is parsed. */
export const maxTokenLengthInChars = 8192;

export interface DeviceTokenVerifierOptions {
  /** Where signing keys come from; default the remote JWKS at `config.jwksUrl`, one per process. */
  jwks?: JWTVerifyGetKey;
  /** Time for `exp`/`nbf`; default the system clock. */
  clock?: Clock;
}

export interface DeviceTokenVerifier {
  /**
   * The caller of a device request, from its `Authorization` header. Throws FerryError: 401
   * `unauthorized` (with a `WWW-Authenticate` challenge) for a missing or invalid token, 403 `forbidden`
   * for a token without Ferry's scope or from a tenant not allowed, 503 when the keys cannot be fetched.
   * A signing-key fetch the call starts or joins counts as `auth` in `timing` (Server-Timing).
   */
  verify(authorization: string | null, timing?: ServerTiming): Promise<Caller>;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates Entra ID v2.0 access tokens issued to Ferry's API, per "Validate tokens" on
 * learn.microsoft.com: RS256 signature by a key of the JWKS (so `alg: none` and HMAC tokens fail),
 * `aud` exactly `FERRY_API_AUDIENCE`, `exp`/`nbf` within `FERRY_TOKEN_SKEW_SECONDS`, issuer
 * `{FERRY_AUTHORITY}/{tid}/v2.0` for the token's own `tid` (multi-tenant apps cannot fix one issuer,
 * so it is checked after the signature), `scp` listing `FERRY_API_SCOPE`, an `oid`, and `tid` in
 * `FERRY_ALLOWED_TENANTS`. Nothing from the token reaches the error text.
 */
export function createDeviceTokenVerifier(config: FerryConfig, options: DeviceTokenVerifierOptions = {}): DeviceTokenVerifier {
  // The scope is named in insufficient_scope challenges: fail at start-up, not on the first such token.
  if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(config.FERRY_API_SCOPE)) {
    throw new TypeError('FERRY_API_SCOPE must be one scope token (RFC 6749 §3.3)');
  }
  const keySource = options.jwks ?? remoteJwks(config.jwksUrl);
  const getKey = guardKeySource(keySource);
  const clock = options.clock ?? systemClock;
  const allowedTenants = new Set(config.FERRY_ALLOWED_TENANTS.map((tid) => tid.toLowerCase()));

  return {
    async verify(authorization, timing) {
      const token = readBearerToken(authorization);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, timing ? timedKeySource(getKey, keySource, timing) : getKey, {
          algorithms: ['RS256'],
          audience: config.FERRY_API_AUDIENCE,
          clockTolerance: config.FERRY_TOKEN_SKEW_SECONDS,
          currentDate: new Date(clock.now()),
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        // jose's claim errors carry the whole payload (names, UPN): keep only the source's own failure.
        const reason = fromJoseError(error);
        throw tokenRejection(reason, reason === 'keys_unavailable' ? { cause: error } : {});
      }
      // jose accepts an `aud` array that contains the audience; Entra access tokens carry a single one.
      if (typeof payload.aud !== 'string') throw tokenRejection('wrong_audience');
      const { tid, oid, scp, iss } = payload;
      if (typeof tid !== 'string' || !guid.test(tid)) throw tokenRejection('wrong_issuer');
      if (iss !== `${config.FERRY_AUTHORITY}/${tid}/v2.0`) throw tokenRejection('wrong_issuer');
      if (typeof oid !== 'string' || !guid.test(oid)) throw tokenRejection('missing_claim');
      const scopes = typeof scp === 'string' ? scp.split(' ') : [];
      if (!scopes.includes(config.FERRY_API_SCOPE)) throw tokenRejection('missing_scope', { scope: config.FERRY_API_SCOPE });
      if (!allowedTenants.has(tid.toLowerCase())) throw tokenRejection('tenant_not_allowed');
      return { tid, oid, token };
    },
  };
}

/** RFC 6750 §2.1 b64token. */
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 7235 §2.1).
 * Throws `unauthorized` for no header, another scheme, a token over 8 KB or one with characters a
 * bearer token cannot have.
 */
function readBearerToken(authorization: string | null | undefined): string {
  if (authorization === null || authorization === undefined || authorization.trim() === '') {
    throw tokenRejection('missing');
  }
  const trimmed = authorization.trim();
  const space = trimmed.indexOf(' ');
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') throw tokenRejection('wrong_scheme');
  const token = space < 0 ? '' : trimmed.slice(space + 1).trim();
  if (token.length > maxTokenLengthInChars) throw tokenRejection('too_large');
  if (!b64token.test(token)) throw tokenRejection('malformed');
  return token;
}

const jwksByUrl = new Map<string, JWTVerifyGetKey>();

/**
 * The JWKS at `url`, one instance per URL for the life of the process, so keys are fetched once and
 * shared by every verifier (jose keeps them 10 minutes). A token with an unknown `kid` triggers a
 * refetch at most every 30 seconds (`cooldownDuration`), which bounds what a stream of forged kids costs.
 */
export function remoteJwks(url: string): JWTVerifyGetKey {
  let set = jwksByUrl.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000 });
    jwksByUrl.set(url, set);
  }
  return set;
}

/**
 * `getKey` whose call counts as `auth` in `timing` when it fetches the JWKS: a remote set says so
 * (`reloading`) right after the call starts a fetch or joins one. A fetch after a cached set found no
 * key for the token's `kid` starts later and is not seen (it is rare, at most one per 30 s).
 */
function timedKeySource(getKey: JWTVerifyGetKey, source: JWTVerifyGetKey, timing: ServerTiming): JWTVerifyGetKey {
  return (header, token) => {
    const pending = Promise.resolve(getKey(header, token));
    return (source as { reloading?: boolean }).reloading === true ? timing.time('auth', () => pending) : pending;
  };
}

/** The key source (JWKS endpoint) failed: the identity provider's problem, not the token's. */
class KeySourceError extends Error {
  constructor(cause: unknown) {
    super('The signing keys could not be fetched.', { cause });
    this.name = 'KeySourceError';
  }
}

/**
 * Wraps a key source so that its own failures (network, timeout, non-200, invalid JWKS) arrive as
 * KeySourceError, apart from "no key matches this token", which is the token's fault. jose reports
 * both as JOSE errors otherwise, and a device must not be told to sign in again when Entra is down.
 */
function guardKeySource(getKey: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await getKey(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new KeySourceError(error);
    }
  };
}

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

/**
 * The rejection reason for an error of jose's `jwtVerify`. Anything unrecognised counts as a
 * malformed token: a hostile token must never become a 500.
 */
function fromJoseError(error: unknown): TokenRejectionReason {
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

interface TokenRejectionOptions {
  /** The scope to name in an `insufficient_scope` challenge. */
  scope?: string;
  cause?: unknown;
}

/** The FerryError for a refused device token, with its status, challenge and log reason from the table. */
function tokenRejection(reason: TokenRejectionReason, options: TokenRejectionOptions = {}): FerryError {
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
