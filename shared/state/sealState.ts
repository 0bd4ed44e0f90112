import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { maxStateLength } from '../protocol/schemas/common';
import { deriveKey, keyPurposes } from './deriveKey';
import type { KeyRing } from './keyRing';
import { assertStateBinding, foldersCollection, mailCollection, stateAssociatedData, type StateBinding } from './stateBinding';
import { encodeStateToken, ivLengthInBytes, stateTokenVersion, tagLengthInBytes } from './stateToken';
import { syncStatePayload, type SyncStatePayload } from './syncStatePayload';

/**
 * Seals sync progress into the opaque token the device carries: the payload's JSON, deflated (raw,
 * RFC 1951), encrypted with AES-256-GCM under the ring's current key (derived for `ferry/state/v1`),
 * with a fresh 12-byte random IV, and bound to `binding` as associated data.
 *
 * Throws TypeError when the payload fails its schema or does not belong to `binding.collection`, and
 * RangeError when the token would pass 4096 characters (the device could not send it back): both are
 * bugs or broken assumptions to hear about, not states to hand out.
 */
export function sealState(payload: SyncStatePayload, binding: StateBinding, keyRing: KeyRing): string {
  assertStateBinding(binding);
  const parsed = syncStatePayload.safeParse(payload);
  if (!parsed.success) throw new TypeError('sealState: the payload does not match syncStatePayload.', { cause: parsed.error });
  const owner = parsed.data.kind === 'folders' ? foldersCollection : mailCollection(parsed.data.folderId);
  if (owner !== binding.collection) throw new TypeError('sealState: the payload belongs to another collection than the binding.');

  const { id: keyId, key } = keyRing.current;
  const iv = randomBytes(ivLengthInBytes);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(key, keyPurposes.state), iv, { authTagLength: tagLengthInBytes });
  cipher.setAAD(stateAssociatedData(binding, stateTokenVersion, keyId));
  const plaintext = deflateRawSync(Buffer.from(JSON.stringify(parsed.data), 'utf8'), { level: 9 });
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const token = encodeStateToken({ version: stateTokenVersion, keyId, iv, ciphertext, tag: cipher.getAuthTag() });
  if (token.length > maxStateLength) {
    throw new RangeError(`sealState: the token would be ${token.length} characters, over the ${maxStateLength} a device sends back.`);
  }
  return token;
}
