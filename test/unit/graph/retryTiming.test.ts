import { FerryError } from '../../../shared/protocol/ferryError';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import { graphError, ok } from './helpers/fakeGraph';
import { getFolder, rejectionOf, setupClient } from './helpers/setupClient';

describe('throttling: the retry moments', () => {
  it('waits Retry-After: 2 as exactly 2000 ms, then sends again', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '2' }), ok({ id: 'inbox' }));

    const response = await client.send(getFolder);

    expect(response.status).toBe(200);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([2000]);
    expect(graph.calls.map((c) => c.at - graph.calls[0]!.at)).toEqual([0, 2000]);
  });

  it('honours a fractional Retry-After (2.128 s -> 2128 ms)', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '2.128' }), ok({}));
    await client.send(getFolder);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([2128]);
  });

  it('honours an HTTP-date Retry-After', async () => {
    const { client, graph, clock } = setupClient();
    const at = new Date(clock.now() + 3000).toUTCString();
    graph.reply(graphError(503, 'ServiceUnavailable', { 'retry-after': at }), ok({}));
    await client.send(getFolder);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([3000]);
  });

  it('backs off with full jitter inside [0, 500 * 2^n) when Retry-After is missing', async () => {
    const randoms = [0.999, 0.999, 0];
    const { client, graph, clock } = setupClient({ random: () => randoms.shift() ?? 0 });
    graph.reply(graphError(429, 'TooManyRequests'), graphError(429, 'TooManyRequests'), graphError(429, 'TooManyRequests'), ok({}));
    await client.send(getFolder);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([499, 999, 0]);
  });

  it('retries a 504 like a 503', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply({ status: 504, headers: { 'retry-after': '1' } }, ok({}));
    await client.send(getFolder);
    expect(graph.calls).toHaveLength(2);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([1000]);
  });

  it('rejects a network failure whose backoff the spent budget refuses: 503 upstream_unavailable, no sleep, one call', async () => {
    const { client, graph, clock } = setupClient({ waitBudgetInMs: 0, random: () => 0.999 });
    graph.reply({ networkError: 'ECONNRESET' }, ok({}));
    const error = await rejectionOf(client.send(getFolder));
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, transportErrorCode: 'ECONNRESET', outcomeUnknown: false });
    expect((error as GraphRequestError).retryAfterInMs).toBeGreaterThan(0);
    expect(clock.sleeps).toEqual([]);
    expect(graph.calls).toHaveLength(1);

    // The control: with budget for the backoff, the same failure is sent again and answered.
    const roomy = setupClient({ waitBudgetInMs: 5000, random: () => 0.999 });
    roomy.graph.reply({ networkError: 'ECONNRESET' }, ok({}));
    expect((await roomy.client.send(getFolder)).status).toBe(200);
    expect(roomy.clock.sleeps.map((s) => s.ms)).toEqual([499]);
  });

  it('does not sleep past the budget: 429 becomes throttled with Graph\'s advice', async () => {
    const { client, graph, clock } = setupClient({ waitBudgetInMs: 5000 });
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '3' }));

    const error = await rejectionOf(client.send(getFolder));

    // 3 s fits, the second 3 s would make 6 s > 5 s: no second sleep.
    expect(clock.sleeps.map((s) => s.ms)).toEqual([3000]);
    expect(graph.calls).toHaveLength(2);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ code: 'throttled', status: 429, retryAfterInMs: 3000, graphStatus: 429, logReason: 'TooManyRequests' });
  });

  it('does not sleep past the budget: 503 becomes upstream_unavailable', async () => {
    const { client, graph, clock } = setupClient({ waitBudgetInMs: 1000 });
    graph.reply(graphError(503, 'ServiceUnavailable', { 'retry-after': '10' }));

    const error = await rejectionOf(client.send(getFolder));

    expect(clock.sleeps).toEqual([]);
    expect(graph.calls).toHaveLength(1);
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, retryAfterInMs: 10_000 });
  });

  it('tells the device to wait at least 1 s even when the refused wait was shorter', async () => {
    const { client, graph } = setupClient({ waitBudgetInMs: 0 });
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '0.2' }));
    const error = await rejectionOf(client.send(getFolder));
    expect(error).toMatchObject({ code: 'throttled', retryAfterInMs: 1000 });
  });

  it('does not sleep past the deadline even with budget left', async () => {
    const { clock: probe } = setupClient();
    const { client, graph, clock } = setupClient({ waitBudgetInMs: 60_000, deadlineInMs: probe.now() + 1500 });
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '2' }));
    const error = await rejectionOf(client.send(getFolder));
    expect(clock.sleeps).toEqual([]);
    expect(error).toMatchObject({ code: 'throttled', retryAfterInMs: 2000 });
  });

  it('shares the budget between the requests of one client', async () => {
    const { client, graph, clock } = setupClient({ waitBudgetInMs: 5000 });
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '4' }), ok({}), graphError(429, 'TooManyRequests', { 'retry-after': '4' }));

    await client.send(getFolder);
    const error = await rejectionOf(client.send(getFolder));

    expect(clock.sleeps.map((s) => s.ms)).toEqual([4000]);
    expect(error).toMatchObject({ code: 'throttled', retryAfterInMs: 4000 });
  });

  it('gives up after 5 throttling retries even within the budget', async () => {
    const { client, graph } = setupClient({ waitBudgetInMs: 60_000 });
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '0' }));
    const error = await rejectionOf(client.send(getFolder));
    expect(graph.calls).toHaveLength(6);
    expect(error).toMatchObject({ code: 'throttled', retryAfterInMs: 1000 });
  });

  it('retries an idempotent request once on a reset, then answers upstream_unavailable', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply({ networkError: 'ECONNRESET' });
    const error = await rejectionOf(client.send(getFolder));
    expect(graph.calls).toHaveLength(2);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([250]);
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, transportErrorCode: 'ECONNRESET', retryAfterInMs: 1000 });
  });

  it('recovers when the one retry after a timeout succeeds', async () => {
    const { client, graph } = setupClient();
    graph.reply({ networkError: 'ECONNABORTED' }, ok({ id: 'x' }));
    await expect(client.send(getFolder)).resolves.toMatchObject({ status: 200, body: { id: 'x' } });
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const { client, graph } = setupClient({ signal: controller.signal });
    graph.reply(() => {
      controller.abort(new Error('command cancelled'));
      return graphError(429, 'TooManyRequests', { 'retry-after': '1' });
    });
    const error = await rejectionOf(client.send(getFolder));
    expect(error).not.toBeInstanceOf(FerryError);
    expect((error as Error).message).toBe('command cancelled');
  });
});
