import { GraphRequestError } from '../../../shared/graph/graphErrors';
import { graphError, ok } from './helpers/fakeGraph';
import { rejectionOf, sendMail, setupClient } from './helpers/setupClient';

describe('non-idempotent requests are never repeated once Graph may have acted', () => {
  it.each([503, 504])('does not retry a %i: 502 outcome_unknown', async (status) => {
    const { client, graph, clock } = setupClient();
    graph.reply(graphError(status, 'ServiceUnavailable', { 'retry-after': '1' }), { status: 202 });

    const error = await rejectionOf(client.send(sendMail));

    expect(graph.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ code: 'outcome_unknown', status: 502, outcomeUnknown: true, graphStatus: status });
    // The device is not told to wait: it repeats by its own rule for outcome_unknown.
    expect((error as GraphRequestError).retryAfterInMs).toBeUndefined();
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'UNKNOWN'])(
    'does not retry after %s (the request may have reached Graph): 502 outcome_unknown',
    async (code) => {
      const { client, graph } = setupClient();
      graph.reply({ networkError: code }, { status: 202 });

      const error = await rejectionOf(client.send(sendMail));

      expect(graph.calls).toHaveLength(1);
      expect(error).toMatchObject({ code: 'outcome_unknown', status: 502, transportErrorCode: code, outcomeUnknown: true, logReason: code });
      expect((error as GraphRequestError).retryAfterInMs).toBeUndefined();
    },
  );

  it('does not retry a 2xx whose body was cut (it was written): 502 outcome_unknown', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 201, rawBody: '{"id":"AAMk' }, ok({ id: 'x' }));
    const error = await rejectionOf(client.send({ ...sendMail, operation: 'messages.create', path: '/me/messages' }));
    expect(graph.calls).toHaveLength(1);
    expect(error).toMatchObject({ code: 'outcome_unknown', status: 502, outcomeUnknown: true, graphStatus: 201, logReason: 'broken_body' });
  });

  it('takes a 202 with no body as success', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 202 });
    await expect(client.send(sendMail)).resolves.toMatchObject({ status: 202 });
    expect(graph.calls).toHaveLength(1);
  });

  it('retries on 429: Graph did not act on a throttled request', async () => {
    const { client, graph, clock } = setupClient();
    graph.reply(graphError(429, 'ApplicationThrottled', { 'retry-after': '1' }), { status: 202 });
    await expect(client.send(sendMail)).resolves.toMatchObject({ status: 202 });
    expect(graph.calls).toHaveLength(2);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([1000]);
    expect(graph.calls[1]!.headers['client-request-id']).toBe(graph.calls[0]!.headers['client-request-id']);
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
