import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { deriveKey, keyPurposes, type KeyPurpose } from '../../../shared/state/deriveKey';
import { encodeStateToken } from '../../../shared/state/stateToken';
import { stateAssociatedData } from '../../../shared/state/stateToken';
import { openState } from '../../../shared/state/stateToken';
import { sealState } from '../../../shared/state/stateToken';
import { alice, anyStateSchema, failureOf, invalid, keys, mailPayload, ringK1 } from './stateFixtures';

/** Seals like sealState, for the same binding and ring key, but under another purpose's key. */
function sealForPurpose(purpose: KeyPurpose): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(keys.k1, purpose), iv, { authTagLength: 16 });
  cipher.setAAD(stateAssociatedData(alice, 1, 'k1'));
  const ciphertext = Buffer.concat([cipher.update(deflateRawSync(Buffer.from(JSON.stringify(mailPayload)))), cipher.final()]);
  return encodeStateToken({ version: 1, keyId: 'k1', iv, ciphertext, tag: cipher.getAuthTag() });
}

describe('one key per purpose (HKDF labels)', () => {
  it('has one distinct, versioned label per purpose: state, cursor, upload', () => {
    const labels = Object.values(keyPurposes);
    expect(new Set(labels).size).toBe(labels.length);
    expect(Object.keys(keyPurposes).sort()).toEqual(['cursor', 'state', 'upload']);
    for (const label of labels) expect(label).toMatch(/^ferry\/[a-z]+\/v\d+$/);
    const derived = labels.map((label) => deriveKey(keys.k1, label).toString('hex'));
    expect(new Set(derived).size).toBe(labels.length);
  });

  it('opens a value sealed for its own purpose (the control)', () => {
    expect(openState(sealForPurpose(keyPurposes.state), alice, ringK1, anyStateSchema)).toEqual(mailPayload);
    expect(openState(sealState(mailPayload, alice, ringK1, anyStateSchema), alice, ringK1, anyStateSchema)).toEqual(mailPayload);
  });

  it.each([keyPurposes.cursor, keyPurposes.upload])('refuses a value sealed under %s as a state: 410', (purpose) => {
    expect(failureOf(() => openState(sealForPurpose(purpose), alice, ringK1, anyStateSchema))).toEqual(invalid('auth_failed'));
  });
});
