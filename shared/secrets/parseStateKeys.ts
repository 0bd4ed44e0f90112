import { createKeyRing, keyIdPattern, stateKeyLengthInBytes, type KeyRing, type StateKey } from '../state/keyRing';

const base64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/**
 * Parses a `FERRY_STATE_KEYS` value: comma-separated `keyId:base64key` entries, the first one current,
 * e.g. `k2:<32 bytes in base64>,k1:<32 bytes in base64>`. Spaces around entries are ignored; the key
 * may be standard base64 (padded or not) or base64url.
 *
 * Throws TypeError (shape) or RangeError (key length, duplicate id) naming the entry by position only:
 * the message never repeats any part of the value (not even a key id: a key pasted in the id slot
 * would be one).
 */
export function parseStateKeys(value: string, settingName = 'FERRY_STATE_KEYS'): KeyRing {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new TypeError(`${settingName} holds no key: expected keyId:base64key[,keyId:base64key...].`);
  const keys: StateKey[] = entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (colon < 0 || !keyIdPattern.test(id)) {
      throw new TypeError(`${settingName} entry ${index + 1} is not keyId:base64key with a key id of 1 to 64 characters A-Z a-z 0-9 _ -.`);
    }
    if (!base64.test(encoded)) throw new TypeError(`${settingName} entry ${index + 1}: the key is not base64.`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== stateKeyLengthInBytes) {
      throw new RangeError(`${settingName} entry ${index + 1}: the key must decode to ${stateKeyLengthInBytes} bytes, not ${key.length}.`);
    }
    return { id, key };
  });
  try {
    return createKeyRing(keys);
  } catch (error) {
    throw new RangeError(`${settingName}: ${(error as Error).message}`);
  }
}
