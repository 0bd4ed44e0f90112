import { collectResources, resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';
import { originOf } from '../originOf';

/** One user-assigned identity does everything; nothing gets a system-assigned identity. */
export const oneIdentityPolicy: InfraPolicy = {
  id: 'one-identity',
  title: 'exactly one user-assigned identity; no system-assigned identities; the site runs as it',
  check({ template }) {
    const violations: string[] = [];
    const identities = resourcesOfType(template, 'Microsoft.ManagedIdentity/userAssignedIdentities');
    if (identities.length !== 1) violations.push(`expected exactly one user-assigned identity (found ${identities.length})`);
    for (const { resource, scope } of collectResources(template)) {
      const type = getPath(resource, 'identity.type');
      if (typeof type === 'string' && /systemassigned/i.test(type)) {
        violations.push(`${scope.path}: ${resource.type} has a system-assigned identity (${type}); use the one user-assigned identity`);
      }
    }
    for (const site of resourcesOfType(template, 'Microsoft.Web/sites')) {
      const assigned = getPath(site.resource, 'identity.userAssignedIdentities');
      const keys = assigned && typeof assigned === 'object' ? Object.keys(assigned) : [];
      if (getPath(site.resource, 'identity.type') !== 'UserAssigned' || keys.length !== 1) {
        violations.push(`${site.scope.path}: the function app identity must be type UserAssigned with exactly one identity`);
      } else {
        // Bicep writes the key as `[format('{0}', <id>)]`; unwrap that to trace the id.
        const key = keys[0]!.replace(/^\[format\('\{0\}', (.*)\)\]$/, '[$1]');
        if (originOf(key, site.scope) !== 'identity.id') violations.push(`${site.scope.path}: the function app must run as the user-assigned identity`);
      }
    }
    return violations;
  },
};
