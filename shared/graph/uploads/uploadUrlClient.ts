import axios, { type AxiosInstance } from 'axios';
import { checkOutboundUrl, refuseRedirect } from '../../net/checkOutboundUrl';
import { createGuardedAgent } from '../../net/createGuardedAgent';
import { OutboundRefusedError } from '../../net/outboundRefusal';
import { mayHaveReachedGraph } from '../transport/transportError';

/** One answer of an upload URL: status, headers (lower-case names), the JSON body when there is one. */
export interface UploadUrlAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The upload URL did not answer. `sent` false: nothing reached it (refused connection, DNS, TLS);
 * true: the chunk may have arrived. Only a log-safe code, never the URL (it holds an authtoken).
 */
export class UploadUrlError extends Error {
  constructor(
    readonly code: string,
    readonly sent: boolean,
  ) {
    super(`Upload URL request failed: ${code}`);
    this.name = 'UploadUrlError';
  }
}

export interface UploadUrlOptions {
  /** FERRY_UPLOAD_ORIGINS: the only origins an upload URL may have. */
  origins: readonly string[];
  /** Timeout of the attempt, answer included (FERRY_GRAPH_TIMEOUT_MS, cut to the command's deadline). */
  timeoutInMs: number;
  /** Injected by tests; default one process-wide guarded instance per origin list. */
  axios?: AxiosInstance;
}

const instances = new Map<string, AxiosInstance>();

/** Keep-alive agents of the outbound guard, the configured loopback origins (the local simulator) excepted. */
function uploadAxios(origins: readonly string[]): AxiosInstance {
  const key = origins.join(',');
  let instance = instances.get(key);
  if (!instance) {
    instance = axios.create({
      httpAgent: createGuardedAgent({ protocol: 'http:', loopbackOrigins: origins }),
      httpsAgent: createGuardedAgent({ protocol: 'https:', loopbackOrigins: origins }),
      maxRedirects: 0,
      validateStatus: () => true,
    });
    instances.set(key, instance);
  }
  return instance;
}

/** Whether an upload URL Graph handed out passes the guard's static rules for FERRY_UPLOAD_ORIGINS. */
export function isAllowedUploadUrl(url: string, origins: readonly string[]): boolean {
  return checkOutboundUrl(url, origins) === undefined;
}

/**
 * One request to an upload session's URL (https://learn.microsoft.com/graph/outlook-large-attachments):
 * a chunk's PUT with `Content-Range`, or a GET of the session. The URL carries its own authtoken, so
 * the request has no `Authorization` header (Graph's token must never reach another origin), no
 * `Prefer` and nothing else of Graph's. The URL passes the outbound guard first (exact origin of
 * FERRY_UPLOAD_ORIGINS, https, no IP literal, no private address at connect); a redirect is refused.
 * Never retried here: the caller knows whether a repeat is harmless (the last chunk's is not).
 */
export async function sendToUploadUrl(
  method: 'PUT' | 'GET',
  url: string,
  options: UploadUrlOptions,
  chunk?: { bytes: Uint8Array; range: string },
): Promise<UploadUrlAnswer> {
  const refusal = checkOutboundUrl(url, options.origins);
  if (refusal !== undefined) throw new OutboundRefusedError(refusal);
  const client = options.axios ?? uploadAxios(options.origins);
  let response;
  try {
    response = await client.request({
      method,
      url,
      maxRedirects: 0,
      validateStatus: () => true,
      timeout: options.timeoutInMs,
      maxContentLength: 64 * 1024,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      headers: chunk
        ? { 'content-type': 'application/octet-stream', 'content-range': chunk.range, 'content-length': String(chunk.bytes.byteLength), accept: 'application/json' }
        : { accept: 'application/json' },
      data: chunk ? Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength) : undefined,
    });
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw error;
    if ((error as { cause?: unknown }).cause instanceof OutboundRefusedError) throw (error as { cause: OutboundRefusedError }).cause;
    const code = typeof (error as { code?: unknown }).code === 'string' ? ((error as { code: string }).code) : 'UNKNOWN';
    throw new UploadUrlError(/^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'UNKNOWN', mayHaveReachedGraph(code));
  }
  const redirect = refuseRedirect(response.status);
  if (redirect !== undefined) throw new OutboundRefusedError(redirect);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  let body: unknown;
  try {
    body = typeof response.data === 'string' && response.data.length > 0 ? JSON.parse(response.data) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers, body };
}
