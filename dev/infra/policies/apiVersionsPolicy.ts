import { collectResources, collectScopes } from '../collectScopes';
import type { InfraPolicy } from '../infraPolicy';

const dated = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Resource types with no non-preview api-version at all, and the preview version used. Checked
 * against Microsoft's REST reference: Microsoft.Insights/diagnosticSettings' newest version is
 * 2021-05-01-preview (its only GA one, 2016-09-01, is the legacy "service" setting).
 */
export const previewOnlyTypes: Record<string, string> = {
  'microsoft.insights/diagnosticsettings': '2021-05-01-preview',
};

/** Dated, non-preview api-versions everywhere: resources and the reference()s Bicep compiles. */
export const apiVersionsPolicy: InfraPolicy = {
  id: 'api-versions',
  title: 'every api-version is dated and non-preview (except types that have no GA version)',
  check({ template }) {
    const violations: string[] = [];
    for (const { resource, scope } of collectResources(template)) {
      const version = resource.apiVersion;
      const exception = previewOnlyTypes[resource.type.toLowerCase()];
      if (!dated.test(version) && version !== exception) violations.push(`${scope.path}: ${resource.type}@${version} is not a dated, non-preview api-version`);
    }
    // reference(id, '<api-version>') and list*(id, '<api-version>') calls carry versions too. Each
    // template is scanned without its modules' inline templates (they are scopes of their own).
    for (const scope of collectScopes(template)) {
      const own = JSON.stringify(scope.template, (key, value: unknown) =>
        key === 'template' && value !== null && typeof value === 'object' && '$schema' in value ? undefined : value,
      );
      for (const match of own.matchAll(/'(\d{4}-\d{2}-\d{2}-[a-z]+)'/gi)) {
        violations.push(`${scope.path}: an expression uses the preview api-version ${match[1]}`);
      }
    }
    return violations;
  },
};
