import { devApps } from '../directory';

export type ScopeClassification =
  | { resource: 'ferry' | 'graph' }
  | { error: 'none' | 'mixed' | 'unknown_resource' };

/** OpenID Connect scopes MSAL adds to every request; they name no resource. */
const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);
const graphPrefixes = [`${devApps.graphAudience}/`, '00000003-0000-0000-c000-000000000000/'];
const ferryPrefixes = [`api://${devApps.ferryClientId}/`, `${devApps.ferryClientId}/`];

/**
 * Which resource a space-separated `scope` asks for. Like Entra, one token serves one resource: scopes
 * of Ferry and of Graph together are an error (AADSTS28000), and a bare name such as `Mail.Read` means
 * Microsoft Graph.
 */
export function classifyScopes(scope: string): ScopeClassification {
  const resources = new Set<string>();
  for (const item of scope.split(' ').filter((s) => s.length > 0)) {
    const lower = item.toLowerCase();
    if (oidcScopes.has(lower)) continue;
    if (ferryPrefixes.some((p) => lower.startsWith(p))) resources.add('ferry');
    else if (graphPrefixes.some((p) => lower.startsWith(p)) || !item.includes('/')) resources.add('graph');
    else return { error: 'unknown_resource' };
  }
  if (resources.size === 0) return { error: 'none' };
  if (resources.size > 1) return { error: 'mixed' };
  return { resource: resources.has('ferry') ? 'ferry' : 'graph' };
}

/** The `scope` of a token response, as Entra lists what it granted. */
export function grantedScope(resource: 'ferry' | 'graph'): string {
  return resource === 'ferry'
    ? `api://${devApps.ferryClientId}/${devApps.apiScope}`
    : devApps.graphScopes
        .split(' ')
        .map((s) => `${devApps.graphAudience}/${s}`)
        .join(' ');
}
