import type { TokenCredential } from '@azure/identity';
import { FerryError } from '../protocol/ferryError';
import type { SecretsProvider } from '../secrets/secretsProvider';
import type { OboClientCredential } from './oboClientCredential';
import { parsePemCertificate } from './parsePemCertificate';

/** The audience Entra expects of a federated credential's assertion (learn.microsoft.com, "workload identity federation"). */
export const tokenExchangeScope = 'api://AzureADTokenExchange/.default';

const assertionRetryAfterInMs = 5000;

export interface OboClientCredentialSources {
  secrets: SecretsProvider;
  /** The managed identity (federated mode). */
  credential: TokenCredential;
}

/**
 * Ferry's on-behalf-of client credential for FERRY_OBO_MODE, asked for when a tenant's MSAL client is
 * built (and again after Entra refused it):
 * - `federated`: the managed identity's token for `api://AzureADTokenExchange` as client assertion,
 *   fetched per exchange (the identity caches it); no secret exists anywhere. A token that cannot be
 *   had is 503 for the device: the identity endpoint is the platform's and comes back.
 * - `certificate`: the vault's certificate, signed into an assertion by MSAL in memory.
 * - `secret`: the client secret.
 * Throws TypeError at start-up for a mode the secrets provider cannot serve (certificate without vault).
 */
export function createOboClientCredential(mode: 'federated' | 'certificate' | 'secret', sources: OboClientCredentialSources): () => Promise<OboClientCredential> {
  if (mode === 'federated') {
    const getAssertion = async (): Promise<string> => {
      const token = await sources.credential.getToken(tokenExchangeScope).catch(() => null);
      if (!token?.token) {
        throw new FerryError('upstream_unavailable', {
          detail: 'The identity provider is unavailable.',
          retryAfterInMs: assertionRetryAfterInMs,
          logReason: 'obo_assertion_unavailable',
        });
      }
      return token.token;
    };
    return async () => ({ kind: 'assertion', getAssertion });
  }
  if (mode === 'certificate') {
    const getPem = sources.secrets.getClientCertificatePem?.bind(sources.secrets);
    if (!getPem) throw new TypeError('FERRY_OBO_MODE=certificate needs FERRY_KEY_VAULT_URL: the certificate comes from Key Vault.');
    return async () => {
      const pem = await getPem();
      try {
        return { kind: 'certificate', ...parsePemCertificate(pem) };
      } catch {
        throw new FerryError('internal_error', { logReason: 'obo_certificate_invalid' });
      }
    };
  }
  return async () => ({ kind: 'secret', clientSecret: await sources.secrets.getClientSecret() });
}
