import { SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import type { IdpSigningKey } from './signingKey';

/**
 * Signs `claims` exactly as given (no claim is added) with the IdP key, RS256, header
 * `{alg, typ: 'JWT', kid}` merged with `header`. Other algorithms are the tests' business: they build
 * `alg: none` or HS256 tokens themselves.
 */
export async function signToken(
  claims: JWTPayload,
  key: IdpSigningKey,
  header: Partial<JWTHeaderParameters> = {},
): Promise<string> {
  if (header.alg !== undefined && header.alg !== 'RS256') {
    throw new TypeError('signToken signs RS256 only; build other algorithms in the test');
  }
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', kid: key.kid, ...header, alg: 'RS256' })
    .sign(key.privateKey);
}
