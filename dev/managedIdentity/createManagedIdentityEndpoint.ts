import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../shared/clock';
import { ferryDevDir } from '../ferryDevDir';
import { ensureSigningKey } from '../idp/signingKey';
import { signToken } from '../idp/signToken';
import { devManagedIdentity } from './devManagedIdentity';
import { appTokenClaims } from './managedIdentityTokenClaims';
import { closeServer, listen } from '../serverLifecycle';

export interface ManagedIdentityEndpointOptions {
  /** Origin of the dev IdP, whose key signs the tokens and whose URL is their issuer. */
  idpUrl: string;
  /** Holds the IdP signing key; default `FERRY_DEV_DIR` or `.ferry-dev`. */
  dir?: string;
  clock?: Clock;
}

export interface ManagedIdentityEndpoint {
  /** `IDENTITY_ENDPOINT` and `IDENTITY_HEADER`, as App Service and Functions set them. */
  env: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  /** Token requests answered, by resource. */
  counters: { tokens: Record<string, number>; refused: number };
  close(): Promise<void>;
}

const tokenLifetimeInSeconds = 3600;

/**
 * The managed identity endpoint of App Service and Functions (`IDENTITY_ENDPOINT`/`IDENTITY_HEADER`,
 * "How to use managed identities for App Service and Azure Functions" on learn.microsoft.com):
 * `GET {endpoint}?api-version=2019-08-01&resource=<uri>&client_id=<uami>` with header
 * `X-IDENTITY-HEADER`, answering `{access_token, expires_on, resource, token_type, client_id}`. Tokens
 * are signed by the dev IdP's key for `devManagedIdentity`: for the vault stand-in (resource
 * `https://vault.localhost`) and for `api://AzureADTokenExchange` (federated on-behalf-of). Plain HTTP
 * on 127.0.0.1, like the platform's.
 */
export async function createManagedIdentityEndpoint(options: ManagedIdentityEndpointOptions): Promise<ManagedIdentityEndpoint> {
  const key = await ensureSigningKey(options.dir ?? ferryDevDir());
  const clock = options.clock ?? systemClock;
  const identityHeader = randomBytes(16).toString('hex');
  const counters: ManagedIdentityEndpoint['counters'] = { tokens: {}, refused: 0 };

  const answer = async (req: IncomingMessage): Promise<{ status: number; body: unknown }> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: number, message: string) => {
      counters.refused += 1;
      return { status, body: { statusCode: status, message, correlationId: randomUUID() } };
    };
    if (req.method !== 'GET' || url.pathname !== '/msi/token') return refuse(404, 'Not found.');
    if (req.headers['x-identity-header'] !== identityHeader) return refuse(401, 'X-IDENTITY-HEADER is missing or wrong.');
    const resource = url.searchParams.get('resource');
    if (!url.searchParams.get('api-version') || !resource) return refuse(400, 'api-version and resource are required.');
    const clientId = url.searchParams.get('client_id');
    if (clientId !== null && clientId !== devManagedIdentity.clientId) {
      return refuse(400, 'No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.');
    }
    const nowInSeconds = Math.floor(clock.now() / 1000);
    const claims = appTokenClaims({
      idpUrl: options.idpUrl,
      tid: devManagedIdentity.tid,
      principalId: devManagedIdentity.principalId,
      clientId: devManagedIdentity.clientId,
      aud: resource,
      nowInSeconds,
      ttlInSeconds: tokenLifetimeInSeconds,
    });
    counters.tokens[resource] = (counters.tokens[resource] ?? 0) + 1;
    return {
      status: 200,
      body: {
        access_token: await signToken(claims, key),
        expires_on: String(nowInSeconds + tokenLifetimeInSeconds),
        resource,
        token_type: 'Bearer',
        client_id: devManagedIdentity.clientId,
      },
    };
  };

  const server = createServer((req, res) => {
    answer(req)
      .then((a) => send(res, a.status, a.body))
      .catch(() => send(res, 500, { statusCode: 500, message: 'The dev managed identity endpoint failed.' }));
  });
  await listen(server, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    env: { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`, IDENTITY_HEADER: identityHeader },
    counters,
    close: () => closeServer(server),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
