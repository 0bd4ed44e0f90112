import { randomBytes } from 'node:crypto';
import { createKeyRing } from '../../../shared/state/keyRing';
import { sealState } from '../../../shared/state/stateToken';
import { peekStateKeyId } from '../../../shared/state/stateToken';
import { foldersSyncCommand } from '../../../shared/commands/foldersSync';

const binding = { tid: 'c0a7f2d4-5b1e-4c3a-9d8e-000000c07050', oid: 'a11ce000-0000-4000-8000-0000000a11ce', collection: 'folders' as const };
const payload = { v: 1 as const, kind: 'folders' as const, inRound: false, roundStartedAt: 1_900_000_000, wellKnown: {} };

/** What a key ring that loads keys on demand is asked for before openState runs. */
describe('peekStateKeyId', () => {
  it('names the key a token was sealed with: a Key Vault version or an env key id', () => {
    for (const id of [randomBytes(16).toString('hex'), 'k1']) {
      const token = sealState(payload, binding, createKeyRing([{ id, key: randomBytes(32) }]), foldersSyncCommand.stateSchema);
      expect(peekStateKeyId(token)).toBe(id);
    }
  });

  it('names nothing for what openState would refuse before looking for a key', () => {
    const token = sealState(payload, binding, createKeyRing([{ id: 'k1', key: randomBytes(32) }]), foldersSyncCommand.stateSchema);
    const bytes = Buffer.from(token, 'base64url');
    const otherVersion = Buffer.concat([Buffer.from([2]), bytes.subarray(1)]).toString('base64url');
    for (const bad of [undefined, 42, '', 'not base64url!', token.slice(0, 20), `${token}=`, 'A'.repeat(4097), otherVersion]) {
      expect(peekStateKeyId(bad)).toBeUndefined();
    }
  });
});
