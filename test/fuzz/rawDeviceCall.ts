import http from 'node:http';
import type { RawDeviceAnswer } from '../helpers/deviceAnswerProblems';
import type { FuzzRequest } from './fuzzSeeds';

/** The client gives up on an answer after this long: a hang is a failure, not a slow test. */
export const clientTimeoutInMs = 10_000;

/**
 * Sends one fuzz request to `{hostUrl}/api/v1/{command}` exactly as described (raw bytes, odd headers)
 * and returns the answer unparsed. A raw command's request (`query` set) goes as GET with that query
 * string and no Content-Type, unless the request names another method.
 */
export async function rawDeviceCall(hostUrl: string, command: string, request: FuzzRequest, bearer: string): Promise<RawDeviceAnswer> {
  const raw = request.query !== undefined;
  const method = request.method ?? (raw ? 'GET' : 'POST');
  const headers: Record<string, string> = { ...request.headers };
  if (request.contentType !== null && (!raw || request.contentType !== undefined)) headers['content-type'] = request.contentType ?? 'application/json';
  if (request.authorization !== null) headers.authorization = request.authorization ?? `Bearer ${bearer}`;
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = !hasBody ? undefined : request.rawBody !== undefined ? request.rawBody : JSON.stringify(request.body ?? {});
  const query = typeof request.query === 'string' ? request.query : request.query === undefined ? '' : new URLSearchParams(request.query).toString();
  if (raw && method === 'PUT') return putOnItsOwnConnection(`${hostUrl}/api/v1/${command}${query === '' ? '' : `?${query}`}`, headers, body);
  const response = await fetch(`${hostUrl}/api/v1/${command}${query === '' ? '' : `?${query}`}`, { method, headers, body, signal: AbortSignal.timeout(clientTimeoutInMs) });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, text: bytes.toString('utf8') };
}

/**
 * An upload chunk on a connection of its own: a refused chunk (413 before its body is read) ends its
 * connection, and a pooled keep-alive socket the host is closing must not take the next request (the
 * race a device's HTTP stack retries; the fuzzer should see only what the host answers).
 */
function putOnItsOwnConnection(url: string, headers: Record<string, string>, body: string | Uint8Array | undefined): Promise<RawDeviceAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
    let answered = false;
    const outgoing = http.request(url, { method: 'PUT', headers: { ...headers, 'content-length': String(payload.length) }, agent: false, timeout: clientTimeoutInMs }, (incoming) => {
      answered = true;
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        resolve({ status: incoming.statusCode ?? 0, headers: answerHeaders, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    // The host may answer (413) and close before the whole body is written: the answer is what counts.
    outgoing.on('error', (error) => (answered ? undefined : reject(error)));
    outgoing.end(payload);
  });
}
