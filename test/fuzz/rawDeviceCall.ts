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
  const response = await fetch(`${hostUrl}/api/v1/${command}${query === '' ? '' : `?${query}`}`, { method, headers, body, signal: AbortSignal.timeout(clientTimeoutInMs) });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, text: bytes.toString('utf8') };
}

