import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startStack, type Stack } from '../helpers/startStack';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A POST through plain node:http: nothing decodes the body or adds an Accept-Encoding behind the test. */
function rawPost(url: string, token: string, body: unknown, acceptEncoding?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(payload.length) };
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * Compression through the front door: Ferry compresses a command's answer from Accept-Encoding and
 * the local host passes the compressed bytes and their headers through untouched, as the Functions
 * host does (the device decodes them, not the host).
 */
describe('answer compression through the local host', () => {
  let stack: Stack;
  let token: string;
  let request: Record<string, unknown>;
  const upn = 'alice@contoso.test';

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token(upn);
    const inboxId = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id;
    request = { folderId: inboxId, window: 30, body: { type: 'text', maxChars: 200 } };
  });
  afterAll(() => stack.close());

  const url = () => `${stack.hostUrl}/api/v1/mail/sync`;
  /** Answers of separate calls differ only in their sealed state (fresh IV each time). */
  const withoutState = (json: Buffer) => {
    const { state, ...rest } = JSON.parse(json.toString('utf8'));
    expect(typeof state).toBe('string');
    return rest;
  };

  it('answers br to `br, gzip`, gzip to `gzip`, and the decoded bytes are the uncompressed answer', async () => {
    const raw = await rawPost(url(), token, request, 'identity');
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.headers.vary).toMatch(/Accept-Encoding/);
    expect(raw.body.length).toBeGreaterThan(1024);

    const br = await rawPost(url(), token, request, 'br, gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(br.body.length).toBeLessThan(raw.body.length / 2);
    expect(withoutState(brotliDecompressSync(br.body))).toEqual(withoutState(raw.body));

    const gzip = await rawPost(url(), token, request, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(withoutState(gunzipSync(gzip.body))).toEqual(withoutState(raw.body));
  });

  it('sends no coding without Accept-Encoding, and none on small answers or errors', async () => {
    const none = await rawPost(url(), token, request);
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(() => JSON.parse(none.body.toString('utf8'))).not.toThrow();

    // Caught up, the next answer is a few hundred bytes: state and empty lists.
    let state: string | undefined;
    for (let more = true; more; ) {
      const answer = JSON.parse((await rawPost(url(), token, { ...request, window: 200, ...(state ? { state } : {}) }, 'identity')).body.toString('utf8'));
      ({ state, more } = answer);
    }
    const small = await rawPost(url(), token, { ...request, state }, 'br, gzip');
    expect(small.status).toBe(200);
    expect(JSON.parse(small.body.toString('utf8')).upserts).toEqual([]);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();

    const problem = await rawPost(url(), token, { folderId: 'not!an*id' }, 'br, gzip');
    expect(problem.status).toBe(400);
    expect(problem.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(problem.body.toString('utf8')).code).toBe('bad_request');
  });

  /** Server-Timing's entries by name, after checking the header holds nothing else. */
  const timingOf = (headers: http.IncomingHttpHeaders): { total: number; graph: number; auth?: number; compress?: number } => {
    const header = String(headers['server-timing']);
    expect(header).toMatch(/^total;dur=\d+\.\d, graph;dur=\d+\.\d(, auth;dur=\d+\.\d)?(, compress;dur=\d+\.\d)?$/);
    return Object.fromEntries(header.split(', ').map((part) => [part.split(';')[0], Number(part.split('=')[1])]));
  };

  it('every answer says Server-Timing through the host: total >= graph (+ auth + compress), refusals graph;dur=0', async () => {
    const br = await rawPost(url(), token, request, 'br, gzip');
    expect(br.headers['content-encoding']).toBe('br');
    const timing = timingOf(br.headers);
    expect(timing.graph).toBeGreaterThan(0);
    expect(timing.compress).toBeGreaterThanOrEqual(0);
    expect(timing.total).toBeGreaterThanOrEqual(timing.graph + (timing.auth ?? 0) + (timing.compress ?? 0) - 0.3);

    const refused = await rawPost(url(), 'not-a-token', request, 'br, gzip');
    expect(refused.status).toBe(401);
    expect(timingOf(refused.headers)).toMatchObject({ graph: 0 });

    const health = await fetch(`${stack.hostUrl}/api/health`);
    expect(health.headers.get('server-timing')).toMatch(/^total;dur=\d+\.\d, graph;dur=0\.0$/);
  });
});
