import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import { attachmentValueRequest } from '../../../shared/graph/requests/messageRequests';
import { isFerryError } from '../../../shared/protocol/ferryError';
import { TransportError } from '../../../shared/graph/transport/transportError';
import { getFolder } from './helpers/setupClient';

/** One step of an answer: wait, then write the head or a chunk, or end. */
type Step = { waitInMs?: number } & ({ head: number; headers?: Record<string, string> } | { chunk: string; latin1?: true } | { end: true });

/**
 * GraphClient.stream against a real socket on loopback (a `$value` is a stream, which the fake axios
 * adapter cannot give): the attempt's timeout runs to the headers and the first chunk, then
 * FERRY_GRAPH_TIMEOUT_MS between chunks; retried only before the first chunk.
 */
describe('GraphClient.stream', () => {
  let server: http.Server;
  let origin: string;
  /** The script of each request, by its number (the last repeats). */
  let scripts: Step[][] = [];
  let requests = 0;
  const seen: Array<Record<string, string | string[] | undefined>> = [];

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      seen.push(req.headers);
      const script = scripts[Math.min(requests++, scripts.length - 1)]!;
      for (const step of script) {
        if (step.waitInMs) await new Promise((resolve) => setTimeout(resolve, step.waitInMs));
        if (res.destroyed) return;
        if ('head' in step) res.writeHead(step.head, step.headers ?? {});
        else if ('chunk' in step) res.write(Buffer.from(step.chunk, step.latin1 ? 'latin1' : 'utf8'));
        else res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests = 0;
    seen.length = 0;
  });

  const client = (options: { attemptTimeoutInMs?: number; deadlineInMs?: number } = {}) =>
    createGraphClient({ graphUrl: origin, getToken: async () => 'token', attemptTimeoutInMs: options.attemptTimeoutInMs ?? 600, deadlineInMs: options.deadlineInMs, random: () => 0 });
  const request = attachmentValueRequest('AAMkMsg', 'AAMkAtt');
  async function read(body: AsyncIterable<Buffer>): Promise<string> {
    let text = '';
    for await (const chunk of body) text += chunk.toString();
    return text;
  }
  const file = (waitBetweenInMs = 0): Step[] => [{ head: 200, headers: { 'content-type': 'application/pdf', 'content-length': '9' } }, { chunk: 'abc' }, { waitInMs: waitBetweenInMs, chunk: 'def' }, { waitInMs: waitBetweenInMs, chunk: 'ghi' }, { end: true }];

  it('hands on the bytes as they come, asking for them as they are, with immutable ids and no compression', async () => {
    scripts = [file()];
    const answer = await client().stream(request);
    expect([answer.status, answer.headers['content-length'], answer.headers['content-type']]).toEqual([200, '9', 'application/pdf']);
    expect(await read(answer.body)).toBe('abcdefghi');
    expect(seen[0]).toMatchObject({ 'accept-encoding': 'identity', accept: '*/*', prefer: expect.stringContaining('IdType="ImmutableId"') });
  });

  it('retries an answer whose headers do not come within the attempt timeout', async () => {
    scripts = [[{ waitInMs: 1500, head: 200 }, { end: true }], file()];
    expect(await read((await client().stream(request)).body)).toBe('abcdefghi');
    expect(requests).toBe(2);
  });

  it('retries an answer whose first chunk does not come within it: nothing went on yet', async () => {
    scripts = [[{ head: 200, headers: { 'content-length': '9' } }, { waitInMs: 1500, chunk: 'abc' }, { end: true }], file()];
    expect(await read((await client().stream(request)).body)).toBe('abcdefghi');
    expect(requests).toBe(2);
  });

  it('retries a connection that drops before the first chunk', async () => {
    scripts = [[{ head: 200, headers: { 'content-length': '9' } }, { waitInMs: 20, chunk: '' }], file()];
    server.once('request', (_req, res) => setTimeout(() => res.destroy(), 10));
    expect(await read((await client().stream(request)).body)).toBe('abcdefghi');
    expect(requests).toBe(2);
  });

  it('fails the stream, never retrying, when a later chunk does not come within the timeout', async () => {
    scripts = [file(1500)];
    const answer = await client().stream(request);
    const failure = await read(answer.body).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as TransportError).code).toBe('ETIMEDOUT');
    expect(requests).toBe(1);
  });

  it('lets a slow body run past the attempt timeout and the deadline while each chunk comes in time', async () => {
    scripts = [file(200)];
    const answer = await client({ attemptTimeoutInMs: 600, deadlineInMs: Date.now() + 250 }).stream(request);
    expect(await read(answer.body)).toBe('abcdefghi');
  });

  it('maps an error answer like any other (404 ErrorItemNotFound: not_found)', async () => {
    scripts = [[{ head: 404, headers: { 'content-type': 'application/json' } }, { chunk: JSON.stringify({ error: { code: 'ErrorItemNotFound', message: 'x' } }) }, { end: true }]];
    const failure = await client().stream(request).catch((error: unknown) => error);
    expect(isFerryError(failure) && failure.code).toBe('not_found');
  });

  it('decodes an answer Graph compressed despite identity, and drops its (coded) Content-Length', async () => {
    const coded = gzipSync(Buffer.from('abcdefghi'));
    scripts = [[{ head: 200, headers: { 'content-encoding': 'gzip', 'content-length': String(coded.length) } }, { chunk: coded.toString('latin1'), latin1: true }, { end: true }]];
    const answer = await client().stream(request);
    expect([answer.headers['content-encoding'], answer.headers['content-length']]).toEqual([undefined, undefined]);
    expect(await read(answer.body)).toBe('abcdefghi');
  });

  it('refuses an operation that does not answer a stream', async () => {
    await expect(client().stream(getFolder)).rejects.toThrow(TypeError);
  });
});
