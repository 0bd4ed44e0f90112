import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createUnzip } from 'node:zlib';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Clock } from '../../clock';
import type { PipelineRequest, PipelineResponse } from '../pipeline';
import { attemptFailure, attemptTimedOut, readErrorCode, toHeaderRecord } from './attemptFailure';
import { safeJsonParse } from './safeJsonParse';
import { TransportError } from './transportError';

export interface StreamExchangeOptions {
  signal?: AbortSignal;
  /** FERRY_GRAPH_TIMEOUT_MS: to the first byte, then between two chunks. */
  timeoutInMs: number;
  deadlineInMs?: number;
  clock: Clock;
}

/** Most bytes of a failed stream request's answer read (Graph's error JSON is far smaller). */
const maxErrorBodyBytes = 64 * 1024;

/**
 * The bytes of a 2xx stream answer as they arrive from Graph. Pulled, never read ahead: between two
 * pulls Graph's socket fills and TCP holds Graph back, so Ferry keeps about one socket buffer of the
 * file. Ending the iteration early (`return`) destroys the Graph connection.
 */
export type GraphByteStream = AsyncGenerator<Buffer, void, undefined>;

/**
 * One exchange of an operation that answers `stream` (GraphClient.stream). The attempt's timeout
 * (min of FERRY_GRAPH_TIMEOUT_MS and the deadline) runs until the headers and the first chunk of the
 * body have arrived, so everything the retry policy may repeat happens before a byte leaves for the
 * device; after that each chunk must come within FERRY_GRAPH_TIMEOUT_MS of being asked for (time the
 * device spends reading is not counted) and the deadline no longer applies: a large download takes
 * as long as the device's link needs. A non-2xx answer is read (at most 64 KB) and parsed like any
 * other, so the client maps Graph's error as usual.
 *
 * `Accept-Encoding: identity`: the bytes pass through as they are. Should Graph compress anyway, the
 * body is decoded here and its Content-Length (of the coded form) dropped.
 */
export async function sendForStream(instance: AxiosInstance, request: PipelineRequest, { signal, timeoutInMs, deadlineInMs, clock }: StreamExchangeOptions): Promise<PipelineResponse> {
  const leftInMs = deadlineInMs === undefined ? Number.POSITIVE_INFINITY : deadlineInMs - clock.now();
  if (leftInMs <= 0) throw new TransportError('DEADLINE', { deadline: { sent: false } });
  const cutByDeadline = leftInMs < timeoutInMs;
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(attemptTimedOut), Math.min(timeoutInMs, leftInMs));
  let stream: Readable | undefined;
  try {
    const response: AxiosResponse<Readable> = await instance.request<Readable>({
      url: request.url.href,
      method: request.method,
      headers: { ...request.headers, 'accept-encoding': 'identity' },
      responseType: 'stream',
      decompress: false,
      validateStatus: () => true,
      maxRedirects: 0,
      signal: signal ? AbortSignal.any([signal, timer.signal]) : timer.signal,
    });
    const headers = toHeaderRecord(response.headers);
    stream = decoded(response.data, headers);
    if (response.status < 200 || response.status > 299) {
      return { status: response.status, headers, body: safeJsonParse(await readAtMost(stream, maxErrorBodyBytes)) };
    }
    const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await iterator.next();
    return { status: response.status, headers, body: chunksOf(stream, iterator, first, timeoutInMs) };
  } catch (error) {
    stream?.destroy();
    const failure = attemptFailure(error, { signal, timer: timer.signal, cutByDeadline });
    if (failure instanceof TransportError || failure instanceof RangeError || failure === signal?.reason) throw failure;
    // The body failed before its first byte (a reset, a cut answer): a network fault like any other.
    throw new TransportError(readErrorCode(error) ?? 'ECONNRESET');
  } finally {
    clearTimeout(timeout);
  }
}

/** The body decoded when Graph sent it with a content coding despite `identity`; else as it is. */
function decoded(body: Readable, headers: Record<string, string>): Readable {
  const coding = (headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (coding === 'identity') return body;
  const decoder = coding === 'br' ? createBrotliDecompress() : ['gzip', 'x-gzip', 'deflate'].includes(coding) ? createUnzip() : undefined;
  if (!decoder) return body;
  delete headers['content-encoding'];
  delete headers['content-length'];
  return pipeline(body, decoder, () => undefined);
}

async function* chunksOf(stream: Readable, iterator: AsyncIterator<Buffer>, first: IteratorResult<Buffer>, idleInMs: number): GraphByteStream {
  try {
    let next = first;
    while (!next.done) {
      yield next.value;
      const idle = setTimeout(() => stream.destroy(new TransportError('ETIMEDOUT')), idleInMs);
      try {
        next = await iterator.next();
      } catch (error) {
        throw error instanceof TransportError ? error : new TransportError(readErrorCode(error) ?? 'ECONNRESET');
      } finally {
        clearTimeout(idle);
      }
    }
  } finally {
    // Ended early (the device went away, a range was served) or failed: let go of Graph's connection.
    stream.destroy();
  }
}

async function readAtMost(stream: Readable, maxBytes: number): Promise<string> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= maxBytes) break;
  }
  stream.destroy();
  return Buffer.concat(parts).subarray(0, maxBytes).toString('utf8');
}
