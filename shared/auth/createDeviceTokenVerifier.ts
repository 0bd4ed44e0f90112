import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock } from '../clock';
import type { FerryConfig } from '../config';
import type { Caller } from './caller';
import { fromJoseError } from './fromJoseError';
import { guardKeySource } from './keySourceError';
import { readBearerToken } from './readBearerToken';
import { remoteJwks } from './remoteJwks';
import { tokenRejection } from './tokenRejection';

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
   */
  verify(authorization: string | null): Promise<Caller>;
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
  const getKey = guardKeySource(options.jwks ?? remoteJwks(config.jwksUrl));
  const clock = options.clock ?? systemClock;
  const allowedTenants = new Set(config.FERRY_ALLOWED_TENANTS.map((tid) => tid.toLowerCase()));

  return {
    async verify(authorization) {
      const token = readBearerToken(authorization);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
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
