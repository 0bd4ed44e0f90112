import { createHash } from 'node:crypto';

/** SHA-256 of a token, base64url: a cache key that does not keep the token itself as a key. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
