import { hkdfSync } from 'node:crypto';

/**
 * HKDF `info` labels, one per use of the ring. A new use gets a new label, never an existing one, so
 * a token of one kind can never be opened as another even when both are sealed from the same ring key.
 */
export const keyPurposes = {
  /** Sync state (sealState/openState). */
  state: 'ferry/state/v1',
  /** Search cursors (mail/search). */
  cursor: 'ferry/cursor/v1',
  /** Upload sessions (reserved for the upload commands). */
  upload: 'ferry/upload/v1',
} as const;
export type KeyPurpose = (typeof keyPurposes)[keyof typeof keyPurposes];

/**
 * Derives the 32-byte AES-256 key for one purpose from a ring key with HKDF-SHA256 (RFC 5869).
 * No salt: ring keys are already uniformly random (RFC 5869 section 3.1 makes the salt optional then).
 */
export function deriveKey(ringKey: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', ringKey, Buffer.alloc(0), purpose, 32));
}
