import { resourcesOfType } from '../collectScopes';
import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';

/** The plan is Flex Consumption (FC1), Linux. */
export const flexPlanPolicy: InfraPolicy = {
  id: 'flex-plan',
  title: 'one Flex Consumption plan: sku FC1 / FlexConsumption, reserved (Linux)',
  check({ template }) {
    const plans = resourcesOfType(template, 'Microsoft.Web/serverfarms');
    if (plans.length !== 1) return [`expected exactly one plan (found ${plans.length})`];
    const { resource, scope } = plans[0]!;
    const violations: string[] = [];
    if (getPath(resource, 'sku.name') !== 'FC1' || getPath(resource, 'sku.tier') !== 'FlexConsumption') {
      violations.push(`${scope.path}: the plan sku must be { name: 'FC1', tier: 'FlexConsumption' }`);
    }
    if (getPath(resource, 'properties.reserved') !== true) violations.push(`${scope.path}: the plan must be reserved: true (Flex Consumption runs on Linux)`);
    return violations;
  },
};
