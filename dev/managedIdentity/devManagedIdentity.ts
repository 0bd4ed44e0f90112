import { devTenants } from '../directory';

/** The audience Entra requires of an assertion presented through a federated identity credential. */
export const tokenExchangeAudience = 'api://AzureADTokenExchange';

const homeTenant = devTenants[0]!;

/**
 * Ferry's user-assigned managed identity in the dev world: `clientId` goes in AZURE_CLIENT_ID, tokens
 * carry `principalId` as `oid` and `sub`. It lives in Ferry's home tenant (contoso).
 */
export const devManagedIdentity = {
  clientId: 'a1d00000-0000-4000-8000-0000000a1d00',
  principalId: '5e11ce00-0000-4000-8000-000000005e11',
  tid: homeTenant.tid,
} as const;

/**
 * Federated identity credentials on Ferry's dev app registration, as `az ad app federated-credential
 * create` would set them: an assertion is accepted when its `iss` is the issuer of `issuerTenantId`,
 * its `sub` the subject and its `aud` the audience.
 */
export const devFederatedCredentials = [
  { name: 'ferry-uami', issuerTenantId: homeTenant.tid, subject: devManagedIdentity.principalId, audience: tokenExchangeAudience },
] as const;

/** The person running `azd up` in the dev world (the deployer: Key Vault Secrets Officer). */
export const devDeployer = { principalId: 'd3910e00-0000-4000-8000-00000000d391', tid: homeTenant.tid } as const;
