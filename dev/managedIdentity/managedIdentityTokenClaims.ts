import { randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { issuerFor } from '../idp/userTokenClaims';

export interface AppTokenClaimsOptions {
  /** Origin of the dev IdP: the issuer is `{idpUrl}/{tid}/v2.0`. */
  idpUrl: string;
  tid: string;
  /** Object id of the service principal: `oid` and `sub`. */
  principalId: string;
  /** Application (client) id: `azp` and `appid`. */
  clientId: string;
  aud: string;
  nowInSeconds: number;
  ttlInSeconds?: number;
}

/** Claims of an app-only token (a managed identity's, or a deployer's for the vault), v2.0 shape. */
export function appTokenClaims(options: AppTokenClaimsOptions): JWTPayload {
  const now = options.nowInSeconds;
  return {
    aud: options.aud,
    iss: issuerFor(options.idpUrl, options.tid),
    iat: now,
    nbf: now,
    exp: now + (options.ttlInSeconds ?? 3600),
    azp: options.clientId,
    appid: options.clientId,
    idtyp: 'app',
    oid: options.principalId,
    sub: options.principalId,
    tid: options.tid,
    uti: randomBytes(16).toString('base64url'),
    ver: '2.0',
  };
}
