import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { loadMsal } from './loadMsal';

export interface TimedMsalNetworkClientOptions {
  /** Longest one request to the identity provider may take, answer body included (FERRY_OBO_TIMEOUT_MS). */
  timeoutInMs: number;
}

/** A Node system code (`ECONNREFUSED`, `UND_ERR_SOCKET`) from fetch's error or its cause; never free text. */
function errorCodeOf(error: unknown): string {
  for (const candidate of [error, (error as { cause?: unknown })?.cause]) {
    const code = (candidate as { code?: unknown })?.code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  }
  return 'unknown';
}

/** AuthError's second argument; MSAL's own client leaves it empty too, and Ferry logs only the error code. */
const noCorrelationId = '';

function toHeaderRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/**
 * MSAL's network module for the on-behalf-of exchange. It does what MSAL's own client (msal-node 7.2.3)
 * does, on Node's fetch, which trusts NODE_EXTRA_CA_CERTS, with one change: every request is bounded
 * from the first byte sent to the last byte of the answer read. MSAL's own POST (the token request) has
 * no timeout and its GET timeout ends at the headers, so a hung Entra endpoint would hold a device
 * request until the Functions front end gives up (230 s). The bound is `timeoutInMs`, or MSAL's own
 * `timeout` when it asks for less.
 *
 * Failures are the AuthError codes fromMsalError maps to 503 `upstream_unavailable` with Retry-After:
 * `network_error` for a timeout or a connection failure, `token_parsing_error` for an answer that is not
 * JSON. Their messages name the method and a code only, never the URL, a header or the body (the body
 * holds the device token and Ferry's client credential).
 */
export function createTimedMsalNetworkClient({ timeoutInMs }: TimedMsalNetworkClientOptions): INetworkModule {
  if (!(Number.isFinite(timeoutInMs) && timeoutInMs > 0)) throw new RangeError('timeoutInMs must be a positive number.');

  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, msalTimeoutInMs?: number): Promise<NetworkResponse<T>> => {
    const limitInMs = msalTimeoutInMs ? Math.min(msalTimeoutInMs, timeoutInMs) : timeoutInMs;
    const signal = AbortSignal.timeout(limitInMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method, headers: options?.headers, signal, ...(method === 'POST' ? { body: options?.body ?? '' } : {}) });
      // Read inside the same bound: a server that sends headers and then stalls the body is as hung as one that never answers.
      text = await response.text();
    } catch (error) {
      throw new (loadMsal().AuthError)(
        'network_error',
        noCorrelationId,
        signal.aborted ? `${method} to the identity provider timed out after ${limitInMs} ms.` : `${method} to the identity provider failed (${errorCodeOf(error)}).`,
      );
    }
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      throw new (loadMsal().AuthError)('token_parsing_error', noCorrelationId, `The identity provider answered ${method} with HTTP ${response.status} and a body that is not JSON.`);
    }
    return { headers: toHeaderRecord(response.headers), body, status: response.status };
  };

  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}
