import type { TokenCredential } from '@azure/identity';
import type { Clock } from '../clock';
import type { FerryConfig } from '../config';
import type { Logger } from '../observability/logger';
import { createEnvSecretsProvider } from './createEnvSecretsProvider';
import { createKeyVaultSecretReader } from './createKeyVaultSecretReader';
import { createKeyVaultSecretsProvider } from './createKeyVaultSecretsProvider';
import type { SecretsProvider } from './secretsProvider';

export interface SecretsProviderSources {
  env: NodeJS.ProcessEnv;
  /** Used for Key Vault only; nothing is asked of it until the first read. */
  credential: TokenCredential;
  clock: Clock;
  logger: Logger;
}

/**
 * Key Vault when FERRY_KEY_VAULT_URL is set (Azure), otherwise process settings (local development).
 * Nothing is read from the vault here: the first request that needs a key does.
 */
export function createSecretsProvider(config: FerryConfig, sources: SecretsProviderSources): SecretsProvider {
  if (!config.FERRY_KEY_VAULT_URL) {
    return createEnvSecretsProvider(sources.env, { requireClientSecret: config.FERRY_OBO_MODE === 'secret' });
  }
  return createKeyVaultSecretsProvider({
    reader: createKeyVaultSecretReader({ vaultUrl: config.FERRY_KEY_VAULT_URL, credential: sources.credential }),
    stateKeyName: config.FERRY_STATE_KEY_NAME,
    // One budget for waiting on a dependency: a vault read (the SDK's retries and Retry-After waits
    // included) is cut off like a throttled Graph call, but never below 1 s: 0 would fail every read.
    waitBudgetInMs: Math.max(1000, config.FERRY_GRAPH_WAIT_BUDGET_MS),
    clock: sources.clock,
    logger: sources.logger,
  });
}
