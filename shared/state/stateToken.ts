import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { z } from 'zod';
import { maxStateLength } from '../protocol/schemas/common';
import { deriveKey, keyPurposes } from './deriveKey';
import { keyIdPattern, type KeyRing } from './keyRing';
import { stateInvalid } from './stateInvalid';

/*
 * The sealed state token, sealing and opening in one file: the frame, the associated data and the two
 * directions must agree byte for byte, so they are read (and changed) together.
 *
 * Frame, base64url-encoded (RFC 4648 section 5, no padding):
 *
 *   version (1 byte) | key id length n (1 byte, 1..64) | key id (n ASCII bytes) | IV (12) | ciphertext (>= 1) | tag (16)
 *
 * The frame is public; its integrity comes from AES-256-GCM, whose associated data repeats the version
 * and key id and adds the binding (tenant, user, collection), so a token opens only where it was sealed.
 */
export const stateTokenVersion = 1;
export const ivLengthInBytes = 12;
export const tagLengthInBytes = 16;

/**
 * A sealed payload is a few hundred bytes; anything inflating past this is not one of ours (and the
 * cap keeps a crafted deflate stream from costing memory, though it could only come from a key holder).
 */
const maxPayloadInBytes = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What a state token is bound to. It is not stored in the token but authenticated with it (GCM
 * associated data), so a token only opens for the same tenant, user and collection it was sealed for.
 */
export interface StateBinding {
  /** Entra tenant id of the caller (token claim `tid`). */
  tid: string;
  /** Entra object id of the caller (token claim `oid`). */
  oid: string;
  /**
   * The synced collection, opaque here: each sync definition names its own (`folders`,
   * `mail:<folderId>`). Two definitions must never produce the same string for different collections.
   */
  collection: string;
}

export interface StateTokenFrame {
  version: number;
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * Seals sync progress into the opaque token the device carries: the payload, checked against `schema`,
 * as JSON, deflated (raw, RFC 1951), encrypted with AES-256-GCM under the ring's current key (derived
 * for `ferry/state/v1`), with a fresh 12-byte random IV, and bound to `binding` as associated data.
 *
 * Throws TypeError when the payload fails its schema or the binding is incomplete, and RangeError when
 * the token would pass 4096 characters (the device could not send it back): both are bugs or broken
 * assumptions to hear about, not states to hand out.
 */
/**
 * What a sealed value is for: `state` (sync state) or `cursor` (search cursors, `ferry/cursor/v1`). Each
 * has its own derived key and associated-data label, so one never opens as the other.
 */
export type SealPurpose = 'state' | 'cursor' | 'upload';

/**
 * The longest token of each purpose. An upload token carries Graph's `uploadUrl`, whose authtoken
 * makes it long (UNVERIFIED how long: the docs cut the sample's), so uploads get four times the room.
 */
export const maxSealedLength: Record<SealPurpose, number> = { state: maxStateLength, cursor: maxStateLength, upload: 16_384 };

export function sealState<T>(payload: NoInfer<T>, binding: StateBinding, keyRing: KeyRing, schema: z.ZodType<T>, purpose: SealPurpose = 'state'): string {
  assertStateBinding(binding);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new TypeError('sealState: the payload does not match its schema.', { cause: parsed.error });

  const { id: keyId, key } = keyRing.current;
  const iv = randomBytes(ivLengthInBytes);
  // Stryker disable next-line ObjectLiteral: 16 bytes is GCM's default tag length; named so the frame's layout reads in one place.
  const cipher = createCipheriv('aes-256-gcm', deriveKey(key, keyPurposes[purpose]), iv, { authTagLength: tagLengthInBytes });
  cipher.setAAD(stateAssociatedData(binding, stateTokenVersion, keyId, purpose));
  // Stryker disable next-line StringLiteral: Buffer.from's default encoding is UTF-8.
  const plaintext = deflateRawSync(Buffer.from(JSON.stringify(parsed.data), 'utf8'), { level: 9 });
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const token = encodeStateToken({ version: stateTokenVersion, keyId, iv, ciphertext, tag: cipher.getAuthTag() });
  if (token.length > maxSealedLength[purpose]) {
    throw new RangeError(`sealState: the token would be ${token.length} characters, over the ${maxSealedLength[purpose]} a device sends back.`);
  }
  return token;
}

/**
 * Opens a token sealed by sealState for the same binding and schema. Every failure throws the same
 * `FerryError('sync_state_invalid')` (410); only its `logReason` (StateFailureReason) says why.
 * The length is checked before anything is decoded. A binding the caller built wrong is a TypeError.
 */
export function openState<T>(token: string, binding: StateBinding, keyRing: KeyRing, schema: z.ZodType<T>, purpose: SealPurpose = 'state'): T {
  assertStateBinding(binding);
  if (typeof token === 'string' && token.length > maxSealedLength[purpose]) throw stateInvalid('too_long');
  const frame = decodeStateToken(token);
  const ringKey = keyRing.byId(frame.keyId);
  if (!ringKey) throw stateInvalid('unknown_key');

  let plaintext: Buffer;
  try {
    // Stryker disable next-line ObjectLiteral: the frame's tag is always 16 bytes (subarray(tagStart)), so a decipher that would take shorter tags never sees one.
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(ringKey, keyPurposes[purpose]), frame.iv, { authTagLength: tagLengthInBytes });
    decipher.setAAD(stateAssociatedData(binding, frame.version, frame.keyId, purpose));
    decipher.setAuthTag(frame.tag);
    plaintext = Buffer.concat([decipher.update(frame.ciphertext), decipher.final()]);
  } catch {
    throw stateInvalid('auth_failed');
  }

  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(inflateRawSync(plaintext, { maxOutputLength: maxPayloadInBytes })));
  } catch {
    throw stateInvalid('bad_payload');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw stateInvalid('bad_payload');
  return parsed.data;
}

export function encodeStateToken(frame: StateTokenFrame): string {
  // Stryker disable next-line StringLiteral: key ids are ASCII (keyIdPattern), the same bytes in latin1 and in the default UTF-8.
  const keyId = Buffer.from(frame.keyId, 'latin1');
  return Buffer.concat([Buffer.from([frame.version, keyId.length]), keyId, frame.iv, frame.ciphertext, frame.tag]).toString('base64url');
}

/**
 * Splits a token into its frame. Throws `sync_state_invalid` with `malformed` (not canonical
 * base64url, too short, bad key id) or `unsupported_version`. The version is read first so a future
 * format with another layout is reported as such, not as malformed.
 */
export function decodeStateToken(token: string): StateTokenFrame {
  if (typeof token !== 'string' || token.length === 0) throw stateInvalid('malformed');
  const bytes = Buffer.from(token, 'base64url');
  // Node's decoder skips characters outside the alphabet (and reads `+`, `/` and `=` too), and ignores
  // dangling bits and a dangling last character; only the canonical spelling of the bytes is accepted,
  // so one token has one spelling and anything that is not base64url is malformed.
  if (bytes.toString('base64url') !== token) throw stateInvalid('malformed');
  if (bytes[0] !== stateTokenVersion) throw stateInvalid('unsupported_version');
  const keyIdLength = bytes[1] ?? 0;
  const ivStart = 2 + keyIdLength;
  const tagStart = bytes.length - tagLengthInBytes;
  if (ivStart + ivLengthInBytes + 1 > tagStart) throw stateInvalid('malformed');
  const keyId = bytes.toString('latin1', 2, ivStart);
  // keyIdPattern also refuses an empty key id (length byte 0).
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
export function peekStateKeyId(token: unknown, purpose: SealPurpose = 'state'): string | undefined {
  if (typeof token !== 'string' || token.length > maxSealedLength[purpose]) return undefined;
  try {
    return decodeStateToken(token).keyId;
    // Stryker disable next-line BlockStatement: an empty catch falls off the end, which returns undefined too.
  } catch {
    return undefined;
  }
}

/** Throws TypeError for a binding the caller built wrong: that is a bug, not a device error. */
export function assertStateBinding(binding: StateBinding): void {
  const ok =
    typeof binding?.tid === 'string' &&
    binding.tid.length > 0 &&
    typeof binding.oid === 'string' &&
    binding.oid.length > 0 &&
    typeof binding.collection === 'string' &&
    binding.collection.length > 0;
  if (!ok) throw new TypeError('A state binding needs a non-empty tid, oid and collection.');
}

/**
 * The GCM associated data: everything a token is bound to, plus its format version and key id (both
 * also in the frame, authenticated here so neither can be swapped). A JSON array of strings and a
 * number is unambiguous, whatever characters the ids hold.
 */
export function stateAssociatedData(binding: StateBinding, version: number, keyId: string, purpose: SealPurpose = 'state'): Buffer {
  // Stryker disable next-line StringLiteral: Buffer.from's default encoding is UTF-8.
  return Buffer.from(JSON.stringify([`ferry/${purpose}`, version, keyId, binding.tid, binding.oid, binding.collection]), 'utf8');
}
