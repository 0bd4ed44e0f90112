import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ensureDevCertificates } from '../../dev/certs';
import { openidConfiguration } from '../../dev/idp/openidConfiguration';
import { resolveTenantPath } from '../../dev/idp/resolveTenantPath';
import { closeServer, listen } from '../../dev/serverLifecycle';

/**
 * How the token endpoint (and any path but the OpenID metadata) answers: `silent` reads the request and
 * never answers, `stalledBody` sends 200 headers and part of a JSON body and then nothing, `html` sends a
 * complete 503 outage page.
 */
export type HungAnswer = 'silent' | 'stalledBody' | 'html';

export interface HungRequest {
  method: string;
  path: string;
  body: string;
  /** Resolves when the connection that carried the request is closed, by either side. */
  closed: Promise<void>;
}

export interface HungIdentityProvider {
  /** `https://127.0.0.1:<port>`: Ferry's FERRY_AUTHORITY. */
  url: string;
  /** Set before a test; applies to requests that arrive afterwards. */
  answer: HungAnswer;
  /** Every request except the OpenID metadata, in arrival order, with the body it sent. */
  requests: HungRequest[];
  close(): Promise<void>;
}

/**
 * An Entra-like authority over HTTPS (the dev CA's certificate, so NODE_EXTRA_CA_CERTS trusts it) on
 * 127.0.0.1 that serves the dev IdP's OpenID metadata, so MSAL finds its token endpoint, and then hangs
 * there as an unwell Entra might.
 */
export async function startHungIdentityProvider(): Promise<HungIdentityProvider> {
  const certificates = await ensureDevCertificates();
  const requests: HungRequest[] = [];
  const closedOf = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

  const server = createServer({ key: certificates.keyPem, cert: certificates.certPem }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://idp.invalid').pathname;
    const [tenant = '', ...rest] = path.split('/').filter((s) => s.length > 0);
    const tenantPath = resolveTenantPath(tenant);
    if (req.method === 'GET' && rest.join('/') === 'v2.0/.well-known/openid-configuration' && tenantPath) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(openidConfiguration(provider.url, tenantPath)));
      return;
    }
    const chunks: Buffer[] = [];
    const answer = provider.answer;
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path, body: Buffer.concat(chunks).toString('utf8'), closed: closedOf(req.socket) });
      if (answer === 'stalledBody') res.writeHead(200, { 'content-type': 'application/json', 'content-length': 4096 }).write('{"token_type":"Bearer",');
      if (answer === 'html') res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>Service unavailable</body></html>');
    });
  });
  await listen(server, 0, '127.0.0.1');
  const provider: HungIdentityProvider = {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answer: 'silent',
    requests,
    close: () => closeServer(server),
  };
  return provider;
}
