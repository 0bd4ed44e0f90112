import { timingSafeEqual } from 'node:crypto';
import { createLocalJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { devApps, findTenant, findUser } from '../directory';
import { verifyFederatedAssertion } from '../managedIdentity/verifyFederatedAssertion';
import { classifyScopes, grantedScope } from './classifyScopes';
import type { IdpContext } from './idpContext';
import type { IdpResponse } from './idpResponse';
import { oauthError } from './oauthError';
import { signToken } from './signToken';
import { issuerFor, userTokenClaims } from './userTokenClaims';

/** A fixed policy id, so tests can look for it in the claims challenge Ferry passes on. */
export const devConsentPolicyId = '6f1c2e3a-0000-4000-8000-00000000c0a5';

const graphTokenLifetimeInSeconds = 3600;

/**
 * The on-behalf-of grant (RFC 7523 jwt-bearer with `requested_token_use=on_behalf_of`), as described
 * in "Microsoft identity platform and OAuth 2.0 On-Behalf-Of flow" on learn.microsoft.com: Ferry
 * authenticates with its client secret or a federated `client_assertion` (a managed identity token,
 * see verifyFederatedAssertion) and presents the device token as `assertion`; the answer is a
 * Microsoft Graph token for the same user. Errors follow Entra's: 401 `invalid_client` for a wrong
 * secret, 400 `invalid_grant` for a bad assertion, and for a user who must consent (`needsConsent`)
 * 400 `invalid_grant` with `suberror: consent_required` and a `claims` challenge.
 */
export async function oboGrant(form: URLSearchParams, context: IdpContext): Promise<IdpResponse> {
  const now = new Date(context.clock.now());
  const fail = (status: number, error: string, aadsts: number, description: string) =>
    oauthError({ status, error, aadsts, description, now });

  if (form.get('client_id') !== devApps.ferryClientId) {
    return fail(400, 'unauthorized_client', 700016, 'Application was not found in the directory (the dev IdP exchanges tokens only for Ferry).');
  }
  if (form.has('client_assertion')) {
    // Federated: a managed identity token from dev/managedIdentity, matched against the app's federated credentials.
    const refused = await verifyFederatedAssertion(form, context);
    if (refused) return refused;
  } else {
    const secret = form.get('client_secret');
    if (!secret) return fail(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    if (!sameSecret(secret, devApps.ferryClientSecret)) {
      return fail(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
  }
  const assertion = form.get('assertion');
  if (form.get('requested_token_use') !== 'on_behalf_of' || !assertion) {
    return fail(400, 'invalid_request', 900144, "The request body must contain 'assertion' and requested_token_use=on_behalf_of.");
  }
  const scopes = classifyScopes(form.get('scope') ?? '');
  if (!('resource' in scopes) || scopes.resource !== 'graph') {
    return fail(400, 'invalid_scope', 70011, "The provided value for the input parameter 'scope' is not valid; the dev IdP exchanges for Microsoft Graph only.");
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet({ keys: [context.key.publicJwk] }), {
      algorithms: ['RS256'],
      audience: [devApps.ferryClientId, `api://${devApps.ferryClientId}`],
      requiredClaims: ['exp', 'iss', 'tid', 'oid'],
      currentDate: now,
    }));
  } catch (error) {
    return error instanceof errors.JWTExpired
      ? fail(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range.')
      : fail(400, 'invalid_grant', 50013, 'Assertion failed signature validation or names another audience.');
  }
  const tenant = typeof payload.tid === 'string' ? findTenant(payload.tid) : undefined;
  const pathTenantMatches = context.tenantPath.kind === 'any' || context.tenantPath.tenant.tid === tenant?.tid;
  if (!tenant || payload.iss !== issuerFor(context.url, tenant.tid) || !pathTenantMatches) {
    return fail(400, 'invalid_grant', 50013, 'Assertion issuer or tenant does not match the request.');
  }
  const user = typeof payload.oid === 'string' ? findUser(payload.oid) : undefined;
  if (!user || user.tenant !== tenant.name) {
    return fail(400, 'invalid_grant', 50034, 'The user account does not exist in this directory.');
  }
  if (user.needsConsent) {
    return oauthError({
      status: 400,
      error: 'invalid_grant',
      aadsts: 65001,
      description: `The user or administrator has not consented to use the application with ID '${devApps.ferryClientId}' named 'Ferry'. Send an interactive authorization request for this user and resource.`,
      suberror: 'consent_required',
      claims: JSON.stringify({ access_token: { capolids: { essential: true, values: [devConsentPolicyId] } } }),
      now,
    });
  }

  const claims = userTokenClaims({
    idpUrl: context.url,
    user,
    tenant,
    aud: devApps.graphAudience,
    azp: devApps.ferryClientId,
    scp: devApps.graphScopes
      .split(' ')
      .filter((scope) => !(user.declinedScopes ?? []).includes(scope))
      .join(' '),
    nowInSeconds: Math.floor(now.getTime() / 1000),
    ttlInSeconds: graphTokenLifetimeInSeconds,
  });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: grantedScope('graph'),
    expires_in: graphTokenLifetimeInSeconds,
    ext_expires_in: graphTokenLifetimeInSeconds,
    access_token: await signToken(claims, context.key),
  };
  // MSAL asks for client_info=1; Entra then returns the home account ids, base64url-encoded.
  if (form.get('client_info') === '1') {
    body.client_info = Buffer.from(JSON.stringify({ uid: user.oid, utid: tenant.tid })).toString('base64url');
  }
  return { status: 200, body };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
