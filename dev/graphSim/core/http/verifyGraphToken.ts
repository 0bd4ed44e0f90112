import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { GraphError } from '../graphError';

/** The audiences Graph accepts: its URI and its application id. */
export const graphAudiences = ['https://graph.microsoft.com', 'https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000'];

/** `azp`: the client the token was issued to (Ferry's on-behalf-of tokens carry Ferry's id), when present. */
/** `scopes`: the delegated scopes of `scp`, absent when the token has no `scp` (tests' own tokens are then not checked for scopes). */
export type TokenVerifier = (authorization: string | undefined) => Promise<{ oid: string; azp?: string; scopes?: string[] }>;

/**
 * Checks a bearer token as Graph does for the simulator: signature against the IdP's keys, lifetime,
 * Graph audience, an `oid`. Failures are 401 InvalidAuthenticationToken with a WWW-Authenticate
 * header. The issuer is not checked (the dev IdP's issuer is its own business). UNVERIFIED: Graph's
 * exact messages per failure; these are the ones commonly seen.
 */
export function createTokenVerifier(jwks: JWTVerifyGetKey, now: () => number): TokenVerifier {
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw unauthenticated('Access token is empty.');
    try {
      const { payload } = await jwtVerify(match[1]!, jwks, { audience: graphAudiences, currentDate: new Date(now()) });
      if (typeof payload.oid !== 'string' || payload.oid === '') throw unauthenticated('Access token validation failure.');
      return {
        oid: payload.oid.toLowerCase(),
        ...(typeof payload.azp === 'string' ? { azp: payload.azp } : {}),
        ...(typeof payload.scp === 'string' ? { scopes: payload.scp.split(' ').filter((scope) => scope !== '') } : {}),
      };
    } catch (error) {
      if (error instanceof GraphError) throw error;
      if (error instanceof errors.JWTExpired) throw unauthenticated('Lifetime validation failed, the token is expired.');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') throw unauthenticated('Access token validation failure. Invalid audience.');
      throw unauthenticated('Access token validation failure.');
    }
  };
}

function unauthenticated(message: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    headers: {
      'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    },
  });
}
