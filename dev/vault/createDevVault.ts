import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { systemClock, type Clock } from '../../shared/clock';
import { ensureDevHostCertificate } from '../certs';
import { ferryDevDir } from '../ferryDevDir';
import { devManagedIdentity } from '../managedIdentity/devManagedIdentity';
import { ensureSigningKey } from '../idp/signingKey';
import { secretBundle, secretItem, vaultError } from './vaultBundles';
import { defaultVaultRoles, roleAllows, type VaultOperation, type VaultRole } from './vaultRoles';
import { createVaultStore, type VaultStore } from './vaultStore';
import { closeServer, listen } from '../serverLifecycle';

/** The challenge resource; the vault host must be a subdomain of it for the SDK to send a token. */
export const devVaultResource = 'https://vault.localhost';
const vaultHost = 'ferry.vault.localhost';

export interface DevVaultOptions {
  /** Holds the dev CA, the vault certificate and the IdP signing key; default `FERRY_DEV_DIR` or `.ferry-dev`. */
  dir?: string;
  clock?: Clock;
}

/**
 * An answer the vault gives instead of the real one, to authenticated requests, `times` times: 429 and
 * 5xx as throttling or an outage, 403 as a role assignment that has not reached the vault yet.
 */
export interface VaultFault {
  status: number;
  /** Sent as `Retry-After` (seconds). */
  retryAfterInSeconds?: number;
  /** How many requests get it; default every one until `faults` is emptied. */
  times?: number;
}

export interface DevVault {
  /** `https://ferry.vault.localhost:<port>`: FERRY_KEY_VAULT_URL. Needs the `*.localhost` resolver (resolveLocalhost). */
  url: string;
  store: VaultStore;
  /** Role assignments by principal (object) id; defaults: the managed identity reads, the deployer writes. */
  roles: Map<string, Set<VaultRole>>;
  /** Injected failures, applied in order after authentication. */
  faults: VaultFault[];
  /** Requests per operation (after authentication), per `get` version (`latest` for none), and the api-versions seen. */
  counters: { unauthenticated: number; operations: Record<VaultOperation, number>; getsByVersion: Record<string, number>; apiVersions: Set<string> };
  close(): Promise<void>;
}

/**
 * A Key Vault stand-in speaking the data-plane REST API the SDK uses, over HTTPS with a dev-CA
 * certificate for `ferry.vault.localhost`: get secret (latest or a version), list versions, set secret,
 * update secret properties; any `api-version`. Like Key Vault, a request without a valid bearer token
 * gets 401 with `WWW-Authenticate: Bearer authorization="…/{tenant}", resource="https://vault.localhost"`
 * (the SDK's challenge flow); tokens must be signed by the dev IdP for that resource. Access follows
 * Azure RBAC roles: 403 `ForbiddenByRbac` without one; a disabled version is 403 `SecretDisabled`.
 */
export async function createDevVault(options: DevVaultOptions = {}): Promise<DevVault> {
  const dir = options.dir ?? ferryDevDir();
  const clock = options.clock ?? systemClock;
  const [certificate, key] = await Promise.all([ensureDevHostCertificate(dir, 'vault.localhost', [vaultHost, '*.vault.localhost']), ensureSigningKey(dir)]);
  const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
  const store = createVaultStore(clock);
  const vault: Omit<DevVault, 'url' | 'close'> = {
    store,
    roles: defaultVaultRoles(),
    faults: [],
    counters: { unauthenticated: 0, operations: { get: 0, list: 0, set: 0, update: 0 }, getsByVersion: {}, apiVersions: new Set() },
  };
  let url = '';

  const principalOf = async (req: IncomingMessage): Promise<string | undefined> => {
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
    try {
      const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'], audience: devVaultResource, currentDate: new Date(clock.now()) });
      return typeof payload.oid === 'string' ? payload.oid : undefined;
    } catch {
      return undefined;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = new URL(req.url ?? '/', url);
    const body = await readJson(req);
    const principal = await principalOf(req);
    if (!principal) {
      vault.counters.unauthenticated += 1;
      return send(res, 401, vaultError('Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'), {
        'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${devManagedIdentity.tid}", resource="${devVaultResource}"`,
      });
    }
    const apiVersion = target.searchParams.get('api-version');
    if (!apiVersion) return send(res, 400, vaultError('BadParameter', 'The api-version query parameter is required.'));
    vault.counters.apiVersions.add(apiVersion);
    const route = routeOf(req.method ?? 'GET', target.pathname);
    if (!route) return send(res, 404, vaultError('NotFound', 'No such Key Vault operation in the dev stand-in.'));
    vault.counters.operations[route.operation] += 1;

    const fault = vault.faults[0];
    if (fault) {
      if (fault.times !== undefined && --fault.times <= 0) vault.faults.shift();
      const headers = fault.retryAfterInSeconds !== undefined ? { 'retry-after': String(fault.retryAfterInSeconds) } : undefined;
      const body =
        fault.status === 403
          ? vaultError('Forbidden', 'Caller is not authorized to perform action on resource.', 'ForbiddenByRbac')
          : vaultError(fault.status === 429 ? 'Throttled' : 'ServiceUnavailable', 'Injected failure.');
      return send(res, fault.status, body, headers);
    }
    if (!roleAllows(vault.roles.get(principal) ?? new Set(), route.operation)) {
      return send(res, 403, vaultError('Forbidden', `Caller is not authorized to perform action on resource. Operation: ${route.operation}.`, 'ForbiddenByRbac'));
    }
    const notFound = () => send(res, 404, vaultError('SecretNotFound', `A secret with (name/id) ${route.name}/${route.version ?? ''} was not found in this key vault.`));

    switch (route.operation) {
      case 'get': {
        vault.counters.getsByVersion[route.version ?? 'latest'] = (vault.counters.getsByVersion[route.version ?? 'latest'] ?? 0) + 1;
        const entry = store.get(route.name, route.version);
        if (!entry) return notFound();
        if (!entry.enabled) return send(res, 403, vaultError('Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled'));
        return send(res, 200, secretBundle(url, entry));
      }
      case 'list':
        // UNVERIFIED: listing the versions of a secret that does not exist is answered with an empty list.
        return send(res, 200, { value: store.versions(route.name).map((v) => secretItem(url, v)), nextLink: null });
      case 'set': {
        if (typeof body?.value !== 'string') return send(res, 400, vaultError('BadParameter', 'The request body must hold a string value.'));
        const enabled = (body.attributes as { enabled?: boolean } | undefined)?.enabled;
        const entry = store.set(route.name, body.value, { contentType: body.contentType as string | undefined, tags: body.tags as Record<string, string> | undefined, enabled });
        return send(res, 200, secretBundle(url, entry));
      }
      case 'update': {
        const enabled = (body?.attributes as { enabled?: boolean } | undefined)?.enabled;
        const entry = store.update(route.name, route.version ?? '', { enabled, contentType: body?.contentType as string | undefined, tags: body?.tags as Record<string, string> | undefined });
        return entry ? send(res, 200, secretBundle(url, entry, false)) : notFound();
      }
    }
  };

  const server: Server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, (req, res) => {
    handle(req, res).catch(() => send(res, 500, vaultError('InternalError', 'The dev vault failed.')));
  });
  await listen(server, 0, '127.0.0.1');
  url = `https://${vaultHost}:${(server.address() as AddressInfo).port}`;
  return {
    ...vault,
    url,
    close: () => closeServer(server),
  };
}

interface VaultRoute {
  operation: VaultOperation;
  name: string;
  version?: string;
}

/** `/secrets/{name}[/{version}]` (GET, PATCH), `/secrets/{name}/versions` (GET), `/secrets/{name}` (PUT). */
function routeOf(method: string, pathname: string): VaultRoute | undefined {
  const match = /^\/secrets\/([0-9A-Za-z-]{1,127})(?:\/([^/]*))?\/?$/.exec(pathname);
  if (!match) return undefined;
  const name = match[1]!;
  const rest = match[2] || undefined;
  if (method === 'GET' && rest === 'versions') return { operation: 'list', name };
  if (method === 'GET') return { operation: 'get', name, version: rest };
  if (method === 'PUT' && rest === undefined) return { operation: 'set', name };
  if (method === 'PATCH' && rest !== undefined) return { operation: 'update', name, version: rest };
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
