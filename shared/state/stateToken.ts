import { maxStateLength } from '../protocol/schemas/common';
import { keyIdPattern } from './keyRing';
import { stateInvalid } from './stateInvalid';

/**
 * The binary frame of a state token, base64url-encoded (RFC 4648 section 5, no padding):
 *
 *   version (1 byte) | key id length n (1 byte, 1..64) | key id (n ASCII bytes) | IV (12) | ciphertext (>= 1) | tag (16)
 *
 * The frame is public; its integrity comes from AES-256-GCM, whose associated data repeats the
 * version and key id (see stateAssociatedData).
 */
export const stateTokenVersion = 1;
export const ivLengthInBytes = 12;
export const tagLengthInBytes = 16;

export interface StateTokenFrame {
  version: number;
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const base64url = /^[A-Za-z0-9_-]+$/;

export function encodeStateToken(frame: StateTokenFrame): string {
  const keyId = Buffer.from(frame.keyId, 'latin1');
  return Buffer.concat([Buffer.from([frame.version, keyId.length]), keyId, frame.iv, frame.ciphertext, frame.tag]).toString('base64url');
}

/**
 * Splits a token into its frame. Throws `sync_state_invalid` with `malformed` (not canonical
 * base64url, too short, bad key id) or `unsupported_version`. The version is read first so a future
 * format with another layout is reported as such, not as malformed.
 */
export function decodeStateToken(token: string): StateTokenFrame {
  if (typeof token !== 'string' || !base64url.test(token)) throw stateInvalid('malformed');
  const bytes = Buffer.from(token, 'base64url');
  // Node's decoder ignores dangling bits and a dangling last character; only the canonical spelling of
  // the bytes is accepted, so one token has one spelling.
  if (bytes.toString('base64url') !== token) throw stateInvalid('malformed');
  if (bytes[0] !== stateTokenVersion) throw stateInvalid('unsupported_version');
  const keyIdLength = bytes[1] ?? 0;
  const ivStart = 2 + keyIdLength;
  const tagStart = bytes.length - tagLengthInBytes;
  if (keyIdLength < 1 || ivStart + ivLengthInBytes + 1 > tagStart) throw stateInvalid('malformed');
  const keyId = bytes.toString('latin1', 2, ivStart);
  if (!keyIdPattern.test(keyId)) throw stateInvalid('malformed');
  return {
    version: bytes[0],
    keyId,
    iv: bytes.subarray(ivStart, ivStart + ivLengthInBytes),
    ciphertext: bytes.subarray(ivStart + ivLengthInBytes, tagStart),
    tag: bytes.subarray(tagStart),
  };
}

/**
 * The key id a token names, or undefined when the token would not decode (too long, malformed, another
 * version): openState rejects those itself. Lets a key ring that loads keys on demand fetch this one
 * key before openState runs; the id is not authenticated yet, so it only picks which key to try.
 */
export function peekStateKeyId(token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > maxStateLength) return undefined;
  try {
    return decodeStateToken(token).keyId;
  } catch {
    return undefined;
  }
}
