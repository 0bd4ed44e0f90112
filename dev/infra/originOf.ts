import type { ArmTemplate, TemplateScope } from './armTemplate';
import { traceValue } from './traceValue';

/**
 * Where a template value comes from, after following module hand-overs: a named property of a
 * resource Ferry's policies care about, a root parameter, the deployer, a literal, or some other
 * expression. Policies compare these labels instead of Bicep's generated expression text.
 */
export type Origin =
  | 'identity.id'
  | 'identity.clientId'
  | 'identity.principalId'
  | 'keyVault.uri'
  | 'storage.blobEndpoint'
  | 'appInsights.connectionString'
  | 'deployer.objectId'
  | `parameter:${string}`
  | 'literal'
  | 'expression';

const knownOrigins: Array<[RegExp, Origin]> = [
  [/^\[resourceId\('Microsoft\.ManagedIdentity\/userAssignedIdentities', .*\)\]$/i, 'identity.id'],
  [/^\[reference\(resourceId\('Microsoft\.ManagedIdentity\/userAssignedIdentities', .*\)\.clientId\]$/i, 'identity.clientId'],
  [/^\[reference\(resourceId\('Microsoft\.ManagedIdentity\/userAssignedIdentities', .*\)\.principalId\]$/i, 'identity.principalId'],
  [/^\[reference\(resourceId\('Microsoft\.KeyVault\/vaults', .*\)\.vaultUri\]$/i, 'keyVault.uri'],
  [/^\[reference\(resourceId\('Microsoft\.Storage\/storageAccounts', .*\)\.primaryEndpoints\.blob\]$/i, 'storage.blobEndpoint'],
  [/^\[reference\(resourceId\('Microsoft\.Insights\/components', .*\)\.ConnectionString\]$/i, 'appInsights.connectionString'],
  // `empty(principalId) ? deployer().objectId : principalId`: the deployer unless one is named.
  [/deployer\(\)\.objectId/, 'deployer.objectId'],
];

export function originOf(value: unknown, scope: TemplateScope, root?: ArmTemplate): Origin {
  const traced = root ? traceValue(value, scope, root) : traceValue(value, scope);
  const final = traced.value;
  if (typeof final !== 'string' || !final.startsWith('[') || final.startsWith('[[')) return 'literal';
  const rootParameter = /^\[parameters\('([^']+)'\)\]$/.exec(final);
  if (rootParameter && !traced.scope.parent) return `parameter:${rootParameter[1]!}`;
  for (const [pattern, origin] of knownOrigins) if (pattern.test(final)) return origin;
  return 'expression';
}
