import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';

/** Basic (user name + password) publishing is off for FTP and SCM: deployments use Entra ID. */
export const publishingCredentialsPolicy: InfraPolicy = {
  id: 'publishing-credentials',
  title: 'basic publishing credentials off for ftp and scm',
  check({ template }) {
    const policies = resourcesOfType(template, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    const violations: string[] = [];
    for (const endpoint of ['ftp', 'scm']) {
      const named = policies.filter(({ resource }) => new RegExp(`(^|/|')${endpoint}'?\\)?\\]?$`).test(resource.name));
      if (named.length === 0) violations.push(`no basicPublishingCredentialsPolicies '${endpoint}': basic ${endpoint.toUpperCase()} publishing stays on`);
      for (const { resource, scope } of named) {
        if (getPath(resource, 'properties.allow') !== false) violations.push(`${scope.path}: basic ${endpoint} publishing must be allow: false`);
      }
    }
    return violations;
  },
};
