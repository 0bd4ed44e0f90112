import type { ArmResource, ArmTemplate } from './armTemplate';
import { collectResources, collectScopes } from './collectScopes';
import type { InfraInputs } from './infraInputs';

/**
 * A policy fixture: a small change to good inputs that the named policy must reject. Fixtures are
 * edits rather than whole templates so they keep applying as the real templates evolve, and so the
 * same fixture runs against the committed snapshot (jest) and the fresh compile (lint:infra).
 */
export interface PolicyFixture {
  policy: string;
  /** What the edit breaks, in a few words. */
  description: string;
  edits: FixtureEdit[];
}

export interface FixtureEdit {
  /**
   * resource: every resource of `resourceType` (whose name contains `resourceName`, if given);
   * template: the root template, or the inline template of the module deployment `deployment`;
   * parametersFile | azureYaml | bicepConfig: that parsed file; file: a .bicep source or repo file.
   */
  target: 'resource' | 'template' | 'parametersFile' | 'azureYaml' | 'bicepConfig' | 'file';
  resourceType?: string;
  resourceName?: string;
  deployment?: string;
  file?: string;
  /** Dot path inside the target; for `resource` without a path, the operation applies to the resource itself. */
  path?: string;
  set?: unknown;
  delete?: boolean;
  append?: unknown;
  /** Drop array entries whose fields equal these. */
  removeWhere?: Record<string, unknown>;
  /** file: replace the first occurrence of [find, with]. */
  replace?: [string, string];
}

/** Returns edited copies of the inputs. An edit that matches nothing throws: a stale fixture is a defect. */
export function applyPolicyFixture(inputs: InfraInputs, fixture: PolicyFixture): InfraInputs {
  const edited = structuredClone(inputs);
  for (const edit of fixture.edits) applyEdit(edited, edit, fixture.description);
  return edited;
}

function applyEdit(inputs: InfraInputs, edit: FixtureEdit, description: string): void {
  const fail = (why: string): never => {
    throw new Error(`fixture "${description}": ${why}`);
  };
  switch (edit.target) {
    case 'resource': {
      const matches = collectResources(inputs.template).filter(
        ({ resource }) => resource.type.toLowerCase() === edit.resourceType?.toLowerCase() && (!edit.resourceName || resource.name.includes(edit.resourceName)),
      );
      if (matches.length === 0) fail(`no ${edit.resourceType} resource${edit.resourceName ? ` named like ${edit.resourceName}` : ''}`);
      for (const { resource, scope } of matches) {
        if (edit.path) editAt(resource, edit, fail);
        else if (edit.delete) removeResource(scope.template, resource);
        else fail('a resource edit needs a path or delete');
      }
      return;
    }
    case 'template': {
      const scope = edit.deployment ? collectScopes(inputs.template).find((s) => s.deployment?.name === edit.deployment) : { template: inputs.template };
      if (!scope) fail(`no module deployment ${edit.deployment}`);
      editAt(scope!.template as unknown as Record<string, unknown>, edit, fail);
      return;
    }
    case 'parametersFile':
      return editAt(inputs.parametersFile, edit, fail);
    case 'azureYaml':
      return editAt(inputs.azureYaml, edit, fail);
    case 'bicepConfig':
      return editAt(inputs.bicepConfig, edit, fail);
    case 'file': {
      const file = edit.file ?? fail('a file edit needs file');
      const sources = file.endsWith('.bicep') ? inputs.bicepSources : inputs.repoFiles;
      if (edit.delete) {
        if (sources[file] === undefined) fail(`${file} does not exist`);
        delete sources[file];
      } else if (edit.replace) {
        const text = sources[file] ?? fail(`${file} does not exist`);
        if (!text.includes(edit.replace[0])) fail(`${file} does not contain ${JSON.stringify(edit.replace[0])}`);
        sources[file] = text.replace(edit.replace[0], edit.replace[1]);
      } else if (typeof edit.set === 'string') sources[file] = edit.set;
      else fail('a file edit needs delete, replace or a string set');
      return;
    }
    default:
      fail(`unknown target ${String(edit.target)}`);
  }
}

function editAt(root: object, edit: FixtureEdit, fail: (why: string) => never): void {
  const steps = (edit.path ?? fail('the edit needs a path')).split('.');
  const last = steps.pop()!;
  let parent: Record<string, unknown> = root as Record<string, unknown>;
  for (const step of steps) {
    const next = parent[step];
    if (next === undefined) {
      if (edit.set === undefined) fail(`path ${edit.path} does not exist`);
      parent[step] = {};
    } else if (next === null || typeof next !== 'object') fail(`path ${edit.path} crosses a non-object at ${step}`);
    parent = parent[step] as Record<string, unknown>;
  }
  if (edit.delete) {
    if (!(last in parent)) fail(`path ${edit.path} does not exist`);
    delete parent[last];
  } else if (edit.append !== undefined) {
    const list = parent[last];
    if (!Array.isArray(list)) fail(`path ${edit.path} is not an array`);
    (list as unknown[]).push(edit.append);
  } else if (edit.removeWhere) {
    const list = parent[last];
    if (!Array.isArray(list)) fail(`path ${edit.path} is not an array`);
    const matches = (entry: unknown) =>
      Object.entries(edit.removeWhere!).every(([key, value]) => (entry as Record<string, unknown>)?.[key] === value);
    if (!(list as unknown[]).some(matches)) fail(`nothing at ${edit.path} matches ${JSON.stringify(edit.removeWhere)}`);
    parent[last] = (list as unknown[]).filter((entry) => !matches(entry));
  } else if ('set' in edit) parent[last] = edit.set;
  else fail('the edit needs set, delete, append or removeWhere');
}

function removeResource(template: ArmTemplate, resource: ArmResource): void {
  if (Array.isArray(template.resources)) template.resources = template.resources.filter((r) => r !== resource);
  else template.resources = Object.fromEntries(Object.entries(template.resources).filter(([, r]) => r !== resource));
}
