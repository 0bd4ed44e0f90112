import { resourcesOf } from '../collectScopes';
import type { InfraPolicy } from '../infraPolicy';
import { originOf } from '../originOf';
import { traceValue } from '../traceValue';

/** main.bicep deploys at subscription scope and creates the one resource group, tagged for azd. */
export const resourceGroupPolicy: InfraPolicy = {
  id: 'resource-group',
  title: 'main.bicep targets the subscription and creates one resource group tagged azd-env-name',
  check({ template }) {
    const violations: string[] = [];
    if (!/subscriptionDeploymentTemplate\.json/.test(template.$schema)) {
      violations.push('main.bicep must have targetScope = \'subscription\' (it creates the resource group)');
    }
    const groups = resourcesOf(template).filter((r) => r.type.toLowerCase() === 'microsoft.resources/resourcegroups');
    if (groups.length !== 1) violations.push(`main.bicep must create exactly one resource group (found ${groups.length})`);
    const scope = { template, path: 'main' };
    for (const group of groups) {
      const tags = traceValue(group.tags, scope).value as Record<string, unknown> | undefined;
      const envTag = tags && typeof tags === 'object' ? tags['azd-env-name'] : undefined;
      if (envTag === undefined) violations.push('the resource group must carry the tag azd-env-name (azd finds its environment by it)');
      else if (originOf(envTag, scope) !== 'parameter:environmentName') {
        violations.push('the azd-env-name tag must be the environmentName parameter');
      }
    }
    return violations;
  },
};
