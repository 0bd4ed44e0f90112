import { mergePrefer } from '../../../shared/graph/preferHeader';
import { buildRequest } from '../../../shared/graph/operations';
import { graphError, ok } from './helpers/fakeGraph';
import { getFolder, sendMail, setupClient, token } from './helpers/setupClient';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('headers', () => {
  it('sends the bearer token, Accept and Prefer: IdType="ImmutableId" on every request', async () => {
    const { client, graph } = setupClient();
    await client.send(getFolder);
    expect(graph.calls[0]!.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      prefer: 'IdType="ImmutableId"',
    });
    expect(graph.calls[0]!.headers['content-type']).toBeUndefined();
  });

  it('merges the request\'s own Prefer values into one header', async () => {
    const { client, graph } = setupClient();
    await client.send(
      buildRequest('messages.get', { messageId: 'a' }, { headers: { Prefer: 'odata.maxpagesize=50, outlook.body-content-type="text"' } }),
    );
    expect(graph.calls[0]!.headers.prefer).toBe('IdType="ImmutableId", odata.maxpagesize=50, outlook.body-content-type="text"');
  });

  it('sends JSON bodies with Content-Type', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 202 });
    await client.send(sendMail);
    expect(graph.calls[0]!.headers['content-type']).toBe('application/json');
    expect(graph.calls[0]!.body).toEqual(sendMail.body);
  });

  it('keeps one client-request-id across the retries of a request, and a new one per request', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '1' }), { networkError: 'ECONNRESET' }, ok({}));

    await client.send(getFolder);
    await client.send(getFolder);

    const ids = graph.calls.map((call) => call.headers['client-request-id']);
    expect(ids).toHaveLength(4);
    expect(ids[0]).toMatch(uuid);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it('asks for a token before every attempt', async () => {
    let calls = 0;
    const { client, graph } = setupClient({ getToken: async () => `token-${++calls}` });
    graph.reply(graphError(429, 'TooManyRequests', { 'retry-after': '1' }), ok({}));
    await client.send(getFolder);
    expect(graph.calls.map((c) => c.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('captures Graph\'s request-id into the response', async () => {
    const { client } = setupClient();
    await expect(client.send(getFolder)).resolves.toMatchObject({ requestId: 'b6c2a1f0-0000-4000-8000-000000000001' });
  });
});

describe('mergePrefer', () => {
  it('puts the first value first and lets the first instance of a preference win (RFC 7240 §2)', () => {
    expect(mergePrefer('IdType="ImmutableId"', 'idtype="RestId", odata.maxpagesize=10')).toBe('IdType="ImmutableId", odata.maxpagesize=10');
  });

  it('does not split inside quotes', () => {
    expect(mergePrefer('a="x,y"', 'b=1')).toBe('a="x,y", b=1');
  });

  it('skips empty and missing values', () => {
    expect(mergePrefer('IdType="ImmutableId"', undefined, '', ' , ')).toBe('IdType="ImmutableId"');
  });
});
