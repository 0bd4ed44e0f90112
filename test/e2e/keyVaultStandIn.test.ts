import { ManagedIdentityCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { devManagedIdentity } from '../../dev/managedIdentity/devManagedIdentity';
import { createManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../../dev/managedIdentity/createManagedIdentityEndpoint';
import { createDevVault, devVaultResource, type DevVault } from '../../dev/vault/createDevVault';
import '../../dev/vault/resolveLocalhost';

let vault: DevVault;
let identity: ManagedIdentityEndpoint;
let client: SecretClient;
beforeAll(async () => {
  vault = await createDevVault();
  identity = await createManagedIdentityEndpoint({ idpUrl: 'https://login.dev' });
  Object.assign(process.env, identity.env);
  // The deployer's role, so the same identity may also write in this test.
  vault.roles.set(devManagedIdentity.principalId, new Set(['Key Vault Secrets Officer']));
  client = new SecretClient(vault.url, new ManagedIdentityCredential({ clientId: devManagedIdentity.clientId }));
});
afterAll(async () => {
  await vault.close();
  await identity.close();
});

describe('the Key Vault stand-in, through the real SDK', () => {
  it('challenges an unauthenticated request the way Key Vault does', async () => {
    const response = await fetch(`${vault.url}/secrets/anything?api-version=7.6`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(`Bearer authorization="https://login.microsoftonline.com/${devManagedIdentity.tid}", resource="${devVaultResource}"`);
  });

  it('serves set, get (latest and by version), list versions and update, with managed identity tokens', async () => {
    const first = await client.setSecret('stand-in-test', 'one', { contentType: 'text/plain' });
    const second = await client.setSecret('stand-in-test', 'two');
    expect(first.properties.version).toMatch(/^[0-9a-f]{32}$/);
    expect((await client.getSecret('stand-in-test')).value).toBe('two');
    expect((await client.getSecret('stand-in-test', { version: first.properties.version })).value).toBe('one');
    const listed: string[] = [];
    for await (const properties of client.listPropertiesOfSecretVersions('stand-in-test')) listed.push(properties.version!);
    expect(listed.sort()).toEqual([first.properties.version, second.properties.version].sort());
    const updated = await client.updateSecretProperties('stand-in-test', first.properties.version!, { enabled: false });
    expect(updated.enabled).toBe(false);
    await expect(client.getSecret('stand-in-test', { version: first.properties.version })).rejects.toMatchObject({
      statusCode: 403,
      details: { error: { code: 'Forbidden', innerError: { code: 'SecretDisabled' } } },
    });
    await expect(client.getSecret('stand-in-test', { version: 'f'.repeat(32) })).rejects.toMatchObject({ statusCode: 404, code: 'SecretNotFound' });
    expect(identity.counters.tokens[devVaultResource]).toBeGreaterThan(0);
  });

  it('accepts any api-version', async () => {
    const old = new SecretClient(vault.url, new ManagedIdentityCredential({ clientId: devManagedIdentity.clientId }), { serviceVersion: '7.4' });
    await expect(old.getSecret('stand-in-test')).resolves.toMatchObject({ value: 'two' });
    expect(vault.counters.apiVersions).toContain('7.4');
    expect(vault.counters.apiVersions.size).toBeGreaterThan(1);
  });

  it('refuses a principal without a role (403 ForbiddenByRbac)', async () => {
    vault.roles.delete(devManagedIdentity.principalId);
    try {
      await expect(client.getSecret('stand-in-test')).rejects.toMatchObject({ statusCode: 403, details: { error: { innerError: { code: 'ForbiddenByRbac' } } } });
    } finally {
      vault.roles.set(devManagedIdentity.principalId, new Set(['Key Vault Secrets Officer']));
    }
  });
});
