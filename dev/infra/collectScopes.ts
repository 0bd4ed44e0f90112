import type { ArmResource, ArmTemplate, ScopedResource, TemplateScope } from './armTemplate';
import { getPath } from './getPath';

/** The resources of one template, whichever form (`languageVersion` 1 array or 2.0 object) it uses. */
export function resourcesOf(template: ArmTemplate): ArmResource[] {
  return Array.isArray(template.resources) ? template.resources : Object.values(template.resources ?? {});
}

/** Every template of the tree, root first: each module deployment's inline template is a child scope. */
export function collectScopes(root: ArmTemplate): TemplateScope[] {
  const scopes: TemplateScope[] = [];
  const visit = (scope: TemplateScope) => {
    scopes.push(scope);
    for (const resource of resourcesOf(scope.template)) {
      const inner = getPath(resource, 'properties.template') as ArmTemplate | undefined;
      if (resource.type === 'Microsoft.Resources/deployments' && inner) {
        visit({ template: inner, path: `${scope.path}/${resource.name}`, parent: scope, deployment: resource });
      }
    }
  };
  visit({ template: root, path: 'main' });
  return scopes;
}

/** Every deployed resource of the tree (not `existing` references), with the template it sits in. */
export function collectResources(root: ArmTemplate): ScopedResource[] {
  return collectScopes(root).flatMap((scope) =>
    resourcesOf(scope.template)
      .filter((resource) => resource.existing !== true)
      .map((resource) => ({ resource, scope })),
  );
}

/** The resources of one type, e.g. `Microsoft.KeyVault/vaults` (ARM types are case-insensitive). */
export function resourcesOfType(root: ArmTemplate, type: string): ScopedResource[] {
  return collectResources(root).filter(({ resource }) => resource.type.toLowerCase() === type.toLowerCase());
}
