import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseContentCoding } from '../../../shared/protocol/chooseContentCoding';
import { compressResponse } from '../../../shared/protocol/compressResponse';

const settings = { FERRY_COMPRESS_MIN_BYTES: 1024, FERRY_BROTLI_QUALITY: 5 };
/** A realistic answer well over 1 KB. */
const large = { upserts: Array.from({ length: 40 }, (_, i) => ({ id: `AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A${i}`, subject: `Quarterly numbers ${i}`, preview: 'Thanks for sending this over so quickly. I went through the draft last night.' })) };
const small = { state: 'abc', more: false, reset: false, upserts: [], removed: [] };
const headers = { 'x-request-id': 'r1', 'content-type': 'application/json; charset=utf-8' };

describe('compressResponse', () => {
  it('sends answers under 1 KB uncompressed, whatever the device accepts', async () => {
    const answer = await compressResponse(small, 'br, gzip', headers, settings);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual(small);
    expect(answer.headers.vary).toBe('Accept-Encoding');
  });

  it('uses Brotli when offered, and the decompressed bytes are the raw answer', async () => {
    const raw = Buffer.from(JSON.stringify(large));
    const answer = await compressResponse(large, 'gzip, deflate, br', headers, settings);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(answer.body).equals(raw)).toBe(true);
    expect(answer.body.length).toBeLessThan(raw.length / 3);
    expect(answer.headers['x-request-id']).toBe('r1');
  });

  it('uses gzip when Brotli is not offered, and the decompressed bytes are the raw answer', async () => {
    const raw = Buffer.from(JSON.stringify(large));
    const answer = await compressResponse(large, 'gzip', headers, settings);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(answer.body).equals(raw)).toBe(true);
  });

  it('honours identity and a missing header: uncompressed', async () => {
    const raw = Buffer.from(JSON.stringify(large));
    for (const accept of ['identity', '', null, undefined, 'br;q=0, gzip;q=0']) {
      const answer = await compressResponse(large, accept, headers, settings);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.equals(raw)).toBe(true);
      expect(answer.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('adds Accept-Encoding to a Vary already there (CORS varies on Origin)', async () => {
    const answer = await compressResponse(large, 'br', { ...headers, vary: 'Origin' }, settings);
    expect(answer.headers.vary).toBe('Origin, Accept-Encoding');
  });

  it('uses the configured threshold', async () => {
    const answer = await compressResponse(small, 'br', headers, { ...settings, FERRY_COMPRESS_MIN_BYTES: 0 });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(answer.body).toString('utf8'))).toEqual(small);
  });
});

describe('chooseContentCoding (RFC 9110 §12.5.3)', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip, br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['gzip;q=nonsense, br;q=2', 'identity'],
    ['', 'identity'],
  ])('%j -> %s', (header, expected) => {
    expect(chooseContentCoding(header)).toBe(expected);
  });
});
