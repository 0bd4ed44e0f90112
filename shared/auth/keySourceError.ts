import { errors, type JWTVerifyGetKey } from 'jose';

/** The key source (JWKS endpoint) failed: the identity provider's problem, not the token's. */
export class KeySourceError extends Error {
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
export function guardKeySource(getKey: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await getKey(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new KeySourceError(error);
    }
  };
}
