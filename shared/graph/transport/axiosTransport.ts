import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Clock } from '../../clock';
import type { ServerTiming } from '../../observability/serverTiming';
import type { PipelineResponse, SendRequest } from '../pipeline';
import { safeJsonParse } from './safeJsonParse';
import { TransportError } from './transportError';
import { attemptFailure, attemptTimedOut, toHeaderRecord } from './attemptFailure';
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
  /** Counts each exchange, from sending to its last byte (or to the headers of a stream), as `graph`; parsing is Ferry's. */
  timing?: ServerTiming;
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
export function createAxiosTransport(instance: AxiosInstance, { signal, timeoutInMs, deadlineInMs, clock, maxAnswerBytes = maxGraphAnswerBytes, timing }: AxiosTransportOptions): SendRequest {
  return async (request): Promise<PipelineResponse> => {
    if (request.answer === 'stream') {
      const streaming = () => sendForStream(instance, request, { signal, timeoutInMs, deadlineInMs, clock });
      return timing ? timing.time('graph', streaming) : streaming();
    }
    const leftInMs = deadlineInMs === undefined ? Number.POSITIVE_INFINITY : deadlineInMs - clock.now();
    if (leftInMs <= 0) throw new TransportError('DEADLINE', { deadline: { sent: false } });
    const cutByDeadline = leftInMs < timeoutInMs;
    // axios's own `timeout` is an idle timer on the socket: a body trickling in would never trip it.
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(attemptTimedOut), Math.min(timeoutInMs, leftInMs));
    let response: AxiosResponse<unknown>;
    const endGraph = timing?.begin('graph');
    try {
      response = await instance.request<unknown>({
        url: request.url.href,
        method: request.method,
        headers: { ...request.headers },
        data: request.body === undefined ? undefined : request.body instanceof Uint8Array ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength) : JSON.stringify(request.body),
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
      endGraph?.();
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
