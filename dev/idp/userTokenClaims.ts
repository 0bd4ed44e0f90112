import { createHash, randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { DevTenant, DevUser } from '../directory';

export interface UserTokenClaimsOptions {
  /** Origin of the IdP, e.g. `https://localhost:7073`; the issuer is `{idpUrl}/{tid}/v2.0`. */
  idpUrl: string;
  user: DevUser;
  tenant: DevTenant;
  aud: string;
  /** The client the token was issued to (`azp` of a v2.0 token). */
  azp: string;
  scp: string;
  /** Seconds since the epoch. */
  nowInSeconds: number;
  /** Lifetime in seconds; negative gives a token that has already expired. Default 3600. */
  ttlInSeconds?: number;
  /** Seconds until the token becomes valid (`nbf`); positive gives a token not yet valid. Default 0. */
  nbfOffsetInSeconds?: number;
}

/** The issuer of v2.0 tokens for tenant `tid`, as Entra writes it: `{authority}/{tid}/v2.0`. */
export function issuerFor(idpUrl: string, tid: string): string {
  return `${idpUrl}/${tid}/v2.0`;
}

/**
 * The claims of a delegated v2.0 access token as Entra issues them (see "Access token claims reference"
 * on learn.microsoft.com), for one dev user. `nbf` never exceeds `exp`, so an expired token is rejected
 * for its expiry rather than for a `nbf` in the future.
 */
export function userTokenClaims(options: UserTokenClaimsOptions): JWTPayload {
  const now = options.nowInSeconds;
  const exp = now + (options.ttlInSeconds ?? 3600);
  const nbf = Math.min(now + (options.nbfOffsetInSeconds ?? 0), exp);
  return {
    aud: options.aud,
    iss: issuerFor(options.idpUrl, options.tenant.tid),
    iat: Math.min(now, nbf),
    nbf,
    exp,
    azp: options.azp,
    azpacr: '0',
    name: options.user.displayName,
    oid: options.user.oid,
    preferred_username: options.user.upn,
    upn: options.user.upn,
    scp: options.scp,
    // Entra's `sub` is pairwise (per user and application); a hash gives the same property.
    sub: createHash('sha256').update(`${options.user.oid}:${options.azp}`).digest('base64url').slice(0, 43),
    tid: options.tenant.tid,
    uti: randomBytes(16).toString('base64url'),
    ver: '2.0',
  };
}
