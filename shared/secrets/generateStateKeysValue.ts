import { randomBytes } from 'node:crypto';
import { keyIdPattern, stateKeyLengthInBytes } from '../state/keyRing';

/**
 * A fresh `FERRY_STATE_KEYS` value holding one new random key, e.g. for the local stack's first start.
 * The default key id is `k` + 8 random hex digits, so two generated rings never share an id.
 * To rotate, put the new entry first and keep the old ones after it until their tokens have aged out.
 */
export function generateStateKeysValue(keyId = `k${randomBytes(4).toString('hex')}`): string {
  if (!keyIdPattern.test(keyId)) throw new RangeError('The key id must be 1 to 64 characters of A-Z a-z 0-9 _ -.');
  return `${keyId}:${randomBytes(stateKeyLengthInBytes).toString('base64')}`;
}
