import type { RawDeviceAnswer } from '../helpers/deviceAnswerProblems';
import type { FuzzRequest } from './fuzzSeeds';

/** The client gives up on an answer after this long: a hang is a failure, not a slow test. */
export const clientTimeoutInMs = 10_000;

/**
 * Sends one fuzz request to `{hostUrl}/api/v1/{command}` exactly as described (raw bytes, odd headers)
 * and returns the answer unparsed.
 */
export async function rawDeviceCall(hostUrl: string, command: string, request: FuzzRequest, bearer: string): Promise<RawDeviceAnswer> {
  const method = request.method ?? 'POST';
  const headers: Record<string, string> = {};
  if (request.contentType !== null) headers['content-type'] = request.contentType ?? 'application/json';
  if (request.authorization !== null) headers.authorization = request.authorization ?? `Bearer ${bearer}`;
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = !hasBody ? undefined : request.rawBody !== undefined ? request.rawBody : JSON.stringify(request.body ?? {});
  const response = await fetch(`${hostUrl}/api/v1/${command}`, { method, headers, body, signal: AbortSignal.timeout(clientTimeoutInMs) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
