import { gzipSync } from 'node:zlib';

/** Bodies smaller than this go uncompressed. UNVERIFIED: Graph does not document a threshold. */
const minGzipBytes = 256;

/**
 * Graph answers with gzip only when asked (`Accept-Encoding: gzip`, q above 0), as HTTP servers do;
 * Graph's SDKs ask. UNVERIFIED: the docs say nothing about compression of delta pages; gzip whenever
 * asked is the harder case for a gateway compared against a direct client. Synchronous, like the
 * JSON.stringify before it: the simulator is a dev tool and keeps its write path one call.
 */
export function encodeSimBody(payload: Buffer, acceptEncoding: string | string[] | undefined): { body: Buffer; headers: Record<string, string> } {
  const offered = (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase().split(';').map((s) => s.trim()))
    .some(([name, q]) => (name === 'gzip' || name === 'x-gzip') && !/^q=0(\.0*)?$/.test(q ?? ''));
  if (!offered || payload.length < minGzipBytes) return { body: payload, headers: { Vary: 'Accept-Encoding' } };
  return { body: gzipSync(payload), headers: { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } };
}
