import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';

/** Log Analytics + workspace-based Application Insights that accepts only Entra-authenticated telemetry. */
export const monitoringPolicy: InfraPolicy = {
  id: 'monitoring',
  title: 'Log Analytics workspace + Application Insights on it with DisableLocalAuth: true',
  check({ template }) {
    const violations: string[] = [];
    if (resourcesOfType(template, 'Microsoft.OperationalInsights/workspaces').length !== 1) violations.push('expected exactly one Log Analytics workspace');
    const components = resourcesOfType(template, 'Microsoft.Insights/components');
    if (components.length !== 1) violations.push(`expected exactly one Application Insights component (found ${components.length})`);
    for (const { resource, scope } of components) {
      if (getPath(resource, 'properties.DisableLocalAuth') !== true) {
        violations.push(`${scope.path}: Application Insights must have DisableLocalAuth: true (no instrumentation-key ingestion)`);
      }
      if (!getPath(resource, 'properties.WorkspaceResourceId')) violations.push(`${scope.path}: Application Insights must be workspace-based (WorkspaceResourceId)`);
    }
    return violations;
  },
};
