import type { ArmParameter, TemplateScope } from './armTemplate';
import { collectScopes } from './collectScopes';
import { getPath } from './getPath';

export interface TracedValue {
  /** The value where tracing stopped: a literal, or an expression that is not a plain hand-over. */
  value: unknown;
  scope: TemplateScope;
  /** Every parameter the value passed through, innermost first (their constraints all apply). */
  parameters: ArmParameter[];
}

const parameterRef = /^\[parameters\('([^']+)'\)\]$/;
const variableRef = /^\[variables\('([^']+)'\)\]$/;
// `[reference(...'Microsoft.Resources/deployments', '<module>'), '<api>').outputs.<name>.value]`: a module output.
const moduleOutputRef = /^\[reference\(.*'Microsoft\.Resources\/deployments', '([^']+)'\)(?:, '[^']*')?\)\.outputs\.([A-Za-z0-9_]+)\.value\]$/;

/**
 * Follows a value through the plain hand-overs Bicep compiles modules into (module parameters,
 * variables, module outputs) to where it comes from, so a policy can ask "is this app setting the
 * identity's client id?" of `[parameters('identityClientId')]`. Stops at anything else.
 */
export function traceValue(value: unknown, scope: TemplateScope, root = rootOf(scope)): TracedValue {
  const parameters: ArmParameter[] = [];
  let current = value;
  let where = scope;
  for (let step = 0; step < 32 && typeof current === 'string'; step += 1) {
    const parameter = parameterRef.exec(current);
    const variable = variableRef.exec(current);
    const output = moduleOutputRef.exec(current);
    if (parameter) {
      const name = parameter[1]!;
      const definition = where.template.parameters?.[name];
      if (definition) parameters.push(definition);
      const passed = getPath(where.deployment, `properties.parameters.${name}`) as { value?: unknown } | undefined;
      if (!where.parent || !passed || !('value' in passed)) break;
      current = passed.value;
      where = where.parent;
    } else if (variable && where.template.variables && variable[1]! in where.template.variables) {
      current = where.template.variables[variable[1]!];
    } else if (output) {
      const childPath = `${where.path}/${output[1]!}`;
      const child = collectScopes(root).find((s) => s.path === childPath);
      const produced = child?.template.outputs?.[output[2]!];
      if (!child || !produced) break;
      current = produced.value;
      where = child;
    } else break;
  }
  return { value: current, scope: where, parameters };
}

function rootOf(scope: TemplateScope) {
  let top = scope;
  while (top.parent) top = top.parent;
  return top.template;
}
