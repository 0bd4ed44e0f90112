import { rawPutInit } from '../helpers/deviceCall';
import type { FuzzRequest } from './fuzzSeeds';

/*
 * The fuzzer's raw PUT mode, for an upload chunk (`PUT mail/draft/upload`): no query and no JSON; the
 * request is its headers (`Ferry-Upload`, `Content-Range`, `Content-Type`) and its bytes. The scenario's
 * own chunk (a whole small file, already uploaded: a repeat finds the attachment, 201) and single
 * mutations of it, each with the status the rule settles.
 */

/** The scenario's chunk as a fuzz request. */
function chunkRequest(label: string, valid: Record<string, string>, change: Record<string, string | undefined> = {}, expect?: number[]): FuzzRequest {
  const init = rawPutInit(valid);
  const headers: Record<string, string> = { ...init.headers };
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const { 'content-type': contentType, ...rest } = headers;
  return { label, method: 'PUT', query: '', contentType: contentType ?? null, headers: rest, rawBody: init.rawBody, ...(expect ? { expect } : {}) };
}

/** Single mutations of the scenario's chunk and fixed seeds (tokens, methods, sizes). */
export function uploadRequests(valid: Record<string, string>, randomBytes: (length: number) => Buffer): FuzzRequest[] {
  const token = valid['ferry-upload']!;
  const bytes = Buffer.from(valid.bytes ?? '', 'base64');
  const size = bytes.length;
  const flipped = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
  return [
    chunkRequest('the scenario\'s chunk again', valid, {}, [201]),
    chunkRequest('Ferry-Upload missing', valid, { 'ferry-upload': undefined }, [400]),
    chunkRequest('Ferry-Upload empty', valid, { 'ferry-upload': '' }, [400]),
    chunkRequest('Ferry-Upload one character flipped', valid, { 'ferry-upload': flipped }, [410]),
    chunkRequest('Ferry-Upload random', valid, { 'ferry-upload': randomBytes(300).toString('base64url') }, [410]),
    chunkRequest('Ferry-Upload over 16,384 characters', valid, { 'ferry-upload': 'A'.repeat(16_385) }, [410]),
    chunkRequest('Ferry-Upload a sync state', valid, { 'ferry-upload': 'AQJrMQ' + 'A'.repeat(60) }, [410]),
    chunkRequest('Content-Range missing', valid, { 'content-range': undefined }, [400]),
    ...['bytes 0-/5', 'bytes */5', 'items 0-1/2', 'bytes 1-0/5', `bytes 0-${size - 1}/${size + 1}`, `bytes 0-${size}/${size}`, 'bytes 0-99999999999999999/1', ''].map((range) =>
      chunkRequest(`Content-Range ${JSON.stringify(range)}`, valid, { 'content-range': range }, [400]),
    ),
    chunkRequest('Content-Range past the bytes sent', valid, { 'content-range': `bytes 0-${size - 2}/${size}` }, [400]),
    chunkRequest('Content-Type JSON', valid, { 'content-type': 'application/json' }, [400]),
    chunkRequest('no Content-Type', valid, { 'content-type': undefined }, [400]),
    { ...chunkRequest('no token', valid), authorization: null, expect: [401] },
    { ...chunkRequest('random bearer', valid), authorization: `Bearer ${randomBytes(24).toString('base64url')}`, expect: [401] },
    { ...chunkRequest('GET', valid), method: 'GET', rawBody: undefined, expect: [405] },
    { ...chunkRequest('POST', valid), method: 'POST', expect: [405] },
    { ...chunkRequest('a body over 3 MiB', valid), rawBody: randomBytes(3 * 1024 * 1024 + 1), expect: [413] },
    { ...chunkRequest('a query string', valid), query: 'x=1', expect: [400] },
  ];
}
