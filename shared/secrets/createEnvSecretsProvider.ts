import type { SecretsProvider } from './secretsProvider';
import { parseStateKeys } from './parseStateKeys';

export interface EnvSecretsProviderOptions {
  /**
   * Whether `FERRY_CLIENT_SECRET` must be set; default true. False when the on-behalf-of exchange does
   * not use a secret (`FERRY_OBO_MODE=federated`): then asking for one is a TypeError.
   */
  requireClientSecret?: boolean;
}

/**
 * Secrets from process settings (`local.settings.json` or `npm start` locally; never used in Azure,
 * where they come from Key Vault):
 * - `FERRY_STATE_KEYS`: `keyId:base64key[,keyId:base64key...]`, 32-byte keys, the first one current
 *   (see parseStateKeys; `generateStateKeysValue()` makes one);
 * - `FERRY_CLIENT_SECRET`: Ferry's client secret.
 *
 * Both are read and checked here, at start-up: a missing or malformed setting throws TypeError or
 * RangeError now, naming the setting, instead of turning the first device request into a 500.
 */
export function createEnvSecretsProvider(env: NodeJS.ProcessEnv = process.env, options: EnvSecretsProviderOptions = {}): SecretsProvider {
  const stateKeys = env.FERRY_STATE_KEYS;
  if (!stateKeys) {
    throw new TypeError('FERRY_STATE_KEYS is not set: give keyId:base64key (32-byte keys, comma-separated, current first).');
  }
  const keyRing = parseStateKeys(stateKeys);
  const clientSecret = env.FERRY_CLIENT_SECRET;
  const requireClientSecret = options.requireClientSecret ?? true;
  if (!clientSecret && requireClientSecret) throw new TypeError('FERRY_CLIENT_SECRET is not set.');
  return {
    getStateKeyRing: async () => keyRing,
    getClientSecret: async () => {
      if (!clientSecret) throw new TypeError('FERRY_CLIENT_SECRET is not set.');
      return clientSecret;
    },
  };
}
