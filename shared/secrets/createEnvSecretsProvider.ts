import type { SecretsProvider } from './secretsProvider';
import { parseStateKeys } from './parseStateKeys';

/**
 * Secrets from process settings (app settings in Azure, `local.settings.json` or `npm start` locally):
 * - `FERRY_STATE_KEYS`: `keyId:base64key[,keyId:base64key...]`, 32-byte keys, the first one current
 *   (see parseStateKeys; `generateStateKeysValue()` makes one);
 * - `FERRY_CLIENT_SECRET`: Ferry's client secret.
 *
 * Both are read and checked here, at start-up: a missing or malformed setting throws TypeError or
 * RangeError now, naming the setting, instead of turning the first device request into a 500.
 */
export function createEnvSecretsProvider(env: NodeJS.ProcessEnv = process.env): SecretsProvider {
  const stateKeys = env.FERRY_STATE_KEYS;
  if (!stateKeys) {
    throw new TypeError('FERRY_STATE_KEYS is not set: give keyId:base64key (32-byte keys, comma-separated, current first).');
  }
  const keyRing = parseStateKeys(stateKeys);
  const clientSecret = env.FERRY_CLIENT_SECRET;
  if (!clientSecret) throw new TypeError('FERRY_CLIENT_SECRET is not set.');
  return {
    getStateKeyRing: async () => keyRing,
    getClientSecret: async () => clientSecret,
  };
}
