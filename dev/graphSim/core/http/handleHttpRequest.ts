import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findUser } from '../../../directory';
import { GraphError, graphErrors } from '../graphError';
import { runBatch } from './runBatch';
import { abandoned, errorResponse, runOperation, waitFor, type Pipeline, type RequestIds } from './runOperation';
import type { SimResponse } from '../simContext';
import { bodyBytes, SimByteStream } from '../simResponses';
import type { SimStats } from '../simStats';
import { pipeline, Readable } from 'node:stream';
import { toSimRequest } from './toSimRequest';
import { encodeSimBody } from './encodeSimBody';
import { readBoundedBody } from './readBoundedBody';
import type { TokenVerifier } from './verifyGraphToken';

/** Graph rejects request bodies over 4 MB. */
const maxBodyInBytes = 4 * 1024 * 1024;

/**
 * JSON bodies, and a Content-Type saying so; an image (a photo's `$value`, profilephoto-update: "Content-Type:
 * image/jpeg") as its bytes; Graph's 400 otherwise.
 */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (/^image\/[\w.+-]+\s*(?:;|$)/i.test(contentType ?? '')) return raw;
  if (!/^application\/json\b/i.test(contentType ?? '')) throw graphErrors.badJson();
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw graphErrors.badJson();
  }
}

/** The origin the client used (so it can follow our links on that origin), when the Host header is sane. */
function baseUrlOf(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? `http://${host}` : fallback;
}

/** The request's headers, one string each (repeated ones joined). */
export function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function write(res: ServerResponse, response: SimResponse, ids: RequestIds, stats: SimStats): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
  if (response.body instanceof SimByteStream) {
    // Made as the client reads (backpressure), counted as each chunk is handed to the socket; never gzipped.
    const stream = response.body;
    res.writeHead(response.status, { ...headers, ...(stream.withLength ? { 'Content-Length': String(stream.length) } : {}) });
    const whole = stream.open();
    const source = stream.cutAfter === undefined ? whole : Readable.from(firstBytes(whole, stream.cutAfter));
    source.on('data', (chunk: Buffer) => stats.streamed(chunk.length));
    if (stream.cutAfter === undefined) return void pipeline(source, res, () => undefined);
    // A dropped connection: the bytes so far, then no end (no last chunk, or fewer bytes than Content-Length).
    source.pipe(res, { end: false });
    source.once('end', () => setImmediate(() => res.destroy()));
    return;
  }
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const encoded = encodeSimBody(bodyBytes(response.body), res.req?.headers['accept-encoding']);
  res.writeHead(response.status, { ...headers, ...encoded.headers, 'Content-Length': String(encoded.body.length) }).end(encoded.body);
}

/** The first `count` bytes of a stream, then its end (the rest is never made). */
async function* firstBytes(source: Readable, count: number): AsyncGenerator<Buffer> {
  let sent = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    if (sent + chunk.length >= count) {
      yield chunk.subarray(0, count - sent);
      break;
    }
    sent += chunk.length;
    yield chunk;
  }
  source.destroy();
}

/**
 * Ends when the client goes away before its answer is written, or when the simulator closes (`closing`):
 * a request waiting out a latency schedule then stops waiting and gives back its mailbox slot.
 */
function untilGone(res: ServerResponse, closing: AbortSignal | undefined): AbortSignal {
  const gone = new AbortController();
  const abort = () => gone.abort();
  closing?.addEventListener('abort', abort, { once: true });
  res.once('close', () => {
    closing?.removeEventListener('abort', abort);
    if (!res.writableFinished) abort();
  });
  return gone.signal;
}

/**
 * The HTTP front door: request ids, body, token, then `$batch` or one operation. Logs nothing about
 * the request (paths carry ids, bodies carry mail).
 */
export function createRequestListener(pipe: Pipeline, verify: TokenVerifier, fallbackBaseUrl: () => string, closing?: AbortSignal) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const headers = headersOf(req);
    const signal = untilGone(res, closing);
    const ids: RequestIds = { requestId: randomUUID(), clientRequestId: headers['client-request-id'] ?? randomUUID() };
    const now = () => pipe.sim.clock.now();
    pipe.sim.stats.request();
    const body = readBoundedBody(req, maxBodyInBytes, () => new GraphError(413, 'RequestEntityTooLarge', 'The request body is too large.'));
    body.catch(() => undefined); // a read failure is answered by respond()
    const respond = () =>
      handle(req, body, headers, ids, signal).catch((error: unknown) => {
        if (error instanceof GraphError && error.status === 401) pipe.sim.stats.unauthorized();
        return errorResponse(error, ids, now());
      });
    const send = (response: SimResponse) => write(res, response, ids, pipe.sim.stats);
    // The fault layer (dev/graphSim/faults/) decides, for Ferry's requests, whether and how the answer fails.
    const served = pipe.faults ? pipe.faults.serve({ req, res, headers, ids, body, respond, send }) : respond().then(send);
    served.catch(() => res.destroy());
  };

  async function handle(req: IncomingMessage, rawBody: Promise<Buffer>, headers: Record<string, string>, ids: RequestIds, signal: AbortSignal): Promise<SimResponse> {
    const raw = await rawBody;
    const url = new URL(req.url ?? '/', 'http://graph.invalid');
    const match = /^\/v1\.0(\/.*)?$/.exec(url.pathname);
    // UNVERIFIED: Graph's answer for another version segment.
    if (!match) throw new GraphError(400, 'BadRequest', `Invalid version: ${url.pathname.split('/')[1] ?? ''}`);
    const { oid, azp, scopes } = await verify(headers.authorization);
    const body = parseBody(raw, headers['content-type']);
    const caller = { oid, azp, scopes, user: findUser(oid), baseUrl: baseUrlOf(req, fallbackBaseUrl()) };
    const request = toSimRequest(req.method ?? 'GET', `${match[1] ?? '/'}${url.search}`, headers, body);
    if (request.path === '/$batch') {
      if (request.method !== 'POST') throw graphErrors.methodNotAllowed();
      pipe.sim.stats.operation(oid, 'batch');
      const injected = pipe.injector.take(oid, 'request', 'batch');
      if (injected) {
        pipe.sim.stats.throttled();
        throw injected;
      }
      // A schedule for `batch` delays the envelope; its items take their own turns.
      if (!(await waitFor(pipe.sim, pipe.sim.latency.take(oid, 'batch'), signal))) throw abandoned();
      return runBatch(pipe, caller, body, ids, signal);
    }
    return runOperation(pipe, caller, request, 'request', ids, signal);
  }
}
