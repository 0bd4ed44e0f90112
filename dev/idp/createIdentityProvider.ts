import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../shared/clock';
import { ensureDevCertificates } from '../certs';
import { ferryDevDir } from '../ferryDevDir';
import type { IdpContext, IdpCounters } from './idpContext';
import type { IdpResponse } from './idpResponse';
import { oauthError } from './oauthError';
import { oboGrant } from './oboGrant';
import { openidConfiguration } from './openidConfiguration';
import { passwordGrant } from './passwordGrant';
import { readForm } from './readForm';
import { resolveTenantPath } from './resolveTenantPath';
import { ensureSigningKey, type IdpSigningKey } from './signingKey';
import { closeServer, listen } from '../serverLifecycle';

export interface IdentityProviderOptions {
  /** TCP port; default 7073, 0 picks a free one. */
  port?: number;
  /** Interface to listen on; default `localhost` (the dev IdP accepts any password: never expose it). */
  host?: string;
  /** Holds the certificates and the signing key; default `FERRY_DEV_DIR` or `.ferry-dev`. */
  dir?: string;
  /** Time of `iat`/`exp` and of assertion checks; default the system clock. */
  clock?: Clock;
}

export interface IdentityProvider {
  /** Origin of the IdP, e.g. `https://localhost:7073`: Ferry's `FERRY_AUTHORITY`. */
  url: string;
  /** Live counts; read them after a call to see whether the IdP was asked. */
  counters: IdpCounters;
  close(): Promise<void>;
}

const grantTypes = { password: 'password', obo: 'urn:ietf:params:oauth:grant-type:jwt-bearer' };

/**
 * Starts the dev identity provider: an HTTPS server that answers like Entra ID v2.0 for the tenants of
 * dev/directory.ts. Routes (`{tenant}` = name, tid, `common` or `organizations`):
 * `GET /{tenant}/v2.0/.well-known/openid-configuration`, `GET /{tenant}/discovery/v2.0/keys` and
 * `POST /{tenant}/oauth2/v2.0/token` with the password grant (dev sign-in) or the on-behalf-of grant.
 * Its certificate is signed by the dev CA, which clients trust through `NODE_EXTRA_CA_CERTS`.
 */
export async function createIdentityProvider(options: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const dir = options.dir ?? ferryDevDir();
  const host = options.host ?? 'localhost';
  const clock = options.clock ?? systemClock;
  const [certificates, key] = await Promise.all([ensureDevCertificates(dir), ensureSigningKey(dir)]);
  const counters: IdpCounters = { oboExchanges: 0, jwksFetches: 0, tokenRequests: 0 };
  let url = '';

  const server: Server = createServer({ key: certificates.keyPem, cert: certificates.certPem }, (req, res) => {
    route(req, { url, key, clock, counters })
      .then((answer) => send(res, answer))
      .catch(() => send(res, { status: 500, body: { error: 'server_error', error_description: 'The dev IdP failed.' } }));
  });
  await listen(server, options.port ?? 7073, host);
  const { port } = server.address() as AddressInfo;
  url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    counters,
    close: () => closeServer(server),
  };
}

interface RouteContext {
  url: string;
  key: IdpSigningKey;
  clock: Clock;
  counters: IdpCounters;
}

async function route(req: IncomingMessage, context: RouteContext): Promise<IdpResponse> {
  const now = new Date(context.clock.now());
  const { pathname } = new URL(req.url ?? '/', 'https://idp.invalid');
  const [tenantSegment = '', ...rest] = pathname.split('/').filter((s) => s.length > 0);
  const path = rest.join('/');
  const known = ['v2.0/.well-known/openid-configuration', 'discovery/v2.0/keys', 'oauth2/v2.0/token'];
  if (!known.includes(path)) return { status: 404, body: { error: 'not_found', error_description: 'No such dev IdP route.' } };

  const tenantPath = resolveTenantPath(decodeURIComponent(tenantSegment));
  if (!tenantPath) {
    return oauthError({ status: 400, error: 'invalid_tenant', aadsts: 90002, description: `Tenant '${tenantSegment}' not found.`, now });
  }
  const expectedMethod = path === 'oauth2/v2.0/token' ? 'POST' : 'GET';
  if (req.method !== expectedMethod) {
    return { status: 405, body: { error: 'invalid_request', error_description: `Use ${expectedMethod}.` } };
  }

  if (path === 'v2.0/.well-known/openid-configuration') return { status: 200, body: openidConfiguration(context.url, tenantPath) };
  if (path === 'discovery/v2.0/keys') {
    context.counters.jwksFetches += 1;
    return { status: 200, body: { keys: [context.key.publicJwk] } };
  }

  context.counters.tokenRequests += 1;
  const form = await readForm(req);
  if (!form) {
    return oauthError({ status: 400, error: 'invalid_request', aadsts: 900144, description: 'The request body must be application/x-www-form-urlencoded and under 64 KB.', now });
  }
  const grantContext: IdpContext = { url: context.url, key: context.key, clock: context.clock, tenantPath };
  const grantType = form.get('grant_type');
  if (grantType === grantTypes.password) return passwordGrant(form, grantContext);
  if (grantType === grantTypes.obo) {
    context.counters.oboExchanges += 1;
    return oboGrant(form, grantContext);
  }
  return oauthError({ status: 400, error: 'unsupported_grant_type', aadsts: 70003, description: 'The app requested an unsupported grant type.', now });
}

function send(res: ServerResponse, answer: IdpResponse): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    pragma: 'no-cache',
  });
  res.end(body);
}
