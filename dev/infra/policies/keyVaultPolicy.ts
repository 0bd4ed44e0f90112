import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';
import { traceValue } from '../traceValue';
import { isExpression } from '../valueWithin';

/**
 * The vault: RBAC only, soft delete kept the maximum 90 days, purge protection on (a deleted key
 * ring stays recoverable), and a createMode limited to default|recover so an environment can be
 * deployed again while its deleted vault still holds the name.
 */
export const keyVaultPolicy: InfraPolicy = {
  id: 'key-vault',
  title: 'Key Vault: RBAC, soft delete 90 days, purge protection, createMode default|recover',
  check({ template }) {
    const vaults = resourcesOfType(template, 'Microsoft.KeyVault/vaults');
    if (vaults.length !== 1) return [`expected exactly one Key Vault (found ${vaults.length})`];
    const { resource, scope } = vaults[0]!;
    const violations: string[] = [];
    const expect = (path: string, wanted: unknown, why: string) => {
      if (getPath(resource, path) !== wanted) violations.push(`${scope.path}: vault ${path} must be ${JSON.stringify(wanted)} (${why})`);
    };
    expect('properties.enableRbacAuthorization', true, 'role assignments, no access policies');
    expect('properties.enableSoftDelete', true, 'deleted secrets stay recoverable');
    expect('properties.softDeleteRetentionInDays', 90, 'the longest recovery window');
    expect('properties.enablePurgeProtection', true, 'nobody can purge the key ring early');
    const accessPolicies = getPath(resource, 'properties.accessPolicies');
    if (Array.isArray(accessPolicies) && accessPolicies.length > 0) violations.push(`${scope.path}: vault must not have access policies (RBAC only)`);
    // Every parameter the value passes through must allow exactly default and recover.
    const traced = traceValue(getPath(resource, 'properties.createMode'), scope);
    const allowedLists = traced.parameters.map((p) => p.allowedValues).filter((list) => Array.isArray(list));
    const exactlyBoth = (list: unknown[]) => list.length === 2 && list.includes('default') && list.includes('recover');
    if (!isExpression(traced.value) || allowedLists.length === 0 || !allowedLists.every(exactlyBoth)) {
      violations.push(`${scope.path}: vault createMode must be a parameter allowing exactly 'default' and 'recover'`);
    }
    return violations;
  },
};
