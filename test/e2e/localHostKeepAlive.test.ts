import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * A device's HTTP stack keeps its connection to Ferry alive and sends the next request on it. Large
 * request bodies must not cost that connection: a body refused unread (413 on its Content-Length), a
 * body refused part-way (413 once past the limit, no Content-Length), and a 3 MiB upload chunk are each
 * followed by another request on the same socket, which succeeds.
 */
const upn = 'alice@contoso.test';

interface Answer {
  status: number;
  json: any;
  /** The client's local port: the same port is the same connection. */
  localPort: number;
  reused: boolean;
}

describe('kept-alive connections after large request bodies', () => {
  let stack: Stack;
  let alice: string;
  let agent: http.Agent;

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: [{ user: upn, messageCount: 3, folderCount: 0 }] } });
    alice = await stack.token(upn);
  });
  beforeEach(() => {
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => agent.destroy());
  afterAll(() => stack.close());

  function send(route: string, body: Buffer | string | Iterable<Buffer>, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const url = new URL(`${stack.hostUrl}/api/v1/${route}`);
    const headers: Record<string, string> = { authorization: `Bearer ${alice}`, 'content-type': 'application/json', ...init.headers };
    const chunked = typeof body !== 'string' && !Buffer.isBuffer(body);
    if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const request = http.request(url, { method: init.method ?? 'POST', agent, headers });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : undefined, localPort: request.socket!.localPort!, reused: request.reusedSocket });
        });
      });
      request.on('error', reject);
      if (!chunked) return void request.end(body);
      void (async () => {
        for (const chunk of body) if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
        request.end();
      })().catch(reject);
    });
  }

  const sync = () => send('folders/sync', JSON.stringify({}));

  it('a body refused on its Content-Length (413, unread): the next request goes on the same connection', async () => {
    const first = await sync();
    expect(first.status).toBe(200);
    const refused = await send('mail/draft', JSON.stringify({ clientMessageId: 'big', subject: 'x', body: { type: 'text', content: 'A'.repeat(3 * 1024 * 1024) } }));
    expect([refused.status, refused.json.code]).toEqual([413, 'payload_too_large']);
    const next = await sync();
    expect([next.status, next.localPort, next.reused]).toEqual([200, first.localPort, true]);
  });

  it('a chunked body refused part-way (413 past the limit): the next request goes on the same connection', async () => {
    const first = await sync();
    const parts = function* () {
      yield Buffer.from('{"clientMessageId":"big","subject":"x","body":{"type":"text","content":"');
      for (let i = 0; i < 48; i++) yield Buffer.alloc(64 * 1024, 0x41);
      yield Buffer.from('"}}');
    };
    const refused = await send('mail/draft', parts());
    expect([refused.status, refused.json.code]).toEqual([413, 'payload_too_large']);
    const next = await sync();
    expect([next.status, next.localPort, next.reused]).toEqual([200, first.localPort, true]);
  });

  it('a 3 MiB upload chunk: the next request goes on the same connection', async () => {
    const draft = await send('mail/draft', JSON.stringify({ clientMessageId: 'with-file', subject: 'File' }));
    expect(draft.status).toBe(200);
    const file = randomBytes(4 * 1024 * 1024);
    const begun = await send('mail/draft/attachment', JSON.stringify({ draftId: draft.json.draftId, name: 'f.bin', contentType: 'application/octet-stream', size: file.length }));
    expect(begun.status).toBe(200);
    const chunk = file.subarray(0, begun.json.chunkMax);
    expect(chunk.length).toBe(3 * 1024 * 1024);
    const put = await send('mail/draft/upload', chunk, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'ferry-upload': begun.json.upload, 'content-range': `bytes 0-${chunk.length - 1}/${file.length}` },
    });
    expect(put.status).toBe(200);
    const next = await sync();
    expect([next.status, next.localPort, next.reused]).toEqual([200, draft.localPort, true]);
  });
});
