import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { ensureDevCertificates } from '../certs';
import { ferryDevDir } from '../ferryDevDir';
import { closeServer, listen } from '../serverLifecycle';

/** One Application Insights envelope as the exporter sends it (`name`, `data.baseType`, `data.baseData`, `tags`). */
export interface IngestedEnvelope {
  name?: string;
  iKey?: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
  [key: string]: unknown;
}

export interface IngestedPost {
  path: string;
  /** The decompressed body exactly as sent. */
  bodyText: string;
  /** The Authorization header, when there was one (Entra ID ingestion). */
  authorization?: string;
  envelopes: IngestedEnvelope[];
}

export interface IngestionStandIn {
  /** `https://127.0.0.1:<port>` (the dev certificate covers 127.0.0.1). */
  url: string;
  instrumentationKey: string;
  /** What `APPLICATIONINSIGHTS_CONNECTION_STRING` should say to send here. */
  connectionString: string;
  /** Every accepted POST, in arrival order. */
  posts: IngestedPost[];
  envelopes(): IngestedEnvelope[];
  /** Resolves once `predicate` holds for the envelopes received so far; rejects after `timeoutInMs`. */
  waitFor(predicate: (envelopes: IngestedEnvelope[]) => boolean, timeoutInMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface IngestionStandInOptions {
  port?: number;
  /** Holds the dev certificates; default `FERRY_DEV_DIR` or `.ferry-dev`. */
  dir?: string;
  /** Answer 401 to a POST without `Authorization: Bearer` (an Application Insights resource with local auth off). */
  requireBearer?: boolean;
}

/**
 * A stand-in for Application Insights ingestion (`POST {IngestionEndpoint}/v2.1/track`, gzip or plain
 * JSON array of envelopes), over HTTPS with the dev certificate, so the real Azure Monitor exporter
 * can send to it and tests can read everything that would have left the process. Answers like the
 * service: 200 with `itemsReceived`/`itemsAccepted`. Never deployed.
 */
export async function createIngestionStandIn(options: IngestionStandInOptions = {}): Promise<IngestionStandIn> {
  const certificates = await ensureDevCertificates(options.dir ?? ferryDevDir());
  const instrumentationKey = randomUUID();
  const posts: IngestedPost[] = [];
  const waiters = new Set<() => void>();

  const server: Server = createServer({ key: certificates.keyPem, cert: certificates.certPem }, (req, res) => {
    receive(req)
      .then((body) => {
        const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
        if (req.method !== 'POST' || !/\/v2(\.1)?\/track$/.test(path)) return send(res, 404, { error: 'not found' });
        const authorization = req.headers.authorization;
        if (options.requireBearer && !/^Bearer \S+$/.test(authorization ?? '')) return send(res, 401, { itemsReceived: 0, itemsAccepted: 0, errors: [] });
        const bodyText = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        const parsed = JSON.parse(bodyText) as IngestedEnvelope | IngestedEnvelope[];
        const envelopes = Array.isArray(parsed) ? parsed : [parsed];
        posts.push({ path, bodyText, authorization, envelopes });
        for (const wake of waiters) wake();
        send(res, 200, { itemsReceived: envelopes.length, itemsAccepted: envelopes.length, appId: null, errors: [] });
      })
      .catch(() => send(res, 400, { itemsReceived: 0, itemsAccepted: 0, errors: [{ index: 0, statusCode: 400, message: 'Unreadable body.' }] }));
  });
  await listen(server, options.port ?? 0, '127.0.0.1');
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const envelopes = () => posts.flatMap((post) => post.envelopes);

  return {
    url,
    instrumentationKey,
    connectionString: `InstrumentationKey=${instrumentationKey};IngestionEndpoint=${url}/`,
    posts,
    envelopes,
    waitFor(predicate, timeoutInMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(envelopes())) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`The ingestion stand-in did not receive the expected telemetry within ${timeoutInMs} ms (${posts.length} posts).`));
        }, timeoutInMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => closeServer(server),
  };
}

function receive(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
