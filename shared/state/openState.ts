import { createDecipheriv } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { maxStateLength } from '../protocol/schemas/common';
import { deriveKey, keyPurposes } from './deriveKey';
import type { KeyRing } from './keyRing';
import { assertStateBinding, stateAssociatedData, type StateBinding } from './stateBinding';
import { stateInvalid } from './stateInvalid';
import { decodeStateToken, tagLengthInBytes } from './stateToken';
import { syncStatePayload, type SyncStatePayload } from './syncStatePayload';

/**
 * A sealed payload is a few hundred bytes; anything inflating past this is not one of ours (and the
 * cap keeps a crafted deflate stream from costing memory, though it could only come from a key holder).
 */
const maxPayloadInBytes = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Opens a token sealed by sealState for the same binding. Every failure throws the same
 * `FerryError('sync_state_invalid')` (410); only its `logReason` (StateFailureReason) says why.
 * The length is checked before anything is decoded. A binding the caller built wrong is a TypeError.
 */
export function openState(token: string, binding: StateBinding, keyRing: KeyRing): SyncStatePayload {
  assertStateBinding(binding);
  if (typeof token === 'string' && token.length > maxStateLength) throw stateInvalid('too_long');
  const frame = decodeStateToken(token);
  const ringKey = keyRing.byId(frame.keyId);
  if (!ringKey) throw stateInvalid('unknown_key');

  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(ringKey, keyPurposes.state), frame.iv, { authTagLength: tagLengthInBytes });
    decipher.setAAD(stateAssociatedData(binding, frame.version, frame.keyId));
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
  const parsed = syncStatePayload.safeParse(json);
  if (!parsed.success) throw stateInvalid('bad_payload');
  return parsed.data;
}
