import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { errorCodes } from '../../../shared/protocol/errorCodes';
import { FerryError } from '../../../shared/protocol/ferryError';
import { createKeyRing, type KeyRing } from '../../../shared/state/keyRing';
import type { StateBinding } from '../../../shared/state/stateToken';
import type { StateFailureReason } from '../../../shared/state/stateInvalid';
import { z } from 'zod';
import { foldersSyncCommand } from '../../../shared/commands/foldersSync';
import { mailSyncCommand } from '../../../shared/commands/mailSync';

export type MailSyncState = z.infer<typeof mailSyncCommand.stateSchema>;
export type FoldersSyncState = z.infer<typeof foldersSyncCommand.stateSchema>;
export type SyncStatePayload = MailSyncState | FoldersSyncState;
/** Either collection's state schema, as the two sync definitions seal them. */
export const anyStateSchema: z.ZodType<SyncStatePayload> = z.union([mailSyncCommand.stateSchema, foldersSyncCommand.stateSchema]);

/** Fixed keys so failures reproduce; `k1Other` has k1's id and other bytes. */
export const keys = {
  k1: Buffer.alloc(32, 0x11),
  k1Other: Buffer.alloc(32, 0x99),
  k2: Buffer.alloc(32, 0x22),
};
export const ringK1: KeyRing = createKeyRing([{ id: 'k1', key: keys.k1 }]);

export const alice: StateBinding = { tid: '72f988bf-86f1-41af-91ab-2d7cd011db47', oid: '00000000-0000-0000-0000-0000000a11ce', collection: 'mail:AAMkInbox' };

export const mailPayload: MailSyncState = {
  v: 1,
  kind: 'mail',
  folderId: 'AAMkInbox',
  link: "/v1.0/me/mailFolders('AAMkInbox')/messages/delta?$deltatoken=GwcBoTmPuoGNlgXgF1nyUNMXY",
  inRound: false,
  since: '2024-05-01T00:00:00Z',
  body: { type: 'html', maxChars: 2000 },
  roundStartedAt: 1_714_521_600,
};

export const foldersPayload: FoldersSyncState = {
  v: 1,
  kind: 'folders',
  link: '/v1.0/me/mailFolders/delta?$skiptoken=GwcBoTmPKILK4jLH7mAd1lLU',
  inRound: true,
  roundStartedAt: 1_714_521_600,
  wellKnown: { inbox: 'AAMkInbox', sent: 'AAMkSent', root: 'AAMkRoot' },
};

export interface ObservedFailure {
  code: string;
  status: number;
  logReason: string | undefined;
}

/**
 * Runs `open` and returns what the failure looks like. Also checks that every state failure looks the
 * same from outside: the generic title, no detail, no headers, no cause to leak into a log.
 */
export function failureOf(open: () => unknown): ObservedFailure {
  try {
    open();
  } catch (error) {
    if (!(error instanceof FerryError)) throw error;
    expect(error.message).toBe(errorCodes.sync_state_invalid.title);
    expect(error.detail).toBeUndefined();
    expect(error.headers).toEqual({});
    expect(error.cause).toBeUndefined();
    return { code: error.code, status: error.status, logReason: error.logReason };
  }
  throw new Error('expected the state not to open');
}

export function invalid(logReason: StateFailureReason): ObservedFailure {
  return { code: 'sync_state_invalid', status: 410, logReason };
}

/**
 * Seals arbitrary plaintext following the documented format, written from the spec with node:crypto
 * alone (not with the production helpers), so the format itself is pinned by a test:
 * base64url(version | len | keyId | IV | AES-256-GCM(HKDF-SHA256(ringKey, info 'ferry/state/v1')) | tag),
 * associated data = JSON ['ferry/state', version, keyId, tid, oid, collection].
 */
export function sealBySpec(plaintext: Buffer, binding: StateBinding, keyId: string, ringKey: Buffer, version = 1): string {
  const key = Buffer.from(hkdfSync('sha256', ringKey, Buffer.alloc(0), 'ferry/state/v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(JSON.stringify(['ferry/state', version, keyId, binding.tid, binding.oid, binding.collection])));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const id = Buffer.from(keyId, 'latin1');
  return Buffer.concat([Buffer.from([version, id.length]), id, iv, ciphertext, cipher.getAuthTag()]).toString('base64url');
}

export function deflateJson(value: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(value)));
}
