import type { BatchResult, GraphRequest } from '../../../shared/graph/graphRequest';
import { buildRequest } from '../../../shared/graph/operations';
import type { RecordedCall } from './helpers/fakeGraph';
import { graphError, ok } from './helpers/fakeGraph';
import { rejectionOf, setupClient } from './helpers/setupClient';

interface SentItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

const itemsOf = (call: RecordedCall) => (call.body as { requests: SentItem[] }).requests;
const getMessage = (id: string): GraphRequest => buildRequest('messages.get', { messageId: id }, { query: { $select: 'subject' } });
const createMessage: GraphRequest = { operation: 'messages.create', method: 'POST', path: '/me/messages', body: { subject: 's' }, idempotent: false };
/** The item's own answer status (undefined when Graph gave none for it). */
const statusOf = (result: BatchResult) => result.response?.status;
const bodyOf = (result: BatchResult) => (result.ok ? result.response.body : undefined) as { url: string };
const errorOf = (result: BatchResult) => (result.ok ? undefined : result.error);

/** Answers every item of a $batch with 200 and its own url, in reverse order. */
const echoBatch = (call: RecordedCall) =>
  ok({ responses: itemsOf(call).map((item) => ({ id: item.id, status: 200, headers: {}, body: { url: item.url } })).reverse() });

describe('batch', () => {
  it('sends one $batch POST with relative urls, queries and per-item Prefer', async () => {
    const { client, graph } = setupClient();
    graph.reply(echoBatch);

    await client.batch([
      getMessage('AAMk/a+b='),
      buildRequest('messages.get', { messageId: 'x' }, { headers: { Prefer: 'outlook.body-content-type="text"' } }),
    ]);

    expect(graph.calls).toHaveLength(1);
    const [call] = graph.calls;
    expect(call!.method).toBe('POST');
    expect(call!.url.href).toBe('https://graph.microsoft.com/v1.0/$batch');
    expect(itemsOf(call!)).toEqual([
      { id: '1', method: 'GET', url: '/me/messages/AAMk%2Fa%2Bb%3D?%24select=subject', headers: { prefer: 'IdType="ImmutableId"' } },
      { id: '2', method: 'GET', url: '/me/messages/x', headers: { prefer: 'IdType="ImmutableId", outlook.body-content-type="text"' } },
    ]);
  });

  it('maps answers given out of order back to request order', async () => {
    const { client, graph } = setupClient();
    graph.reply(echoBatch);
    const responses = await client.batch(['a', 'b', 'c'].map(getMessage));
    expect(responses.map((r) => bodyOf(r).url)).toEqual([
      '/me/messages/a?%24select=subject',
      '/me/messages/b?%24select=subject',
      '/me/messages/c?%24select=subject',
    ]);
    expect(responses.every((r) => r.ok && r.response.requestId === 'b6c2a1f0-0000-4000-8000-000000000001')).toBe(true);
  });

  it('splits more than 20 requests into $batch POSTs of at most 20', async () => {
    const { client, graph } = setupClient();
    graph.reply(echoBatch);
    const ids = Array.from({ length: 45 }, (_, i) => `m${i}`);

    const responses = await client.batch(ids.map(getMessage));

    expect(graph.calls.map((call) => itemsOf(call).length)).toEqual([20, 20, 5]);
    expect(responses).toHaveLength(45);
    expect(bodyOf(responses[44]!).url).toBe('/me/messages/m44?%24select=subject');
  });

  it('reads each item body by its own Content-Type: base64 bytes for non-JSON, none for a 204 with body null', async () => {
    const { client, graph } = setupClient();
    const file = Buffer.from('%PDF-1.7 \u0000\u00ff', 'latin1');
    graph.reply(
      ok({
        responses: [
          { id: '1', status: 200, headers: { 'Content-Type': 'application/pdf' }, body: file.toString('base64') },
          { id: '2', status: 204, headers: {}, body: null },
          { id: '3', status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: 'c' } },
        ],
      }),
    );

    const responses = await client.batch(['a', 'b', 'c'].map(getMessage));

    expect(responses.map((r) => r.ok)).toEqual([true, true, true]);
    expect(responses[0]!.response!.body).toEqual(file);
    expect(responses[1]!.response).toMatchObject({ status: 204, body: undefined });
    expect(responses[2]!.response!.body).toEqual({ id: 'c' });
  });

  it('re-sends only the items answered 429, after their Retry-After', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply(
      ok({
        responses: [
          { id: '2', status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'ApplicationThrottled' } } },
          { id: '1', status: 200, body: { id: 'a' } },
          { id: '3', status: 404, body: { error: { code: 'ErrorItemNotFound' } } },
        ],
      }),
      ok({ responses: [{ id: '2', status: 200, body: { id: 'b' } }] }),
    );

    const responses = await client.batch(['a', 'b', 'c'].map(getMessage));

    expect(graph.calls.map((call) => itemsOf(call).map((item) => item.id))).toEqual([['1', '2', '3'], ['2']]);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([3000]);
    expect(responses.map(statusOf)).toEqual([200, 200, 404]);
    // Item failures other than 429 are returned, already mapped, not thrown.
    expect(errorOf(responses[2]!)).toMatchObject({ code: 'not_found', graphCode: 'ErrorItemNotFound', operation: 'messages.get' });
  });

  it('waits for the longest Retry-After among throttled items, falling back to the batch header', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply(
      ok(
        {
          responses: [
            { id: '1', status: 429, headers: { 'retry-after': '1.5' } },
            { id: '2', status: 429 },
            { id: '3', status: 200 },
          ],
        },
        { 'retry-after': '2' },
      ),
      ok({ responses: [{ id: '1', status: 200 }, { id: '2', status: 200 }] }),
    );
    await client.batch(['a', 'b', 'c'].map(getMessage));
    expect(clock.sleeps.map((s) => s.ms)).toEqual([2000]);
  });

  it('returns the items still throttled when the budget runs out', async () => {
    const { client, graph, clock } = setupClient({ waitBudgetInMs: 5000 });
    graph.reply(
      ok({ responses: [{ id: '1', status: 200 }, { id: '2', status: 429, headers: { 'retry-after': '4' } }] }),
      ok({ responses: [{ id: '2', status: 429, headers: { 'retry-after': '4' } }] }),
    );

    const responses = await client.batch(['a', 'b'].map(getMessage));

    expect(graph.calls).toHaveLength(2);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([4000]);
    expect(responses.map(statusOf)).toEqual([200, 429]);
    expect(errorOf(responses[1]!)).toMatchObject({ code: 'throttled', retryAfterInMs: 4000 });
  });

  it('retries a throttled $batch request as a whole', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '1' }), echoBatch);
    const responses = await client.batch(['a', 'b'].map(getMessage));
    expect(graph.calls.map((call) => itemsOf(call).length)).toEqual([2, 2]);
    expect(responses.map(statusOf)).toEqual([200, 200]);
  });

  it('gives every item the failure of the $batch request itself, without an answer of its own', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(400, 'BadRequest'));
    const [result] = await client.batch(['a'].map(getMessage));
    expect(result).toMatchObject({ ok: false, error: { code: 'upstream_error', graphStatus: 400 } });
    expect(result!.response).toBeUndefined();
  });

  it('re-sends once only the item Graph left unanswered, then answers it upstream_error; the answered item is kept', async () => {
    const { client, graph } = setupClient();
    graph.reply(ok({ responses: [{ id: '1', status: 200 }] }), ok({ responses: [] }));
    const responses = await client.batch(['a', 'b'].map(getMessage));
    expect(graph.calls.map((call) => itemsOf(call).map((item) => item.id))).toEqual([['1', '2'], ['2']]);
    expect(responses[0]).toMatchObject({ ok: true, response: { status: 200 } });
    expect(errorOf(responses[1]!)).toMatchObject({ code: 'upstream_error', logReason: 'broken_body' });
  });

  it('retries an idempotent batch whose envelope was cut, once, with the same client-request-id', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 200, rawBody: '{"responses":[{"id":"1","sta' }, echoBatch);
    const responses = await client.batch(['a', 'b'].map(getMessage));
    expect(responses.map(statusOf)).toEqual([200, 200]);
    expect(graph.calls).toHaveLength(2);
    expect(graph.calls[1]!.headers['client-request-id']).toBe(graph.calls[0]!.headers['client-request-id']);
  });

  it('never re-sends a POST item after a cut envelope: outcome_unknown for it; its idempotent neighbour is re-sent alone', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 200, rawBody: '{"responses":[' }, echoBatch);
    const responses = await client.batch([getMessage('a'), createMessage]);
    expect(errorOf(responses[1]!)).toMatchObject({ code: 'outcome_unknown', status: 502, outcomeUnknown: true });
    expect(responses[0]).toMatchObject({ ok: true, response: { status: 200 } });
    expect(graph.calls.map((call) => itemsOf(call).map((item) => item.method))).toEqual([['GET', 'POST'], ['GET']]);
  });

  it('sends items answered 503/504 again when idempotent, and returns a POST item\'s 503 as it is', async () => {
    const { client, graph, clock } = setupClient();
    const create = createMessage;
    graph.reply(
      ok({
        responses: [
          { id: '1', status: 503, headers: { 'retry-after': '2' } },
          { id: '2', status: 504 },
          { id: '3', status: 503 },
        ],
      }),
      ok({ responses: [{ id: '1', status: 200 }, { id: '2', status: 200 }] }),
    );
    const responses = await client.batch([getMessage('a'), getMessage('b'), create]);
    expect(graph.calls.map((call) => itemsOf(call).map((item) => item.id))).toEqual([['1', '2', '3'], ['1', '2']]);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([2000]);
    expect(responses.map(statusOf)).toEqual([200, 200, 503]);
    expect(errorOf(responses[2]!)).toMatchObject({ code: 'outcome_unknown', outcomeUnknown: true });
  });

  it('judges each item of a $batch answered 503: the POST is never re-sent (outcome_unknown), the GET is', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 503, headers: { 'retry-after': '1' } }, echoBatch);
    const create = createMessage;

    const responses = await client.batch([getMessage('a'), create]);
    expect(errorOf(responses[1]!)).toMatchObject({ code: 'outcome_unknown', status: 502, outcomeUnknown: true });
    expect(responses[0]).toMatchObject({ ok: true, response: { status: 200 } });
    expect(graph.calls.map((call) => itemsOf(call).map((item) => item.id))).toEqual([['1', '2'], ['1']]);
    expect(itemsOf(graph.calls[0]!)[1]).toEqual({
      id: '2',
      method: 'POST',
      url: '/me/messages',
      headers: { prefer: 'IdType="ImmutableId"', 'content-type': 'application/json' },
      body: { subject: 's' },
    });
  });

  it('retries an idempotent batch on 503', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 503, headers: { 'retry-after': '1' } }, echoBatch);
    await client.batch([getMessage('a')]);
    expect(graph.calls).toHaveLength(2);
  });

  it('sends nothing for an empty list', async () => {
    const { client, graph } = setupClient();
    await expect(client.batch([])).resolves.toEqual([]);
    expect(graph.calls).toHaveLength(0);
  });

  it('refuses an item link on another origin before sending anything', async () => {
    const { client, graph } = setupClient();
    const foreign: GraphRequest = { operation: 'messages.delta', method: 'GET', path: '', link: 'https://evil.example/v1.0/me', idempotent: true };
    const error = await rejectionOf(client.batch([...Array.from({ length: 25 }, (_, i) => getMessage(`m${i}`)), foreign]));
    expect(error).toMatchObject({ code: 'upstream_error', logReason: 'foreign_link' });
    expect(graph.calls).toHaveLength(0);
  });

  describe('a retry carries only the pending items and judges only them (issue: Foundation 3)', () => {
    const createA: GraphRequest = { ...createMessage, body: { subject: 'A' } };
    const createB: GraphRequest = { ...createMessage, body: { subject: 'B' } };

    it('keeps a POST item\'s 201 when the retry of its throttled neighbour is reset; the idempotent neighbour is retried', async () => {
      const { client, graph } = setupClient();
      graph.reply(
        ok({ responses: [{ id: '1', status: 201, body: { id: 'created-a' } }, { id: '2', status: 429, headers: { 'retry-after': '1' } }] }),
        { networkError: 'ECONNRESET' },
        ok({ responses: [{ id: '2', status: 200, body: { id: 'b' } }] }),
      );
      const results = await client.batch([createA, getMessage('b')]);
      expect(results[0]).toEqual({ ok: true, response: expect.objectContaining({ status: 201, body: { id: 'created-a' } }) });
      expect(results[1]).toMatchObject({ ok: true, response: { status: 200, body: { id: 'b' } } });
      // A is never sent again: every retry carries only B.
      expect(graph.calls.map((call) => itemsOf(call).map((item) => item.id))).toEqual([['1', '2'], ['2'], ['2']]);
    });

    it('answers outcome_unknown only for the pending POST whose retry was reset; the finished POST keeps its 201', async () => {
      const { client, graph } = setupClient();
      graph.reply(
        ok({ responses: [{ id: '1', status: 201, body: { id: 'created-a' } }, { id: '2', status: 429, headers: { 'retry-after': '1' } }] }),
        { networkError: 'ECONNRESET' },
      );
      const results = await client.batch([createA, createB]);
      expect(results[0]).toMatchObject({ ok: true, response: { status: 201, body: { id: 'created-a' } } });
      expect(errorOf(results[1]!)).toMatchObject({ code: 'outcome_unknown', status: 502, outcomeUnknown: true, transportErrorCode: 'ECONNRESET', operation: 'messages.create' });
      expect(graph.calls.map((call) => itemsOf(call).map((item) => (item.body as { subject: string }).subject))).toEqual([['A', 'B'], ['B']]);
    });

    it('retries a pending POST whose $batch never left (nothing sent), and a throttled one, like any request', async () => {
      const { client, graph } = setupClient();
      graph.reply(
        ok({ responses: [{ id: '1', status: 201 }, { id: '2', status: 429, headers: { 'retry-after': '1' } }] }),
        { networkError: 'ECONNREFUSED' },
        ok({ responses: [{ id: '2', status: 201 }] }),
      );
      const results = await client.batch([createA, createB]);
      expect(results.map(statusOf)).toEqual([201, 201]);
      expect(graph.calls.map((call) => itemsOf(call).map((item) => item.id))).toEqual([['1', '2'], ['2'], ['2']]);
    });

    it('a failure of the whole $batch POST on a retry leaves the answers of the earlier attempt in place', async () => {
      const { client, graph } = setupClient();
      graph.reply(
        ok({ responses: [{ id: '1', status: 200, body: { id: 'a' } }, { id: '2', status: 404 }, { id: '3', status: 429, headers: { 'retry-after': '1' } }] }),
        graphError(500, 'InternalServerError'),
      );
      const results = await client.batch(['a', 'b', 'c'].map(getMessage));
      expect(results[0]).toMatchObject({ ok: true, response: { body: { id: 'a' } } });
      expect(results[1]).toMatchObject({ ok: false, response: { status: 404 }, error: { code: 'not_found' } });
      expect(results[2]).toMatchObject({ ok: false, error: { code: 'upstream_error', graphStatus: 500 } });
      expect(results[2]!.response).toBeUndefined();
    });

    it('waits only for the items still pending: a 503 item of a POST does not hold back its idempotent neighbours', async () => {
      const { client, graph, clock } = setupClient();
      graph.reply(
        ok({ responses: [{ id: '1', status: 503, headers: { 'retry-after': '9' } }, { id: '2', status: 429, headers: { 'retry-after': '2' } }] }),
        ok({ responses: [{ id: '2', status: 200 }] }),
      );
      const results = await client.batch([createA, getMessage('b')]);
      expect(clock.sleeps.map((s) => s.ms)).toEqual([2000]);
      expect(errorOf(results[0]!)).toMatchObject({ code: 'outcome_unknown', graphStatus: 503 });
      expect(statusOf(results[1]!)).toBe(200);
    });

    it('passes the budget\'s refusal on per item: the item whose wait fits is retried, the other gets its Retry-After', async () => {
      const { client, graph, clock } = setupClient({ waitBudgetInMs: 3000 });
      graph.reply(
        ok({ responses: [{ id: '1', status: 429, headers: { 'retry-after': '10' } }, { id: '2', status: 429, headers: { 'retry-after': '2' } }] }),
        ok({ responses: [{ id: '2', status: 200 }] }),
      );
      const results = await client.batch([getMessage('a'), getMessage('b')]);
      expect(clock.sleeps.map((s) => s.ms)).toEqual([2000]);
      expect(errorOf(results[0]!)).toMatchObject({ code: 'throttled', retryAfterInMs: 10_000 });
      expect(statusOf(results[1]!)).toBe(200);
      expect(graph.calls.map((call) => itemsOf(call).map((item) => item.id))).toEqual([['1', '2'], ['2']]);
    });
  });
});
