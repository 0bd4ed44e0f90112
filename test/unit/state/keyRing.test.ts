import { createKeyRing } from '../../../shared/state/keyRing';
import { deriveKey, keyPurposes } from '../../../shared/state/deriveKey';
import { keys } from './stateFixtures';

describe('createKeyRing', () => {
  it('seals with the first key and opens with any', () => {
    const ring = createKeyRing([
      { id: 'k2', key: keys.k2 },
      { id: 'k1', key: keys.k1 },
    ]);
    expect(ring.current.id).toBe('k2');
    expect(ring.current.key.equals(keys.k2)).toBe(true);
    expect(ring.byId('k1')?.equals(keys.k1)).toBe(true);
    expect(ring.byId('k3')).toBeUndefined();
    expect(ring.byId('__proto__')).toBeUndefined();
  });

  it('copies the keys it is given', () => {
    const key = Buffer.from(keys.k1);
    const ring = createKeyRing([{ id: 'k1', key }]);
    key.fill(0);
    expect(ring.current.key.equals(keys.k1)).toBe(true);
  });

  it('accepts Key Vault secret versions as key ids', () => {
    expect(createKeyRing([{ id: '0123456789abcdef0123456789abcdef', key: keys.k1 }]).current.id).toHaveLength(32);
  });

  it.each([
    ['no key', []],
    ['a 16-byte key', [{ id: 'k1', key: Buffer.alloc(16) }]],
    ['a 33-byte key', [{ id: 'k1', key: Buffer.alloc(33) }]],
    ['an empty id', [{ id: '', key: keys.k1 }]],
    ['an id with a colon', [{ id: 'k:1', key: keys.k1 }]],
    ['a 65-character id', [{ id: 'k'.repeat(65), key: keys.k1 }]],
    ['a duplicate id', [{ id: 'k1', key: keys.k1 }, { id: 'k1', key: keys.k2 }]],
  ])('refuses %s with a RangeError', (_case, ringKeys) => {
    expect(() => createKeyRing(ringKeys)).toThrow(RangeError);
  });
});

describe('deriveKey', () => {
  it('derives a 32-byte key per purpose that is not the ring key, the same every time', () => {
    const derived = deriveKey(keys.k1, keyPurposes.state);
    expect(derived).toHaveLength(32);
    expect(derived.equals(keys.k1)).toBe(false);
    expect(deriveKey(keys.k1, keyPurposes.state).equals(derived)).toBe(true);
    expect(deriveKey(keys.k2, keyPurposes.state).equals(derived)).toBe(false);
  });

  it('gives another purpose another key', () => {
    expect(deriveKey(keys.k1, 'ferry/cursor/v1' as never).equals(deriveKey(keys.k1, keyPurposes.state))).toBe(false);
  });
});
