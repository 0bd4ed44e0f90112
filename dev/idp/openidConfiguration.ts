import type { TenantPath } from './resolveTenantPath';

/**
 * The OpenID Provider metadata Entra serves at `/{tenant}/v2.0/.well-known/openid-configuration`.
 * For one tenant every URL carries its tid (Entra resolves names to ids); for `common`/`organizations`
 * the endpoints keep the alias and the issuer is the template `{url}/{tenantid}/v2.0`. MSAL needs
 * `authorization_endpoint`, `token_endpoint`, `issuer` and `jwks_uri`, checks that the issuer has the
 * authority's origin, and takes the tenant id from the first path segment of `authorization_endpoint`.
 */
export function openidConfiguration(url: string, tenantPath: TenantPath): Record<string, unknown> {
  const segment = tenantPath.kind === 'tenant' ? tenantPath.tenant.tid : tenantPath.name;
  const issuerTenant = tenantPath.kind === 'tenant' ? tenantPath.tenant.tid : '{tenantid}';
  const base = `${url}/${segment}`;
  return {
    issuer: `${url}/${issuerTenant}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    grant_types_supported: ['password', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'oid', 'tid', 'preferred_username', 'ver'],
    request_uri_parameter_supported: false,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'ferry.dev',
    msgraph_host: 'graph.microsoft.com',
  };
}
