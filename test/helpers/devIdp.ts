import { devApps, devTenants, findTenant, findUser } from '../../dev/directory';
import { createIdentityProvider, type IdentityProvider } from '../../dev/idp/createIdentityProvider';
import { devAuthEnv } from '../../dev/idp/devAuthEnv';
import { userTokenClaims } from '../../dev/idp/userTokenClaims';
import { loadConfig, type FerryConfig } from '../../shared/config';
import type { JWTPayload } from 'jose';

/**
 * Helpers for tests that talk to the dev IdP in-process. The test process must run with
 * `NODE_EXTRA_CA_CERTS=.ferry-dev/ca.pem` after `node dist/dev/ensureCerts.js`, like the npm scripts.
 */
export function startDevIdp(): Promise<IdentityProvider> {
  return createIdentityProvider({ port: 0 });
}

/** Ferry's configuration pointed at `idp`, as the local stack sets it, with overrides. */
export function configFor(idp: IdentityProvider, overrides: Record<string, string> = {}): FerryConfig {
  return loadConfig({ ...devAuthEnv(idp.url), ...overrides });
}

export async function postToken(idp: IdentityProvider, tenant: string, form: Record<string, string>) {
  const response = await fetch(`${idp.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A device token for `upn` from the password grant, as the token CLI gets it. */
export async function deviceToken(idp: IdentityProvider, upn: string, extra: Record<string, string> = {}): Promise<string> {
  const tenant = findUser(upn)?.tenant ?? 'organizations';
  const { status, body } = await postToken(idp, tenant, {
    grant_type: 'password',
    client_id: devApps.deviceClientId,
    username: upn,
    password: 'dev',
    scope: `api://${devApps.ferryClientId}/${devApps.apiScope}`,
    ...extra,
  });
  if (status !== 200) throw new Error(`password grant failed: ${String(body.error)}`);
  return body.access_token as string;
}

/** Valid device-token claims for `upn`, to be changed one at a time by hostile-token tests. */
export function deviceClaims(idp: IdentityProvider, upn = 'alice@contoso.test', overrides: JWTPayload = {}): JWTPayload {
  const user = findUser(upn)!;
  return {
    ...userTokenClaims({
      idpUrl: idp.url,
      user,
      tenant: findTenant(user.tenant)!,
      aud: devApps.ferryClientId,
      azp: devApps.deviceClientId,
      scp: devApps.apiScope,
      nowInSeconds: Math.floor(Date.now() / 1000),
    }),
    ...overrides,
  };
}

export const contosoTid = devTenants[0]!.tid;
export const fabrikamTid = devTenants[1]!.tid;

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
