import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { Clock } from '../../clock';
import type { PipelineResponse, SendRequest } from '../pipeline';
import { safeJsonParse } from './safeJsonParse';
import { TransportError } from './transportError';
import { sendForStream } from './sendForStream';

export interface AxiosTransportOptions {
  signal?: AbortSignal;
  /** Per attempt (FERRY_GRAPH_TIMEOUT_MS). */
  timeoutInMs: number;
  /** Epoch ms: the command's deadline. An attempt gets at most the time left; with none left it is not started. */
  deadlineInMs?: number;
  /** Reads the time left before the deadline. */
  clock: Clock;
  /** Largest answer read, in bytes. Default maxGraphAnswerBytes. */
  maxAnswerBytes?: number;
}

/**
 * The largest Graph answer Ferry reads, in bytes (axios `maxContentLength`); the same bound caps a
 * request body (`maxBodyLength`), which Ferry builds from a device request far smaller than this.
 * 32 MiB: the largest answers Ferry asks for are pages of at most 50 messages with their bodies (a few
 * MiB even with HTML bodies; attachment content is never fetched, see mailGet), so a bigger one is a
 * malfunction or a page Ferry should ask again in smaller parts, and holding it (as a string, then
 * parsed) would cost an instance several times that in memory with 4 requests in flight.
 */
export const maxGraphAnswerBytes = 32 * 1024 * 1024;

/** axios's own message for an answer past maxContentLength (its code, ERR_BAD_RESPONSE, is shared with other faults). */
const tooLargeMessage = /^maxContentLength size of \d+ exceeded$/;

/** Node puts the system code on the error, its cause, or (Happy Eyeballs) the first of an AggregateError. */
export function readErrorCode(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown })?.code;
    if (typeof code === 'string') return code;
    const first = (candidate as { errors?: unknown[] })?.errors?.[0];
    const nested = (first as { code?: unknown })?.code;
    if (typeof nested === 'string') return nested;
  }
  return undefined;
}

export function toHeaderRecord(headers: AxiosResponse['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  const plain: Record<string, unknown> =
    typeof (headers as { toJSON?: unknown })?.toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : (headers ?? {});
  for (const [name, value] of Object.entries(plain)) {
    if (value === undefined || value === null) continue;
    record[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return record;
}

/** Why the per-attempt timer aborted an attempt (told apart from the caller's own abort). */
export const attemptTimedOut = Symbol('attemptTimedOut');

/**
 * What an attempt that threw becomes: the caller's abort reason, a timeout (`ETIMEDOUT`, or `DEADLINE`
 * when the command's deadline cut the attempt shorter), an answer too large, or a TransportError with
 * the network code only. A body larger than the cap that Ferry built is a programming mistake.
 */
export function attemptFailure(error: unknown, { signal, timer, cutByDeadline }: { signal?: AbortSignal; timer: AbortSignal; cutByDeadline: boolean }): unknown {
  if (signal?.aborted) return signal.reason;
  if (timer.aborted) return cutByDeadline ? new TransportError('DEADLINE', { deadline: { sent: true } }) : new TransportError('ETIMEDOUT');
  if (axios.isAxiosError(error) && tooLargeMessage.test(error.message)) return new TransportError('ERR_ANSWER_TOO_LARGE');
  // Nothing was sent; Ferry built a body no Graph operation takes: a programming mistake.
  if (axios.isAxiosError(error) && error.message === 'Request body larger than maxBodyLength limit') {
    return new RangeError('A Graph request body is larger than the answer size cap (maxGraphAnswerBytes).');
  }
  if (axios.isAxiosError(error)) return new TransportError(readErrorCode(error));
  return error;
}

/**
 * The transport under the policies: one HTTP exchange through axios. No redirect is followed
 * (`maxRedirects: 0`: a 3xx is an answer like any other). The response is read as text and parsed here:
 * a 2xx whose body is not JSON is marked `brokenBody` (a body cut short) instead of an axios parse error.
 * A network failure becomes a TransportError carrying only its code; the attempt's timeout
 * (`timeoutInMs`, FERRY_GRAPH_TIMEOUT_MS) covers the whole exchange, body included, and fails as
 * `ETIMEDOUT`, or `DEADLINE` when the command's deadline cut it shorter (or left no time to start it);
 * an answer past maxGraphAnswerBytes fails as `ERR_ANSWER_TOO_LARGE`; an abort by the caller rethrows
 * the signal's reason.
 */
export function createAxiosTransport(instance: AxiosInstance, { signal, timeoutInMs, deadlineInMs, clock, maxAnswerBytes = maxGraphAnswerBytes }: AxiosTransportOptions): SendRequest {
  return async (request): Promise<PipelineResponse> => {
    if (request.answer === 'stream') return sendForStream(instance, request, { signal, timeoutInMs, deadlineInMs, clock });
    const leftInMs = deadlineInMs === undefined ? Number.POSITIVE_INFINITY : deadlineInMs - clock.now();
    if (leftInMs <= 0) throw new TransportError('DEADLINE', { deadline: { sent: false } });
    const cutByDeadline = leftInMs < timeoutInMs;
    // axios's own `timeout` is an idle timer on the socket: a body trickling in would never trip it.
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(attemptTimedOut), Math.min(timeoutInMs, leftInMs));
    let response: AxiosResponse<unknown>;
    try {
      response = await instance.request<unknown>({
        url: request.url.href,
        method: request.method,
        headers: { ...request.headers },
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        transformRequest: [(data: unknown) => data],
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        maxRedirects: 0,
        maxContentLength: maxAnswerBytes,
        maxBodyLength: maxAnswerBytes,
        signal: signal ? AbortSignal.any([signal, timer.signal]) : timer.signal,
      });
    } catch (error) {
      throw attemptFailure(error, { signal, timer: timer.signal, cutByDeadline });
    } finally {
      clearTimeout(timeout);
    }
    const body = safeJsonParse(response.data);
    const text = typeof response.data === 'string' ? response.data : '';
    const ok = response.status >= 200 && response.status <= 299;
    return {
      status: response.status,
      headers: toHeaderRecord(response.headers),
      body,
      ...(ok && body === undefined && text.trim() !== '' ? { brokenBody: true } : {}),
    };
  };
}
