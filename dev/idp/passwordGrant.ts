import { devApps, findTenant, findUser } from '../directory';
import { classifyScopes, grantedScope } from './classifyScopes';
import type { IdpContext } from './idpContext';
import type { IdpResponse } from './idpResponse';
import { oauthError } from './oauthError';
import { signToken } from './signToken';
import { userTokenClaims } from './userTokenClaims';

/** Dev-only form fields bound the lifetime tests can ask for: a day either way. */
const maxOffsetInSeconds = 24 * 60 * 60;

/**
 * The resource owner password grant (RFC 6749 §4.3; Entra supports it for public clients), used by the
 * token CLI to sign a dev user in without a browser. Any password is accepted. Dev-only form fields:
 * `ttl` (seconds, negative = already expired) and `nbf_offset` (seconds, positive = not yet valid).
 * `scope` picks the audience: Ferry's API (`api://{ferry}/access_as_user`) or Microsoft Graph.
 */
export async function passwordGrant(form: URLSearchParams, context: IdpContext): Promise<IdpResponse> {
  const now = new Date(context.clock.now());
  const fail = (status: number, error: string, aadsts: number, description: string) =>
    oauthError({ status, error, aadsts, description, now });

  if (form.get('client_id') !== devApps.deviceClientId) {
    return fail(400, 'unauthorized_client', 700016, 'Application was not found in the directory (the dev IdP signs in only the device client).');
  }
  const username = form.get('username');
  if (!username || form.get('password') === null) {
    return fail(400, 'invalid_request', 900144, "The request body must contain the following parameters: 'username', 'password'.");
  }
  const scope = form.get('scope') ?? '';
  const scopes = classifyScopes(scope);
  if ('error' in scopes) {
    return scopes.error === 'mixed'
      ? fail(400, 'invalid_scope', 28000, 'Provided value for the input parameter scope is not valid because it contains more than one resource.')
      : fail(400, 'invalid_scope', 70011, 'The provided value for the input parameter \'scope\' is not valid.');
  }
  const ttlInSeconds = readSeconds(form.get('ttl'), 3600);
  const nbfOffsetInSeconds = readSeconds(form.get('nbf_offset'), 0);
  if (ttlInSeconds === undefined || nbfOffsetInSeconds === undefined) {
    return fail(400, 'invalid_request', 900144, `'ttl' and 'nbf_offset' must be whole seconds within ±${maxOffsetInSeconds}.`);
  }

  const user = findUser(username);
  const tenant = context.tenantPath.kind === 'tenant' ? context.tenantPath.tenant : user && findTenant(user.tenant);
  if (!user || !tenant || user.tenant !== tenant.name) {
    return fail(400, 'invalid_grant', 50034, 'The user account does not exist in this directory.');
  }

  const resource = scopes.resource;
  const claims = userTokenClaims({
    idpUrl: context.url,
    user,
    tenant,
    aud: resource === 'ferry' ? devApps.ferryClientId : devApps.graphAudience,
    azp: devApps.deviceClientId,
    scp: resource === 'ferry' ? devApps.apiScope : devApps.graphScopes,
    nowInSeconds: Math.floor(now.getTime() / 1000),
    ttlInSeconds,
    nbfOffsetInSeconds,
  });
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      scope: grantedScope(resource),
      expires_in: ttlInSeconds,
      ext_expires_in: ttlInSeconds,
      access_token: await signToken(claims, context.key),
    },
  };
}

function readSeconds(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  if (!/^-?\d+$/.test(value)) return undefined;
  const seconds = Number(value);
  return Math.abs(seconds) <= maxOffsetInSeconds ? seconds : undefined;
}
