import { collectResources } from '../collectScopes';
import type { InfraPolicy } from '../infraPolicy';

// `module x 'br:...'`, `'br/public:...'`, `'ts:...'`, `'ts/alias:...'`: registry and template-spec modules.
const registryModule = /^\s*module\s+\S+\s+'(?:br|ts)[:/][^']*'/m;

/**
 * Plain resources and local modules only: registry (`br:`) and template-spec (`ts:`) modules need
 * network to restore, so the templates would not compile offline or in CI.
 */
export const plainResourcesPolicy: InfraPolicy = {
  id: 'plain-resources',
  title: 'no registry or template-spec modules; every module is a local .bicep file',
  check({ template, bicepSources }) {
    const violations: string[] = [];
    for (const [file, text] of Object.entries(bicepSources)) {
      const match = registryModule.exec(text);
      if (match) violations.push(`${file}: registry/template-spec module ${match[0].trim()} (plain resources only)`);
    }
    for (const { resource, scope } of collectResources(template)) {
      if (resource.type === 'Microsoft.Resources/deployments' && (resource.properties as Record<string, unknown> | undefined)?.templateLink) {
        violations.push(`${scope.path}: deployment ${resource.name} links a remote template`);
      }
    }
    return violations;
  },
};
