import type { JWTHeaderParameters, JWTPayload } from 'jose';
import { ferryDevDir } from '../ferryDevDir';
import { ensureSigningKey } from './signingKey';
import { signToken } from './signToken';

export interface MintTestTokenOptions {
  /** The payload, exactly as given: nothing is added, so tests control every claim. */
  claims: JWTPayload;
  /** Merged over `{alg: 'RS256', typ: 'JWT', kid}`; use it for a foreign `kid` or odd header fields. */
  header?: Partial<JWTHeaderParameters>;
  /** Directory holding the IdP signing key; default `FERRY_DEV_DIR` or `.ferry-dev`. */
  dir?: string;
}

/**
 * Signs arbitrary claims with the dev IdP's key, for tests of hostile or odd tokens (wrong audience,
 * foreign issuer, missing scope...). Start from `userTokenClaims(...)` for a valid baseline and change
 * one thing. Unsigned (`alg: none`) and HMAC tokens are built by the tests themselves.
 */
export async function mintTestToken(options: MintTestTokenOptions): Promise<string> {
  const key = await ensureSigningKey(options.dir ?? ferryDevDir());
  return signToken(options.claims, key, options.header);
}
