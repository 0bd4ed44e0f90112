import type { TokenCredential } from '@azure/identity';
import type { SecretClient, SecretClientOptions } from '@azure/keyvault-secrets';
import { classifyKeyVaultError, parseRetryAfter } from './classifyKeyVaultError';
import { SecretReadError, type SecretReader } from './secretReader';

type PipelinePolicy = NonNullable<SecretClientOptions['additionalPolicies']>[number]['policy'];

export interface KeyVaultSecretReaderOptions {
  /** `https://<name>.vault.azure.net` (FERRY_KEY_VAULT_URL). */
  vaultUrl: string;
  credential: TokenCredential;
  /** The SDK's own retries within a read's abort signal; default 3 (its default). */
  maxRetries?: number;
}

/**
 * Reads secrets with the Key Vault SDK (`SecretClient`). The SDK is loaded on the first read, not at
 * import, so a cold start without Key Vault traffic (health) loads none of it.
 *
 * The SDK retries 429 and 503 after their `Retry-After` and other 5xx and connection failures with
 * backoff; the read's abort signal bounds the whole of it. A per-retry policy notes the last
 * `Retry-After` seen for each read, so a wait cut short by the signal still tells the device how long
 * the vault asked for.
 */
export function createKeyVaultSecretReader(options: KeyVaultSecretReaderOptions): SecretReader {
  const retryAfterSeen = new WeakMap<object, number>();
  const noteRetryAfter: PipelinePolicy = {
    name: 'ferryNoteRetryAfter',
    async sendRequest(request, next) {
      const response = await next(request);
      const retryAfterInMs = parseRetryAfter(response.headers.get('retry-after'));
      if (request.abortSignal && retryAfterInMs !== undefined) retryAfterSeen.set(request.abortSignal, retryAfterInMs);
      return response;
    },
  };
  let client: Promise<SecretClient> | undefined;
  const clientOf = (): Promise<SecretClient> =>
    (client ??= import('@azure/keyvault-secrets').then(
      ({ SecretClient: Client }) =>
        new Client(options.vaultUrl, options.credential, {
          retryOptions: { maxRetries: options.maxRetries ?? 3 },
          additionalPolicies: [{ policy: noteRetryAfter, position: 'perRetry' }],
        }),
    ));

  return {
    async read(name, version, { abortSignal, outContentType }) {
      try {
        const secret = await (await clientOf()).getSecret(name, { version, abortSignal, ...(outContentType ? { outContentType } : {}) });
        if (typeof secret.value !== 'string' || !secret.properties.version) throw new SecretReadError('unexpected');
        return { version: secret.properties.version, value: secret.value, contentType: secret.properties.contentType };
      } catch (error) {
        throw classifyKeyVaultError(error, retryAfterSeen.get(abortSignal));
      }
    },
  };
}
