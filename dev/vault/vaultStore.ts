import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock';

/** One version of a secret as Key Vault keeps it. */
export interface StoredSecretVersion {
  name: string;
  /** 32 lowercase hex digits, like Key Vault's. */
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  /** Seconds since the epoch (Key Vault's unit for `created`/`updated`). */
  created: number;
  updated: number;
}

export interface SecretAttributesPatch {
  enabled?: boolean;
  contentType?: string;
  tags?: Record<string, string>;
}

export interface VaultStore {
  /** A new version, which becomes the latest (set secret). */
  set(name: string, value: string, patch?: SecretAttributesPatch): StoredSecretVersion;
  /** One version, or the latest when `version` is undefined; disabled ones too (the caller decides). */
  get(name: string, version?: string): StoredSecretVersion | undefined;
  /** Every version of `name`, oldest first. */
  versions(name: string): StoredSecretVersion[];
  /** Changes attributes of one version (update secret properties); undefined when it does not exist. */
  update(name: string, version: string, patch: SecretAttributesPatch): StoredSecretVersion | undefined;
}

/**
 * The in-memory secrets of the Key Vault stand-in. Names are case-insensitive like Key Vault's; the
 * latest version is the one created last, which is what a get without version returns.
 */
export function createVaultStore(clock: Clock): VaultStore {
  const secrets = new Map<string, StoredSecretVersion[]>();
  const nowInSeconds = () => Math.floor(clock.now() / 1000);
  const versionsOf = (name: string) => secrets.get(name.toLowerCase()) ?? [];
  return {
    set(name, value, patch = {}) {
      const now = nowInSeconds();
      const entry: StoredSecretVersion = {
        name,
        version: randomBytes(16).toString('hex'),
        value,
        contentType: patch.contentType,
        tags: patch.tags,
        enabled: patch.enabled ?? true,
        created: now,
        updated: now,
      };
      secrets.set(name.toLowerCase(), [...versionsOf(name), entry]);
      return entry;
    },
    get(name, version) {
      const all = versionsOf(name);
      return version === undefined ? all[all.length - 1] : all.find((v) => v.version === version.toLowerCase());
    },
    versions: (name) => [...versionsOf(name)],
    update(name, version, patch) {
      const entry = versionsOf(name).find((v) => v.version === version.toLowerCase());
      if (!entry) return undefined;
      if (patch.enabled !== undefined) entry.enabled = patch.enabled;
      if (patch.contentType !== undefined) entry.contentType = patch.contentType;
      if (patch.tags !== undefined) entry.tags = patch.tags;
      entry.updated = nowInSeconds();
      return entry;
    },
  };
}
