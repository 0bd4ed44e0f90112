import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import type { GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import { buildRequest } from '../../../shared/graph/operations';
import { sendWithLookUp } from '../../../shared/graph/sendWithLookUp';
import { toProblem } from '../../../shared/protocol/problem';
import { createFakeClock } from './helpers/fakeClock';
import { graphError, ok, type FakeReply } from './helpers/fakeGraph';
import { hangingTransport } from './helpers/hangingTransport';
import { getFolder, rejectionOf, sendMail, setupClient, token } from './helpers/setupClient';

/**
 * The Graph client's rule per failure (issue 6), one test per row and column, through a fake socket
 * (an axios adapter) and, for the faults only a real socket can produce, a loopback server.
 */
const createMessage: GraphRequest = { operation: 'messages.create', method: 'POST', path: '/me/messages', body: { subject: 's' }, idempotent: false };

describe('rule table: idempotent requests', () => {
  it.each([
    ['429', graphError(429, 'TooManyRequests', { 'retry-after': '1' })],
    ['503', graphError(503, 'ServiceUnavailable', { 'retry-after': '1' })],
    ['504', { status: 504 } as FakeReply],
  ])('%s: retried within the wait budget, same client-request-id', async (_name, failure) => {
    const { client, graph } = setupClient();
    graph.reply(failure, ok({ id: 'inbox' }));
    await expect(client.send(getFolder)).resolves.toMatchObject({ status: 200 });
    expect(graph.calls).toHaveLength(2);
    expect(graph.calls[1]!.headers['client-request-id']).toBe(graph.calls[0]!.headers['client-request-id']);
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'CERT_HAS_EXPIRED'])('%s (nothing sent): one retry, then 503 upstream_unavailable', async (code) => {
    const { client, graph } = setupClient();
    graph.reply({ networkError: code });
    await expect(client.send(getFolder)).rejects.toMatchObject({ code: 'upstream_unavailable', status: 503, retryAfterInMs: 1000 });
    expect(graph.calls).toHaveLength(2);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED'])('%s after bytes were sent: one retry, then 503 upstream_unavailable', async (code) => {
    const { client, graph } = setupClient();
    graph.reply({ networkError: code });
    const error = await rejectionOf(client.send(getFolder));
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, transportErrorCode: code, outcomeUnknown: false });
    expect(graph.calls).toHaveLength(2);
  });

  it.each([
    ['cut', { status: 200, rawBody: '{"id":"inb' } as FakeReply],
    ['not JSON', { status: 200, rawBody: '<html>' } as FakeReply],
    ['off-schema (an array for an entity)', ok([{ id: 'inbox' }])],
  ])('2xx with a %s body: one retry, then 502 upstream_error', async (_name, reply) => {
    const { client, graph } = setupClient();
    graph.reply(reply);
    await expect(client.send(getFolder)).rejects.toMatchObject({ code: 'upstream_error', status: 502, logReason: 'broken_body', graphStatus: 200 });
    expect(graph.calls).toHaveLength(2);
  });

  it('one connection fault in all: a reset then a cut body is not retried a second time', async () => {
    const { client, graph } = setupClient();
    graph.reply({ networkError: 'ECONNRESET' }, { status: 200, rawBody: '{' }, ok({ id: 'inbox' }));
    await expect(client.send(getFolder)).rejects.toMatchObject({ code: 'upstream_error', logReason: 'broken_body' });
    expect(graph.calls).toHaveLength(2);
  });

  it('throttling retries do not use up the connection-fault retry', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '1' }), { networkError: 'ECONNRESET' }, graphError(503, 'ServiceUnavailable'), ok({ id: 'x' }));
    await expect(client.send(getFolder)).resolves.toMatchObject({ status: 200 });
    expect(graph.calls).toHaveLength(4);
    expect(new Set(graph.calls.map((c) => c.headers['client-request-id'])).size).toBe(1);
  });
});

describe('rule table: requests that are not idempotent', () => {
  it('429: retried like any request', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '1' }), { status: 201, body: { id: 'm' } });
    await expect(client.send(createMessage)).resolves.toMatchObject({ status: 201 });
    expect(graph.calls).toHaveLength(2);
  });

  it.each([503, 504])('%i: never re-sent, 502 outcome_unknown', async (status) => {
    const { client, graph } = setupClient();
    graph.reply({ status, headers: { 'retry-after': '1' } });
    await expect(client.send(createMessage)).rejects.toMatchObject({ code: 'outcome_unknown', status: 502, outcomeUnknown: true });
    expect(graph.calls).toHaveLength(1);
  });

  it('nothing sent: retried', async () => {
    const { client, graph } = setupClient();
    graph.reply({ networkError: 'EAI_AGAIN' }, { status: 201, body: { id: 'm' } });
    await expect(client.send(createMessage)).resolves.toMatchObject({ status: 201 });
    expect(graph.calls).toHaveLength(2);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT'])('%s after bytes were sent: never re-sent, 502 outcome_unknown', async (code) => {
    const { client, graph } = setupClient();
    graph.reply({ networkError: code });
    await expect(client.send(createMessage)).rejects.toMatchObject({ code: 'outcome_unknown', outcomeUnknown: true, transportErrorCode: code });
    expect(graph.calls).toHaveLength(1);
  });

  it('2xx with a cut body: it was written, never re-sent, 502 outcome_unknown', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 201, rawBody: '{"id":' });
    await expect(client.send(createMessage)).rejects.toMatchObject({ code: 'outcome_unknown', graphStatus: 201, logReason: 'broken_body' });
    expect(graph.calls).toHaveLength(1);
  });
});

describe('the command\'s look-up (sendWithLookUp)', () => {
  const lookUpRequest = buildRequest('messages.get', { messageId: 'created' });

  it('an outcome Graph lost is looked up: found, the look-up answer stands; the write is sent once', async () => {
    const { client, graph } = setupClient();
    graph.reply({ networkError: 'ECONNRESET' }, ok({ id: 'created' }));
    const response = await sendWithLookUp(client, createMessage, (g) => g.send(lookUpRequest));
    expect(response.body).toEqual({ id: 'created' });
    expect(graph.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
  });

  it('not found: 502 outcome_unknown', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 504 });
    await expect(sendWithLookUp(client, createMessage, async () => undefined)).rejects.toMatchObject({ code: 'outcome_unknown' });
    expect(graph.calls).toHaveLength(1);
  });

  it('the look-up itself failed: 502 outcome_unknown, not the look-up\'s error', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 503 }, graphError(404, 'ErrorItemNotFound'));
    await expect(sendWithLookUp(client, createMessage, (g) => g.send(lookUpRequest))).rejects.toMatchObject({ code: 'outcome_unknown' });
    expect(graph.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
  });

  it('a failure with a known outcome is passed on without a look-up', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(400, 'ErrorInvalidRecipients'));
    const lookUp = jest.fn(async () => undefined);
    await expect(sendWithLookUp(client, createMessage, lookUp)).rejects.toMatchObject({ code: 'upstream_error' });
    expect(lookUp).not.toHaveBeenCalled();
  });
});

describe('redirects and Location', () => {
  it.each([301, 302, 303, 307, 308])('a %i is not followed: 502 upstream_error, one call', async (status) => {
    const { client, graph } = setupClient();
    graph.reply({ status, headers: { location: 'https://graph.microsoft.com/v1.0/me/mailFolders/other' } });
    await expect(client.send(getFolder)).rejects.toMatchObject({ code: 'upstream_error', graphStatus: status });
    expect(graph.calls).toHaveLength(1);
  });

  it('a 410 on a delta restarts from Ferry\'s own template: its Location is never requested', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 410, headers: { location: 'https://evil.example/v1.0/me/mailFolders/delta' }, body: { error: { code: 'SyncStateNotFound' } } });
    await expect(client.send(buildRequest('mailFolders.delta', {}))).rejects.toMatchObject({ name: 'GraphSyncResetError' });
    expect(graph.calls.map((c) => c.url.origin)).toEqual(['https://graph.microsoft.com']);
  });
});

describe('Retry-After to the device: whole seconds, at least 1', () => {
  it.each([
    ['2.128', 3],
    ['0.2', 1],
    ['0', 1],
    ['7', 7],
  ])('Graph says %s s, past the budget: the device gets %i', async (retryAfter, seconds) => {
    const { client, graph } = setupClient({ waitBudgetInMs: 0 });
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': retryAfter }));
    const problem = toProblem((await rejectionOf(client.send(getFolder))) as GraphRequestError, 'req-1');
    expect(problem.status).toBe(429);
    expect(problem.headers['retry-after']).toBe(String(seconds));
    expect(problem.body.retryAfter).toBe(seconds);
  });

  it('an HTTP-date 1.5 s ahead (injected clock) becomes 2', async () => {
    const { client, graph, clock } = setupClient({ waitBudgetInMs: 0 });
    graph.reply(graphError(503, 'ServiceUnavailable', { 'retry-after': new Date(clock.now() + 1500).toUTCString() }));
    const problem = toProblem((await rejectionOf(client.send(getFolder))) as GraphRequestError, 'req-1');
    // toUTCString drops the milliseconds: the date may be up to 999 ms earlier than 1.5 s ahead.
    expect(problem).toMatchObject({ status: 503, headers: { 'retry-after': expect.stringMatching(/^[12]$/) } });
  });

  it('no Retry-After from Graph: the backoff Ferry wanted, at least 1', async () => {
    const { client, graph } = setupClient({ waitBudgetInMs: 0 });
    graph.reply(graphError(503, 'ServiceUnavailable'));
    const problem = toProblem((await rejectionOf(client.send(getFolder))) as GraphRequestError, 'req-1');
    expect(problem).toMatchObject({ status: 503, headers: { 'retry-after': '1' }, body: { code: 'upstream_unavailable', retryAfter: 1 } });
  });
});

describe('the attempt timeout (FERRY_GRAPH_TIMEOUT_MS)', () => {
  afterEach(() => jest.useRealTimers());


  it('is 10 s by default, covers the whole exchange, and fails as ETIMEDOUT: retried once when idempotent', async () => {
    jest.useFakeTimers({ now: 0 });
    const calls: number[] = [];
    const client = createGraphClient({
      graphUrl: 'https://graph.microsoft.com',
      getToken: async () => token,
      transport: hangingTransport(calls),
      clock: createFakeClock(),
      random: () => 0,
    });
    const settled = jest.fn();
    const result = client.send(getFolder).then(() => settled('resolved'), (error: unknown) => {
      settled('rejected');
      return error;
    });
    await jest.advanceTimersByTimeAsync(9_999);
    expect(calls).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([0, 10_000]);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(settled).toHaveBeenCalledWith('rejected');
    await expect(result).resolves.toMatchObject({ code: 'upstream_unavailable', transportErrorCode: 'ETIMEDOUT' });
  });

  it('a non-idempotent request that timed out is not sent again', async () => {
    jest.useFakeTimers({ now: 0 });
    const calls: number[] = [];
    const client = createGraphClient({
      graphUrl: 'https://graph.microsoft.com',
      getToken: async () => token,
      transport: hangingTransport(calls),
      clock: createFakeClock(),
      attemptTimeoutInMs: 400,
    });
    const result = rejectionOf(client.send(sendMail));
    await jest.advanceTimersByTimeAsync(400);
    await expect(result).resolves.toMatchObject({ code: 'outcome_unknown', transportErrorCode: 'ETIMEDOUT' });
    expect(calls).toEqual([0]);
  });
});

/** Faults only a real socket gives: a reset after the request arrived, a body cut short, a stream dropped. */
describe('real sockets', () => {
  let server: http.Server;
  let graphUrl: string;
  let mode: 'reset' | 'cut' | 'drop' | 'ok' = 'ok';
  let requests = 0;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests++;
      request.resume();
      request.on('end', () => {
        const body = JSON.stringify({ value: [{ id: 'a' }, { id: 'b' }] });
        if (mode === 'reset') return request.socket.resetAndDestroy();
        if (mode === 'cut') return response.writeHead(200, { 'content-type': 'application/json', 'content-length': '12' }).end(body.slice(0, 12));
        if (mode === 'drop') {
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
          return response.write(body.slice(0, 12), () => response.destroy());
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(body);
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
  const page = buildRequest('mailFolders.childFolders', { folderId: 'inbox' });

  it.each([
    ['reset', { code: 'upstream_unavailable', status: 503 }],
    ['cut', { code: 'upstream_error', status: 502, logReason: 'broken_body' }],
    ['drop', { code: 'upstream_unavailable', status: 503 }],
  ] as const)('%s: an idempotent page is tried twice, then fails', async (fault, expected) => {
    mode = fault;
    requests = 0;
    const client = createGraphClient({ graphUrl, getToken: async () => token, clock: noSleep });
    await expect(client.page(page)).rejects.toMatchObject(expected);
    expect(requests).toBe(2);
  });

  it.each(['reset', 'cut', 'drop'] as const)('%s: a write is sent once, 502 outcome_unknown', async (fault) => {
    mode = fault;
    requests = 0;
    const client = createGraphClient({ graphUrl, getToken: async () => token, clock: noSleep });
    await expect(client.send(createMessage)).rejects.toMatchObject({ code: 'outcome_unknown', outcomeUnknown: true });
    expect(requests).toBe(1);
  });

  it('a healthy answer after the faults', async () => {
    mode = 'ok';
    const client = createGraphClient({ graphUrl, getToken: async () => token, clock: noSleep });
    await expect(client.page(page)).resolves.toEqual({ value: [{ id: 'a' }, { id: 'b' }] });
  });
});
