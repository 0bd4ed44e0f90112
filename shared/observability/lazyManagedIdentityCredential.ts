/** The token credential shape `@azure/core-auth` defines, structurally (Ferry does not depend on core-auth). */
export interface LazyTokenCredential {
  getToken(scopes: string | string[], options?: object): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

type IdentityModule = { ManagedIdentityCredential: new (options: { clientId?: string }) => LazyTokenCredential };

/**
 * A user-assigned managed identity credential that loads `@azure/identity` and builds the
 * ManagedIdentityCredential on the first `getToken`, not before: importing Ferry loads no identity
 * code and makes no network call (the exporter asks for a token only when it first sends).
 * Without a client id the system-assigned identity would be used, which Ferry's deployment does not
 * have, so the client id is required.
 * @param load default: `require('@azure/identity')` (bundled, evaluated on first call)
 */
export function lazyManagedIdentityCredential(clientId: string, load: () => IdentityModule = loadIdentity): LazyTokenCredential {
  if (!clientId) throw new TypeError('A user-assigned identity client id is required.');
  let credential: LazyTokenCredential | undefined;
  return {
    getToken(scopes, options) {
      credential ??= new (load().ManagedIdentityCredential)({ clientId });
      return credential.getToken(scopes, options);
    },
  };
}

function loadIdentity(): IdentityModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use on purpose
  return require('@azure/identity') as IdentityModule;
}
