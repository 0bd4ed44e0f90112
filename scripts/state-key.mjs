#!/usr/bin/env node
// Ferry's state key ring in Key Vault: the versions of one secret, 32 random bytes each (base64).
// Ferry seals sync state with the newest version and opens any enabled one (shared/secrets/).
//
//   node scripts/state-key.mjs ensure   write a version unless the newest one exists and is enabled
//                                       (azd runs this after provisioning: azure.yaml postprovision)
//   node scripts/state-key.mjs rotate   write a new version; Ferry seals with it within ~10 minutes
//
// Settings (azd passes the Bicep outputs as environment variables): FERRY_KEY_VAULT_URL,
// FERRY_STATE_KEY_NAME (default ferry-state-key); or --vault-url / --name.
// Signs in as you: Azure Developer CLI (`azd auth login`), then Azure CLI (`az login`). Never a
// default credential chain, never a key on the command line or in the output.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AzureCliCredential, AzureDeveloperCliCredential, ChainedTokenCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';

const usage = 'usage: node scripts/state-key.mjs <ensure|rotate> [--vault-url https://<name>.vault.azure.net] [--name ferry-state-key]';
// Role assignments take a while to reach Key Vault ("up to 10 minutes", learn.microsoft.com, Azure
// RBAC troubleshooting): right after provisioning the deployer's Secrets Officer role may not apply yet.
const retryDelayInMs = Number(process.env.FERRY_STATE_KEY_RETRY_DELAY_MS ?? 15_000);
const retryAttempts = Number(process.env.FERRY_STATE_KEY_RETRY_ATTEMPTS ?? 40);

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'vault-url': { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } } });
  const command = positionals[0];
  if (values.help || !['ensure', 'rotate'].includes(command)) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const vaultUrl = values['vault-url'] ?? process.env.FERRY_KEY_VAULT_URL;
  const name = values.name ?? process.env.FERRY_STATE_KEY_NAME ?? 'ferry-state-key';
  if (!vaultUrl) {
    console.error(`state-key: no vault; set FERRY_KEY_VAULT_URL (azd does after provisioning) or pass --vault-url.\n${usage}`);
    return 2;
  }
  const credential = new ChainedTokenCredential(new AzureDeveloperCliCredential(), new AzureCliCredential());
  const client = new SecretClient(vaultUrl, credential);

  if (command === 'ensure') {
    const newest = await whileRolesApply(() => newestVersion(client, name));
    if (newest?.enabled) {
      console.log(`state-key: ${name} already has an enabled newest version (${newest.version}); nothing to do.`);
      return 0;
    }
    const written = await whileRolesApply(() => writeVersion(client, name));
    console.log(`state-key: wrote ${name} version ${written} (32 random bytes; the value is not shown).`);
    return 0;
  }
  const written = await whileRolesApply(() => writeVersion(client, name));
  console.log(
    `state-key: rotated ${name}: new version ${written}. Ferry instances seal with it within about 10 minutes ` +
      'and keep opening older enabled versions; disable old versions only as docs/deploy.md ("Secrets and key rotation") says.',
  );
  return 0;
}

/**
 * The newest version's id and whether it is enabled, or undefined when the secret has none. Ferry seals
 * with the newest version (a get without version), so that is what is asked here too: a disabled newest
 * version, or none, means a new version is needed. (Listing versions would not do: their order is not
 * chronological and `created` has a resolution of seconds.) The value read is dropped unseen.
 */
async function newestVersion(client, name) {
  try {
    const secret = await client.getSecret(name);
    return { version: secret.properties.version, enabled: true };
  } catch (error) {
    if (error?.statusCode === 404) return undefined;
    if (isDisabled(error)) return { enabled: false };
    throw error;
  }
}

/** Key Vault's 403 for a disabled version: `{"error":{"code":"Forbidden","innererror":{"code":"SecretDisabled"}}}`. */
function isDisabled(error) {
  return error?.statusCode === 403 && error?.details?.error?.innerError?.code === 'SecretDisabled';
}

async function writeVersion(client, name) {
  const value = randomBytes(32).toString('base64');
  const secret = await client.setSecret(name, value, { contentType: 'application/octet-stream;encoding=base64', tags: { purpose: 'ferry-state-key' } });
  return secret.properties.version;
}

/** Retries a 403 that is not about a disabled secret: the role assignment has not reached the vault yet. */
async function whileRolesApply(operation) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const roleNotApplied = error?.statusCode === 403 && !isDisabled(error);
      if (!roleNotApplied || attempt >= retryAttempts) throw error;
      console.error(`state-key: Key Vault refused access (403); role assignments can take minutes to apply. Retrying (${attempt}/${retryAttempts - 1})...`);
      await new Promise((resolve) => setTimeout(resolve, retryDelayInMs));
    }
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    const status = error?.statusCode ? ` (HTTP ${error.statusCode}${error.code ? ` ${error.code}` : ''})` : '';
    console.error(`state-key: failed${status}: ${error?.message ?? String(error)}`);
    if (error?.name === 'CredentialUnavailableError' || error?.name === 'AggregateAuthenticationError') {
      console.error('state-key: sign in first with `azd auth login` or `az login`.');
    }
    if (error?.statusCode === 409) {
      console.error('state-key: the secret is deleted but recoverable: `az keyvault secret recover --vault-name <vault> --name <name>`, then run again.');
    }
    process.exitCode = 1;
  },
);
