import type { GetTokenOptions, TokenCredential } from '@azure/identity';

export interface AzureCredentialOptions {
  /**
   * `managedIdentity`: `ManagedIdentityCredential({clientId})` (Azure). `developer`: Azure Developer CLI,
   * then Azure CLI, for a workstation talking to a real vault. Never `DefaultAzureCredential`: its chain
   * would pick up whatever a machine happens to have (environment secrets, a developer's login) in Azure.
   */
  kind: 'managedIdentity' | 'developer';
  /** Client id of the user-assigned identity (AZURE_CLIENT_ID); undefined: the system-assigned one. */
  clientId?: string;
}

/**
 * The credential Ferry uses for Key Vault and for federated on-behalf-of assertions. `@azure/identity`
 * is loaded, and the credential built, on the first token request: nothing at import, and no network
 * until a token is needed. A failed construction is not cached.
 */
export function createAzureCredential(options: AzureCredentialOptions): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  const load = (): Promise<TokenCredential> =>
    (credential ??= import('@azure/identity')
      .then((identity) =>
        options.kind === 'developer'
          ? new identity.ChainedTokenCredential(new identity.AzureDeveloperCliCredential(), new identity.AzureCliCredential())
          : new identity.ManagedIdentityCredential({ clientId: options.clientId }),
      )
      .catch((error: unknown) => {
        credential = undefined;
        throw error;
      }));
  return {
    getToken: async (scopes: string | string[], getTokenOptions?: GetTokenOptions) => (await load()).getToken(scopes, getTokenOptions),
  };
}
