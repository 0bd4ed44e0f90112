import { tokenRejection } from './tokenRejection';

/** Entra tokens are 1-3 KB; anything past this is refused before it is parsed. */
export const maxTokenLengthInChars = 8192;

/** RFC 6750 §2.1 b64token. */
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 7235 §2.1).
 * Throws `unauthorized` for no header, another scheme, a token over 8 KB or one with characters a
 * bearer token cannot have.
 */
export function readBearerToken(authorization: string | null | undefined): string {
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
