import type { StoredSecretVersion } from './vaultStore';

/** The `attributes` of a secret bundle, as Key Vault writes them for a vault with purge protection. */
function attributes(entry: StoredSecretVersion) {
  return { enabled: entry.enabled, created: entry.created, updated: entry.updated, recoveryLevel: 'Recoverable', recoverableDays: 90 };
}

/** A SecretBundle (get, set): the value, its id `{vault}/secrets/{name}/{version}` and attributes. */
export function secretBundle(vaultUrl: string, entry: StoredSecretVersion, withValue = true): Record<string, unknown> {
  return {
    ...(withValue ? { value: entry.value } : {}),
    id: `${vaultUrl}/secrets/${entry.name}/${entry.version}`,
    ...(entry.contentType !== undefined ? { contentType: entry.contentType } : {}),
    attributes: attributes(entry),
    ...(entry.tags ? { tags: entry.tags } : {}),
  };
}

/** A SecretItem (list versions): no value. */
export function secretItem(vaultUrl: string, entry: StoredSecretVersion): Record<string, unknown> {
  return secretBundle(vaultUrl, entry, false);
}

/** Key Vault's error body: `{"error":{"code","message","innererror"?:{"code"}}}`. */
export function vaultError(code: string, message: string, innerCode?: string): Record<string, unknown> {
  return { error: { code, message, ...(innerCode ? { innererror: { code: innerCode } } : {}) } };
}
