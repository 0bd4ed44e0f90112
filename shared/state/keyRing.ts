/**
 * The state key ring: the keys that may open sealed state, and the one that seals new state.
 *
 * Ring keys are never used directly: each purpose (sync state now; cursors and uploads later) derives
 * its own key with `deriveKey`, so one ring serves every purpose without a key doing two jobs.
 * Key ids travel in clear inside every token, so they must say nothing secret; the env provider uses
 * short names (`k1`), Key Vault uses 32-hex secret versions. Both fit `keyIdPattern`.
 *
 * `byId` is synchronous so openState stays pure; a provider that loads keys on demand (Key Vault) is
 * asked for the token's key before openState (`SecretsProvider.getStateKeyRing(keyId)`).
 */
export interface StateKey {
  /** Key id, `keyIdPattern`. Written in clear into every token sealed with this key. */
  id: string;
  /** 32 random bytes. */
  key: Buffer;
}

export interface KeyRing {
  /** The key new tokens are sealed with (the first configured key). */
  current: StateKey;
  /** Any key of the ring by id (the current one included): old tokens open until their key is removed or disabled. */
  byId(id: string): Buffer | undefined;
}

export const keyIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const stateKeyLengthInBytes = 32;

/**
 * Builds a ring from keys in order of preference: the first one seals, all of them open.
 * Throws RangeError for an empty list, a key id outside `keyIdPattern`, a duplicate id or a key that
 * is not 32 bytes: a configuration mistake to stop start-up for, never a device error.
 * The buffers are copied, so later changes to the caller's buffers do not reach the ring. Messages name
 * keys by position, never by id or value.
 */
export function createKeyRing(keys: readonly StateKey[]): KeyRing {
  if (keys.length === 0) throw new RangeError('The state key ring needs at least one key.');
  const byId = new Map<string, Buffer>();
  keys.forEach(({ id, key }, index) => {
    if (typeof id !== 'string' || !keyIdPattern.test(id)) {
      throw new RangeError(`State key ${index + 1}: the key id must be 1 to 64 characters of A-Z a-z 0-9 _ -.`);
    }
    if (!Buffer.isBuffer(key) || key.length !== stateKeyLengthInBytes) {
      throw new RangeError(`State key ${index + 1}: the key must be exactly ${stateKeyLengthInBytes} bytes.`);
    }
    if (byId.has(id)) throw new RangeError(`State key ${index + 1}: its key id is already used by an earlier key.`);
    byId.set(id, Buffer.from(key));
  });
  const first = keys[0]!;
  return {
    current: { id: first.id, key: byId.get(first.id)! },
    byId: (id) => byId.get(id),
  };
}
