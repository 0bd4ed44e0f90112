import { GraphRequestError } from '../../../shared/graph/graphRequestError';
import { graphError } from './helpers/fakeGraph';
import { rejectionOf, sendMail, setupClient } from './helpers/setupClient';

describe('non-idempotent requests are never repeated once Graph may have acted', () => {
  it('does not retry a 503: upstream_unavailable, outcome unknown', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply(graphError(503, 'ServiceUnavailable', { 'retry-after': '1' }), { status: 202 });

    const error = await rejectionOf(client.send(sendMail));

    expect(graph.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, outcomeUnknown: true });
  });

  it('does not retry a 504', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 504 }, { status: 202 });
    await expect(client.send(sendMail)).rejects.toMatchObject({ code: 'upstream_unavailable', outcomeUnknown: true });
    expect(graph.calls).toHaveLength(1);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'])(
    'does not retry after %s (the request may have reached Graph): upstream_error',
    async (code) => {
      const { client, graph } = setupClient();
      graph.reply({ networkError: code }, { status: 202 });

      const error = await rejectionOf(client.send(sendMail));

      expect(graph.calls).toHaveLength(1);
      expect(error).toMatchObject({ code: 'upstream_error', status: 502, transportErrorCode: code, outcomeUnknown: true, logReason: code });
      expect((error as GraphRequestError).retryAfterInMs).toBeUndefined();
    },
  );

  it('retries on 429: Graph did not act on a throttled request', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply(graphError(429, 'ApplicationThrottled', { 'retry-after': '1' }), { status: 202 });
    await expect(client.send(sendMail)).resolves.toMatchObject({ status: 202 });
    expect(graph.calls).toHaveLength(2);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([1000]);
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT'])(
    'retries once when nothing reached Graph (%s)',
    async (code) => {
      const { client, graph } = setupClient();
      graph.reply({ networkError: code }, { status: 202 });
      await expect(client.send(sendMail)).resolves.toMatchObject({ status: 202 });
      expect(graph.calls).toHaveLength(2);
      expect(graph.calls[1]!.body).toEqual(sendMail.body);
    },
  );

  it('answers upstream_unavailable (safe to retry later) when Graph stays unreachable', async () => {
    const { client, graph } = setupClient();
    graph.reply({ networkError: 'ECONNREFUSED' });
    await expect(client.send(sendMail)).rejects.toMatchObject({ code: 'upstream_unavailable', outcomeUnknown: false, retryAfterInMs: 1000 });
    expect(graph.calls).toHaveLength(2);
  });
});
