import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import { isAnswerTooLarge } from '../../../shared/graph/graphErrors';
import { buildRequest } from '../../../shared/graph/operations';
import { maxGraphAnswerBytes } from '../../../shared/graph/transport/axiosTransport';
import { getFolder, rejectionOf, sendMail, token } from './helpers/setupClient';

/** The cap on Graph answers (axios maxContentLength), over a real socket: axios enforces it while reading. */
describe('answer size cap', () => {
  let server: http.Server;
  let graphUrl: string;
  let requests = 0;
  const big = JSON.stringify({ id: 'inbox', value: [{ id: 'x'.repeat(4096) }] });

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests++;
      request.resume();
      request.on('end', () => {
        if (request.url?.includes('chunked')) {
          // No Content-Length: the cap must hold while the body streams in.
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write(big.slice(0, 2048));
          response.end(big.slice(2048));
          return;
        }
        response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': String(big.length) }).end(big);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const noSleep = { now: () => 0, sleep: async () => undefined };

  it('is 32 MiB by default', () => {
    expect(maxGraphAnswerBytes).toBe(32 * 1024 * 1024);
  });

  it('reads an answer within the cap', async () => {
    const client = createGraphClient({ graphUrl, getToken: async () => token, clock: noSleep, maxAnswerBytes: big.length });
    await expect(client.send(getFolder)).resolves.toMatchObject({ status: 200, body: { id: 'inbox' } });
  });

  it.each([
    ['with Content-Length', getFolder],
    ['streamed without Content-Length', buildRequest('mailFolders.childFolders', { folderId: 'chunked' })],
  ])('past it (%s): 502 upstream_error, logReason answer_too_large, not asked again', async (_name, request) => {
    requests = 0;
    const client = createGraphClient({ graphUrl, getToken: async () => token, clock: noSleep, maxAnswerBytes: 1024 });
    const error = await rejectionOf(client.send(request));
    expect(error).toMatchObject({ code: 'upstream_error', status: 502, logReason: 'answer_too_large' });
    expect(isAnswerTooLarge(error)).toBe(true);
    expect(requests).toBe(1);
  });

  it('past it for a send: Graph acted, its answer was not read: 502 outcome_unknown', async () => {
    requests = 0;
    const client = createGraphClient({ graphUrl, getToken: async () => token, clock: noSleep, maxAnswerBytes: 1024 });
    const error = await rejectionOf(client.send({ ...sendMail, operation: 'messages.create', path: '/me/messages' }));
    expect(error).toMatchObject({ code: 'outcome_unknown', outcomeUnknown: true, logReason: 'answer_too_large' });
    expect(isAnswerTooLarge(error)).toBe(true);
    expect(requests).toBe(1);
  });

  it('also bounds what Ferry sends: a body past it is a programming mistake, never sent', async () => {
    requests = 0;
    const client = createGraphClient({ graphUrl, getToken: async () => token, clock: noSleep, maxAnswerBytes: 1024 });
    await expect(client.send({ ...sendMail, body: { message: { subject: 'x'.repeat(2048) } } })).rejects.toBeInstanceOf(RangeError);
    expect(requests).toBe(0);
  });
});
