import http from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';

const brotliDecompressAsync = promisify(brotliDecompress);
const gunzipAsync = promisify(gunzip);

export interface LinkAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The decoded JSON body (undefined when empty). */
  json: unknown;
  /** Body bytes as they crossed the link (compressed when the answer was). */
  wireBodyBytes: number;
  /** Body bytes after decoding. */
  decodedBodyBytes: number;
}

export interface LinkRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Path and query, e.g. `/api/v1/mail/sync` or `/v1.0/me/...`. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Bytes sent as they are instead of `body` (an upload chunk; its Content-Type in `headers`). */
  rawBody?: Buffer;
}

export interface LinkClient {
  /** Counts of this client's requests since creation. */
  readonly requests: number;
  request(request: LinkRequest): Promise<LinkAnswer>;
  close(): void;
}

/**
 * An HTTP client as a device app has one: one keep-alive connection per host, an `Accept-Encoding` it
 * always sends (`identity`, `gzip`, or `br, gzip`), bodies decoded as the answer says. Plain node:http
 * so nothing decodes or adds headers behind the bench's back.
 */
export function createLinkClient(baseUrl: string, acceptEncoding: string): LinkClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(baseUrl);
  let requests = 0;
  const once = (request: LinkRequest): Promise<LinkAnswer> =>
    new Promise((resolve, reject) => {
      const payload = request.rawBody ?? (request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body)));
      const headers: Record<string, string> = { 'accept-encoding': acceptEncoding, accept: 'application/json', ...request.headers };
      if (payload) Object.assign(headers, { 'content-type': 'application/json', ...request.headers, 'content-length': String(payload.length) });
      const outgoing = http.request({ host: base.hostname, port: base.port, method: request.method, path: request.path, headers, agent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const wire = Buffer.concat(chunks);
          decode(wire, incoming.headers['content-encoding']).then((decoded) => {
            // A download's bytes are no JSON: only JSON (and problem+json) answers are parsed.
            const isJson = /json/i.test(String(incoming.headers['content-type'] ?? 'application/json'));
            const text = isJson ? decoded.toString('utf8') : '';
            resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, json: text ? JSON.parse(text) : undefined, wireBodyBytes: wire.length, decodedBodyBytes: decoded.length });
          }, reject);
        });
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  return {
    get requests() {
      return requests;
    },
    async request(request) {
      requests++;
      try {
        return await once(request);
      } catch (error) {
        // A kept-alive connection the server closed while idle: the request never reached it.
        if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || (error as Error).message === 'socket hang up') return once(request);
        throw error;
      }
    },
    close: () => agent.destroy(),
  };
}

async function decode(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (!encoding || encoding === 'identity') return body;
  if (encoding === 'br') return brotliDecompressAsync(body);
  if (encoding === 'gzip') return gunzipAsync(body);
  throw new Error(`unexpected content-encoding ${encoding}`);
}
