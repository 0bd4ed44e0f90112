import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { chooseContentCoding } from './chooseContentCoding';
import type { ServerTiming } from '../observability/serverTiming';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface CompressionSettings {
  /** Answers smaller than this (UTF-8 bytes) go uncompressed: the coding's framing would eat the gain. */
  FERRY_COMPRESS_MIN_BYTES: number;
  /** Brotli quality, 0 to 11. */
  FERRY_BROTLI_QUALITY: number;
}

export interface CompressedResponse {
  body: Buffer;
  headers: Record<string, string>;
}

/**
 * A JSON answer serialized and, when the device accepts it and it is at least
 * `FERRY_COMPRESS_MIN_BYTES`, compressed: Brotli (quality `FERRY_BROTLI_QUALITY`, default 5, sized with
 * BROTLI_PARAM_SIZE_HINT) before gzip (zlib's default level). Node's default Brotli quality, 11,
 * spends about 186 ms on one 150 KB answer; 4 to 5 come close in size at a small fraction of the time
 * (docs/performance.md). zlib's async API keeps the work off the event loop.
 *
 * `headers` are the answer's other headers; `Vary: Accept-Encoding` joins any `Vary` there, since the
 * answer depends on that header whether or not this one is compressed. Only for whole JSON answers
 * built in memory, never for streamed downloads (a stream's size is not known up front, and the
 * device may want byte ranges of what it stores).
 */
export async function compressResponse(
  value: unknown,
  acceptEncoding: string | null | undefined,
  headers: Record<string, string>,
  settings: CompressionSettings,
  timing?: ServerTiming,
): Promise<CompressedResponse> {
  const raw = Buffer.from(JSON.stringify(value), 'utf8');
  const vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  const coding = raw.length < settings.FERRY_COMPRESS_MIN_BYTES ? 'identity' : chooseContentCoding(acceptEncoding);
  if (coding === 'identity') return { body: raw, headers: { ...headers, vary } };
  const compressing = () =>
    coding === 'br'
      ? brotliAsync(raw, {
          params: {
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_QUALITY]: settings.FERRY_BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        })
      : gzipAsync(raw);
  // Only the coding itself counts as `compress` in Server-Timing; serializing is Ferry's own time.
  const body = timing ? await timing.time('compress', compressing) : await compressing();
  return { body, headers: { ...headers, vary, 'content-encoding': coding } };
}
