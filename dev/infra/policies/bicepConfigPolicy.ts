import { getPath } from '../getPath';
import type { InfraPolicy } from '../infraPolicy';

/** The Bicep linter's security rules, raised to error in infra/bicepconfig.json. */
export const securityLinterRules = [
  'adminusername-should-not-be-literal',
  'no-hardcoded-env-urls',
  'outputs-should-not-contain-secrets',
  'protect-commandtoexecute-secrets',
  'secure-parameter-default',
  'secure-params-in-nested-deploy',
  'secure-params-in-parameters-file',
  'secure-secrets-in-params',
  'use-secure-value-for-secure-inputs',
];

export const bicepConfigPolicy: InfraPolicy = {
  id: 'bicep-config',
  title: 'infra/bicepconfig.json raises every security linter rule to error',
  check({ bicepConfig }) {
    const violations: string[] = [];
    if (getPath(bicepConfig, 'analyzers.core.enabled') === false) violations.push('infra/bicepconfig.json must not disable the linter');
    for (const rule of securityLinterRules) {
      const level = getPath(bicepConfig, `analyzers.core.rules.${rule}.level`);
      if (level !== 'error') violations.push(`infra/bicepconfig.json: linter rule ${rule} must be at level error (it is ${String(level ?? 'default')})`);
    }
    return violations;
  },
};
