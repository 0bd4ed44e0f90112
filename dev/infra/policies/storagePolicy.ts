import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';

/** The host storage account accepts Entra ID only, over TLS 1.2, and serves nothing publicly. */
export const storagePolicy: InfraPolicy = {
  id: 'storage',
  title: 'storage: shared keys off, no public blobs, HTTPS + TLS 1.2, private containers',
  check({ template }) {
    const accounts = resourcesOfType(template, 'Microsoft.Storage/storageAccounts');
    const violations: string[] = accounts.length === 0 ? ['no storage account (the function app needs host storage)'] : [];
    for (const { resource, scope } of accounts) {
      const expect = (path: string, wanted: unknown, why: string) => {
        if (getPath(resource, path) !== wanted) violations.push(`${scope.path}: storage ${path} must be ${JSON.stringify(wanted)} (${why})`);
      };
      expect('properties.allowSharedKeyAccess', false, 'identity access only');
      expect('properties.allowBlobPublicAccess', false, 'no anonymous blobs');
      expect('properties.minimumTlsVersion', 'TLS1_2', 'TLS 1.2 or later');
      expect('properties.supportsHttpsTrafficOnly', true, 'no plain HTTP');
    }
    for (const { resource, scope } of resourcesOfType(template, 'Microsoft.Storage/storageAccounts/blobServices/containers')) {
      const access = getPath(resource, 'properties.publicAccess');
      if (access !== undefined && access !== 'None') violations.push(`${scope.path}: container ${resource.name} must have publicAccess None`);
    }
    return violations;
  },
};
