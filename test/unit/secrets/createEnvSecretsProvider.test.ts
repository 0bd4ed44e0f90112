import { createEnvSecretsProvider } from '../../../shared/secrets/createEnvSecretsProvider';
import { generateStateKeysValue } from '../../../shared/secrets/generateStateKeysValue';
import { parseStateKeys } from '../../../shared/secrets/parseStateKeys';

const key1 = Buffer.alloc(32, 0x11).toString('base64');
const key2 = Buffer.alloc(32, 0x22).toString('base64');

describe('createEnvSecretsProvider', () => {
  it('reads the state keys, current first, and the client secret', async () => {
    const secrets = createEnvSecretsProvider({ FERRY_STATE_KEYS: `k2:${key2}, k1:${key1}`, FERRY_CLIENT_SECRET: 's3cret' });
    const ring = await secrets.getStateKeyRing();
    expect(ring.current.id).toBe('k2');
    expect(ring.current.key.equals(Buffer.alloc(32, 0x22))).toBe(true);
    expect(ring.byId('k1')?.equals(Buffer.alloc(32, 0x11))).toBe(true);
    await expect(secrets.getClientSecret()).resolves.toBe('s3cret');
  });

  it.each([
    ['FERRY_STATE_KEYS missing', { FERRY_CLIENT_SECRET: 's' }, /FERRY_STATE_KEYS is not set/],
    ['FERRY_STATE_KEYS empty', { FERRY_STATE_KEYS: '', FERRY_CLIENT_SECRET: 's' }, /FERRY_STATE_KEYS is not set/],
    ['FERRY_CLIENT_SECRET missing', { FERRY_STATE_KEYS: `k1:${key1}` }, /FERRY_CLIENT_SECRET is not set/],
    ['FERRY_CLIENT_SECRET empty', { FERRY_STATE_KEYS: `k1:${key1}`, FERRY_CLIENT_SECRET: '' }, /FERRY_CLIENT_SECRET is not set/],
  ])('fails at start-up with a TypeError when %s', (_case, env, message) => {
    expect(() => createEnvSecretsProvider(env)).toThrow(TypeError);
    expect(() => createEnvSecretsProvider(env)).toThrow(message);
  });
});

describe('parseStateKeys', () => {
  it('accepts standard base64 with or without padding and base64url', () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i * 3));
    for (const encoded of [bytes.toString('base64'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')]) {
      expect(parseStateKeys(`k1:${encoded}`).current.key.equals(bytes)).toBe(true);
    }
  });

  it('ignores blanks around entries and empty entries', () => {
    expect(parseStateKeys(` k1:${key1} ,, `).current.id).toBe('k1');
  });

  it.each([
    ['only commas', ',,', TypeError],
    ['no colon', key1, TypeError],
    ['no key id', `:${key1}`, TypeError],
    ['a key id with a space', `k 1:${key1}`, TypeError],
    ['a 65-character key id', `${'k'.repeat(65)}:${key1}`, TypeError],
    ['no key', 'k1:', TypeError],
    ['a key that is not base64', 'k1:not*base64*at*all', TypeError],
    ['a 16-byte key', `k1:${Buffer.alloc(16, 1).toString('base64')}`, RangeError],
    ['a 64-byte key', `k1:${Buffer.alloc(64, 1).toString('base64')}`, RangeError],
    ['a duplicate key id', `k1:${key1},k1:${key2}`, RangeError],
  ])('refuses %s', (_case, value, errorType) => {
    expect(() => parseStateKeys(value)).toThrow(errorType);
  });

  it('never repeats the value in its message, not even a key pasted where the id goes', () => {
    const pasted = Buffer.alloc(32, 0x33).toString('base64url');
    const values = [`${pasted}:${key1.slice(0, 20)}`, `${key1}:${pasted}`, `k1:${key1},k2:${key1.slice(0, 20)}`, pasted, `k1:${key1},k1:${key1}`];
    for (const value of values) {
      let message = '';
      try {
        parseStateKeys(value);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^FERRY_STATE_KEYS/);
      expect(message).not.toContain(pasted.slice(0, 12));
      expect(message).not.toContain(key1.slice(0, 12));
    }
  });
});

describe('generateStateKeysValue', () => {
  it('makes a value parseStateKeys accepts, with a fresh 32-byte key and id each time', () => {
    const first = generateStateKeysValue();
    const second = generateStateKeysValue();
    expect(first).toMatch(/^k[0-9a-f]{8}:[A-Za-z0-9+/]{43}=$/);
    const [ringA, ringB] = [parseStateKeys(first), parseStateKeys(second)];
    expect(ringA.current.key).toHaveLength(32);
    expect(ringA.current.id).not.toBe(ringB.current.id);
    expect(ringA.current.key.equals(ringB.current.key)).toBe(false);
  });

  it('takes a key id, checked', () => {
    expect(parseStateKeys(generateStateKeysValue('local')).current.id).toBe('local');
    expect(() => generateStateKeysValue('no:colons')).toThrow(RangeError);
  });
});
