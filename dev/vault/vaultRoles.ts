import { devDeployer, devManagedIdentity } from '../managedIdentity/devManagedIdentity';

/** Key Vault data-plane roles (Azure RBAC), by their built-in names. */
export type VaultRole = 'Key Vault Secrets User' | 'Key Vault Secrets Officer';

export type VaultOperation = 'get' | 'list' | 'set' | 'update';

/**
 * What each role may do with secrets, from "Azure built-in roles for Key Vault data plane operations"
 * (learn.microsoft.com): Secrets User reads contents and metadata; Secrets Officer does every action
 * on secrets.
 */
const allowed: Record<VaultRole, readonly VaultOperation[]> = {
  'Key Vault Secrets User': ['get', 'list'],
  'Key Vault Secrets Officer': ['get', 'list', 'set', 'update'],
};

export function roleAllows(roles: ReadonlySet<VaultRole>, operation: VaultOperation): boolean {
  return [...roles].some((role) => allowed[role].includes(operation));
}

/** The assignments infra/ makes: the app's identity reads, the deployer writes. */
export function defaultVaultRoles(): Map<string, Set<VaultRole>> {
  return new Map([
    [devManagedIdentity.principalId, new Set<VaultRole>(['Key Vault Secrets User'])],
    [devDeployer.principalId, new Set<VaultRole>(['Key Vault Secrets Officer'])],
  ]);
}
