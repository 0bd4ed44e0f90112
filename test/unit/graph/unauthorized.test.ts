import type { GraphRequest } from '../../../shared/graph/graphRequest';
import { buildRequest } from '../../../shared/graph/operations';
import type { FerryError } from '../../../shared/protocol/ferryError';
import { toProblem } from '../../../shared/protocol/problem';
import { graphError, ok, type RecordedCall } from './helpers/fakeGraph';
import { getFolder, rejectionOf, sendMail, setupClient } from './helpers/setupClient';

/** A Graph token per exchange, so the test sees which one each attempt carried. */
function tokenSource() {
  const asked: Array<{ forceRefresh?: boolean } | undefined> = [];
  let issued = 0;
  const getToken = async (options?: { forceRefresh?: boolean }) => {
    asked.push(options);
    if (issued === 0 || options?.forceRefresh) issued++;
    return `graph-token-${issued}`;
  };
  return { asked, getToken };
}

const bearerOf = (call: RecordedCall) => call.headers.authorization;
const claims = 'eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=';
/** The challenge Graph sends under continuous access evaluation (learn.microsoft.com, "Claims challenges"). */
const caeChallenge = `Bearer authorization_uri="https://login.windows.net/common/oauth2/authorize", error="insufficient_claims", claims="${claims}"`;
const authorizationUri = 'https://login.microsoftonline.com/72f988bf-0000-4000-8000-000000000001/oauth2/v2.0/authorize';

describe('Graph 401', () => {
  it('drops the cached token and repeats the request once with a fresh one, at once', async () => {
    const tokens = tokenSource();
    const { client, graph, clock } = setupClient({ getToken: tokens.getToken });
    graph.reply(graphError(401, 'InvalidAuthenticationToken'), ok({ id: 'inbox' }));

    await expect(client.send(getFolder)).resolves.toMatchObject({ status: 200 });

    expect(graph.calls.map(bearerOf)).toEqual(['Bearer graph-token-1', 'Bearer graph-token-2']);
    expect(tokens.asked).toEqual([undefined, { forceRefresh: true }]);
    expect(clock.sleeps.map((s) => s.ms)).toEqual([0]);
    expect(graph.calls[1]!.headers['client-request-id']).toBe(graph.calls[0]!.headers['client-request-id']);
  });

  it('repeats a send too: a 401 proves Graph did not act on it', async () => {
    const tokens = tokenSource();
    const { client, graph } = setupClient({ getToken: tokens.getToken });
    graph.reply(graphError(401, 'InvalidAuthenticationToken'), { status: 202 });
    await expect(client.send(sendMail)).resolves.toMatchObject({ status: 202 });
    expect(graph.calls).toHaveLength(2);
    expect(graph.calls[1]!.body).toEqual(sendMail.body);
  });

  it('a second plain 401 is 401 unauthorized with an invalid_token challenge; no third attempt', async () => {
    const tokens = tokenSource();
    const { client, graph } = setupClient({ getToken: tokens.getToken });
    graph.reply(graphError(401, 'InvalidAuthenticationToken'));

    const error = await rejectionOf(client.send(getFolder));

    expect(graph.calls).toHaveLength(2);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, graphStatus: 401 });
    const problem = toProblem(error as FerryError, 'req-1');
    expect(problem.status).toBe(401);
    expect(problem.headers['WWW-Authenticate']).toBe('Bearer realm="ferry", error="invalid_token", error_description="Microsoft Graph refused the token."');
  });

  it('a claims challenge is 401 consent_required with the claims, at once, as the on-behalf-of exchange passes Entra\'s', async () => {
    const tokens = tokenSource();
    const { client, graph } = setupClient({ getToken: tokens.getToken, authorizationUri });
    graph.reply({ status: 401, headers: { 'www-authenticate': caeChallenge }, body: { error: { code: 'InvalidAuthenticationToken' } } }, ok({}));

    const error = await rejectionOf(client.send(getFolder));

    expect(graph.calls).toHaveLength(1);
    expect(error).toMatchObject({ code: 'consent_required', status: 401, logReason: 'graph_claims_challenge' });
    const problem = toProblem(error as FerryError, 'req-1');
    expect(problem.headers['WWW-Authenticate']).toBe(
      `Bearer realm="ferry", authorization_uri="${authorizationUri}", error="insufficient_claims", claims="${claims}"`,
    );
    expect(problem.body).toMatchObject({ code: 'consent_required' });
  });

  it('a claims challenge after the fresh-token retry is consent_required too', async () => {
    const { client, graph } = setupClient();
    graph.reply(graphError(401, 'InvalidAuthenticationToken'), { status: 401, headers: { 'www-authenticate': caeChallenge } });
    await expect(client.send(getFolder)).rejects.toMatchObject({ code: 'consent_required' });
    expect(graph.calls).toHaveLength(2);
  });

  it('claims that are not base64 are never passed on: a plain 401', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 401, headers: { 'www-authenticate': 'Bearer error="insufficient_claims", claims="{\\"x\\":1}"' } });
    await expect(client.send(getFolder)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(graph.calls).toHaveLength(2);
  });

  it('a $batch answered 401 is sent again with a fresh token, and a second 401 reaches each item', async () => {
    const tokens = tokenSource();
    const { client, graph } = setupClient({ getToken: tokens.getToken });
    const items: GraphRequest[] = ['a', 'b'].map((id) => buildRequest('messages.get', { messageId: id }));
    graph.reply(graphError(401, 'InvalidAuthenticationToken'), ok({ responses: [{ id: '1', status: 200 }, { id: '2', status: 200 }] }));
    await expect(client.batch(items)).resolves.toMatchObject([{ ok: true }, { ok: true }]);
    expect(graph.calls.map(bearerOf)).toEqual(['Bearer graph-token-1', 'Bearer graph-token-2']);

    graph.reply(graphError(401, 'InvalidAuthenticationToken'));
    const results = await client.batch(items);
    expect(results.map((result) => (result.ok ? undefined : result.error.code))).toEqual(['unauthorized', 'unauthorized']);
  });
});
