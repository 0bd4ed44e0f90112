import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../observability/logger';
import { isFerryError } from '../protocol/ferryError';
import { createRefreshingValue } from './createRefreshingValue';
import { createStateKeyStore, type StateKeyStoreOptions } from './createStateKeyStore';
import { keyStoreUnavailable } from './keyStoreUnavailable';
import { SecretReadError, type SecretReader } from './secretReader';
import type { SecretsProvider } from './secretsProvider';

/** Names of the on-behalf-of credentials in the vault (a Key Vault certificate is readable as a secret of its name). */
export const keyVaultSecretNames = { clientSecret: 'ferry-client-secret', clientCertificate: 'ferry-obo-certificate' } as const;

export interface KeyVaultSecretsProviderOptions extends Pick<StateKeyStoreOptions, 'refreshIntervalInMs' | 'retryAfterFailureInMs' | 'waitBudgetInMs' | 'maxOlderKeys' | 'maxRefusedIds' | 'maxLookupsPerMinute'> {
  reader: SecretReader;
  /** The secret whose versions are the state keys (FERRY_STATE_KEY_NAME). */
  stateKeyName: string;
  clock?: Clock;
  logger?: Logger;
}

/**
 * Secrets from Key Vault: the state key ring from the versions of `stateKeyName` (see
 * createStateKeyStore), and the on-behalf-of client secret or certificate, each read on first use and
 * again every refresh interval (a rotated secret or renewed certificate is picked up within it; a
 * failed refresh keeps the copy in hand). Nothing is read at start-up.
 */
export function createKeyVaultSecretsProvider(options: KeyVaultSecretsProviderOptions): SecretsProvider {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const waitBudgetInMs = options.waitBudgetInMs ?? 5000;
  const refreshIntervalInMs = options.refreshIntervalInMs ?? 10 * 60_000;
  const retryAfterFailureInMs = options.retryAfterFailureInMs ?? 60_000;

  const stateKeys = createStateKeyStore({
    ...options,
    clock,
    logger,
    read: (version, abortSignal) => options.reader.read(options.stateKeyName, version, { abortSignal }),
  });

  const latest = (name: string, outContentType?: 'application/x-pem-file') =>
    createRefreshingValue<string>({
      clock,
      refreshIntervalInMs,
      retryAfterFailureInMs,
      load: async () => {
        try {
          const secret = await options.reader.read(name, undefined, { abortSignal: AbortSignal.timeout(waitBudgetInMs), outContentType });
          return secret.value;
        } catch (error) {
          const read = error instanceof SecretReadError ? error : new SecretReadError('unexpected');
          throw isFerryError(error) ? error : keyStoreUnavailable(`secrets_${read.reason}`, read.retryAfterInMs);
        }
      },
      onRefreshFailed: (error) => logger.warn('obo_credential_refresh_failed', { reason: isFerryError(error) ? error.logReason : 'unexpected' }),
    });
  const clientSecret = latest(keyVaultSecretNames.clientSecret);
  // Key Vault converts a PKCS#12 certificate to PEM when asked (`outContentType`, "only PFX to PEM
  // conversion is supported"). UNVERIFIED: that asking PEM of a certificate already stored as PEM is
  // answered unchanged rather than refused; the stand-in ignores the parameter.
  const clientCertificate = latest(keyVaultSecretNames.clientCertificate, 'application/x-pem-file');

  return {
    getStateKeyRing: (keyId, timing) => stateKeys.getKeyRing(keyId, timing),
    getClientSecret: () => clientSecret.get(),
    getClientCertificatePem: () => clientCertificate.get(),
  };
}
