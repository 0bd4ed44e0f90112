import { createLocalJWKSet, errors, jwtVerify } from 'jose';
import type { IdpContext } from '../idp/idpContext';
import type { IdpResponse } from '../idp/idpResponse';
import { oauthError } from '../idp/oauthError';
import { issuerFor } from '../idp/userTokenClaims';
import { devFederatedCredentials } from './devManagedIdentity';

const jwtBearerAssertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * The dev IdP's check of a `client_assertion` (RFC 7523 section 2.2) presented by Ferry's app, as
 * Entra does for workload identity federation: the assertion must be a JWT the (dev) identity platform
 * signed, unexpired, and match one of the app's federated credentials exactly in issuer, subject and
 * audience (`devFederatedCredentials`). Undefined when it is accepted; otherwise Entra's error answer.
 */
export async function verifyFederatedAssertion(form: URLSearchParams, context: IdpContext): Promise<IdpResponse | undefined> {
  const now = new Date(context.clock.now());
  const fail = (aadsts: number, description: string) => oauthError({ status: 401, error: 'invalid_client', aadsts, description, now });
  if (form.get('client_assertion_type') !== jwtBearerAssertionType) {
    return oauthError({ status: 400, error: 'invalid_request', aadsts: 900144, description: `client_assertion_type must be ${jwtBearerAssertionType}.`, now });
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(form.get('client_assertion') ?? '', createLocalJWKSet({ keys: [context.key.publicJwk] }), {
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'iss', 'sub', 'aud'],
      currentDate: now,
    }));
  } catch (error) {
    return error instanceof errors.JWTExpired
      ? fail(700024, 'Client assertion is not within its valid time range.')
      : fail(700027, 'Client assertion failed signature validation.');
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const match = devFederatedCredentials.some(
    (fic) => payload.iss === issuerFor(context.url, fic.issuerTenantId) && payload.sub === fic.subject && audiences.includes(fic.audience),
  );
  return match ? undefined : fail(70021, 'No matching federated identity record found for presented assertion.');
}
