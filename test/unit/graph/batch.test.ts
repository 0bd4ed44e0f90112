import type { GraphRequest } from '../../../shared/graph/graphRequest';
import { buildRequest } from '../../../shared/graph/operations';
import { toFerryError } from '../../../shared/graph/toFerryError';
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
    expect(responses.map((r) => (r.body as { url: string }).url)).toEqual([
      '/me/messages/a?%24select=subject',
      '/me/messages/b?%24select=subject',
      '/me/messages/c?%24select=subject',
    ]);
    expect(responses.every((r) => r.requestId === 'b6c2a1f0-0000-4000-8000-000000000001')).toBe(true);
  });

  it('splits more than 20 requests into $batch POSTs of at most 20', async () => {
    const { client, graph } = setupClient();
    graph.reply(echoBatch);
    const ids = Array.from({ length: 45 }, (_, i) => `m${i}`);

    const responses = await client.batch(ids.map(getMessage));

    expect(graph.calls.map((call) => itemsOf(call).length)).toEqual([20, 20, 5]);
    expect(responses).toHaveLength(45);
    expect((responses[44]!.body as { url: string }).url).toBe('/me/messages/m44?%24select=subject');
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
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404]);
    // Item failures other than 429 are returned for the caller to map, not thrown.
    expect(toFerryError(responses[2]!, 'messages.get')).toMatchObject({ code: 'not_found', graphCode: 'ErrorItemNotFound' });
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
    expect(responses.map((r) => r.status)).toEqual([200, 429]);
    expect(toFerryError(responses[1]!, 'messages.get')).toMatchObject({ code: 'throttled', retryAfterInMs: 4000 });
  });

  it('retries a throttled $batch request as a whole', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '1' }), echoBatch);
    const responses = await client.batch(['a', 'b'].map(getMessage));
    expect(graph.calls.map((call) => itemsOf(call).length)).toEqual([2, 2]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
  });

  it('throws when the $batch request itself fails', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(400, 'BadRequest'));
    await expect(client.batch(['a'].map(getMessage))).rejects.toMatchObject({ code: 'upstream_error', graphStatus: 400 });
  });

  it('retries once when Graph leaves an item unanswered (an off-schema envelope), then throws upstream_error', async () => {
    const { client, graph } = setupClient();
    graph.reply(ok({ responses: [{ id: '1', status: 200 }] }));
    await expect(client.batch(['a', 'b'].map(getMessage))).rejects.toMatchObject({ code: 'upstream_error', logReason: 'broken_body' });
    expect(graph.calls.map((call) => itemsOf(call).length)).toEqual([2, 2]);
  });

  it('retries an idempotent batch whose envelope was cut, once, with the same client-request-id', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 200, rawBody: '{"responses":[{"id":"1","sta' }, echoBatch);
    const responses = await client.batch(['a', 'b'].map(getMessage));
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(graph.calls).toHaveLength(2);
    expect(graph.calls[1]!.headers['client-request-id']).toBe(graph.calls[0]!.headers['client-request-id']);
  });

  it('never re-sends a batch holding a POST after a cut envelope: outcome_unknown', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 200, rawBody: '{"responses":[' }, echoBatch);
    const create: GraphRequest = { operation: 'messages.create', method: 'POST', path: '/me/messages', body: { subject: 's' }, idempotent: false };
    await expect(client.batch([getMessage('a'), create])).rejects.toMatchObject({ code: 'outcome_unknown', status: 502, outcomeUnknown: true });
    expect(graph.calls).toHaveLength(1);
  });

  it('sends items answered 503/504 again when idempotent, and returns a POST item\'s 503 as it is', async () => {
    const { client, graph, clock } = setupClient();
    const create: GraphRequest = { operation: 'messages.create', method: 'POST', path: '/me/messages', body: { subject: 's' }, idempotent: false };
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
    expect(responses.map((r) => r.status)).toEqual([200, 200, 503]);
  });

  it('is idempotent only if every item is: a batch with a POST is not retried on 503', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 503, headers: { 'retry-after': '1' } }, echoBatch);
    const create: GraphRequest = { operation: 'messages.create', method: 'POST', path: '/me/messages', body: { subject: 's' }, idempotent: false };

    await expect(client.batch([getMessage('a'), create])).rejects.toMatchObject({ code: 'outcome_unknown', status: 502, outcomeUnknown: true });
    expect(graph.calls).toHaveLength(1);
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
});
