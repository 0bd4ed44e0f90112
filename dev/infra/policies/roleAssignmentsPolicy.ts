import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';
import { type Origin, originOf } from '../originOf';
import { traceValue } from '../traceValue';

interface ExpectedRole {
  role: string;
  /** Built-in role definition id (the same in every tenant). */
  id: string;
  principal: Origin;
  /** The resource type the assignment is scoped to (least privilege: never the group or subscription). */
  scopeType: string;
}

const expectedRoles: ExpectedRole[] = [
  { role: 'Key Vault Secrets User', id: '4633458b-17de-408a-b874-0445c86b69e6', principal: 'identity.principalId', scopeType: 'Microsoft.KeyVault/vaults' },
  { role: 'Storage Blob Data Owner', id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', principal: 'identity.principalId', scopeType: 'Microsoft.Storage/storageAccounts' },
  { role: 'Monitoring Metrics Publisher', id: '3913510d-42f4-4e42-8a64-420c390055eb', principal: 'identity.principalId', scopeType: 'Microsoft.Insights/components' },
  { role: 'Key Vault Secrets Officer', id: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7', principal: 'deployer.objectId', scopeType: 'Microsoft.KeyVault/vaults' },
];

/**
 * Exactly the role assignments the issue lists, each scoped to its one resource, named with
 * `guid(...)` (stable across redeployments) and with `principalType` (ARM then skips the directory
 * lookup that fails while a new identity replicates). The identity's type is ServicePrincipal; the
 * deployer's comes from a parameter (User locally, ServicePrincipal in a pipeline).
 */
export const roleAssignmentsPolicy: InfraPolicy = {
  id: 'role-assignments',
  title: 'role assignments: only the listed roles, resource-scoped, guid() names, principalType set',
  check({ template }) {
    const violations: string[] = [];
    const found = new Set<string>();
    for (const { resource, scope } of resourcesOfType(template, 'Microsoft.Authorization/roleAssignments')) {
      const at = `${scope.path}: role assignment ${resource.name}`;
      if (!/^\[guid\(/.test(resource.name)) violations.push(`${at} must be named with guid(scope, principal, role)`);
      const definition = traceValue(getPath(resource, 'properties.roleDefinitionId'), scope).value;
      const roleId = typeof definition === 'string' ? /roleDefinitions', '([0-9a-fA-F-]{36})'\)\]$/.exec(definition)?.[1]?.toLowerCase() : undefined;
      const principal = originOf(getPath(resource, 'properties.principalId'), scope);
      const expected = expectedRoles.find((r) => r.id === roleId && r.principal === principal);
      if (!expected) {
        violations.push(`${at} grants ${roleId ?? 'an unknown role'} to ${principal}, which is not one of the listed assignments`);
        continue;
      }
      found.add(expected.role);
      const principalType = getPath(resource, 'properties.principalType');
      const typeOrigin = originOf(principalType, scope);
      if (expected.principal === 'identity.principalId' && principalType !== 'ServicePrincipal') {
        violations.push(`${at} (${expected.role}) must have principalType 'ServicePrincipal'`);
      }
      if (expected.principal === 'deployer.objectId' && typeOrigin !== 'parameter:principalType') {
        violations.push(`${at} (${expected.role}) must take principalType from the principalType parameter`);
      }
      if (!new RegExp(`'${expected.scopeType.replace(/[./]/g, '\\$&')}'`, 'i').test(String(resource.scope ?? ''))) {
        violations.push(`${at} (${expected.role}) must be scoped to the ${expected.scopeType} resource`);
      }
    }
    for (const { role } of expectedRoles) if (!found.has(role)) violations.push(`role assignment ${role} is missing`);
    return violations;
  },
};
