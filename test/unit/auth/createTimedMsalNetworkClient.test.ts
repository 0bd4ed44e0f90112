import { AuthError } from '@azure/msal-node';
import { devApps } from '../../../dev/directory';
import type { IdentityProvider } from '../../../dev/idp/createIdentityProvider';
import { createIdentityProvider } from '../../../dev/idp/createIdentityProvider';
import { devAuthEnv } from '../../../dev/idp/devAuthEnv';
import type { Caller } from '../../../shared/auth/caller';
import { createDeviceTokenVerifier } from '../../../shared/auth/createDeviceTokenVerifier';
import { createOboTokenProvider } from '../../../shared/auth/createOboTokenProvider';
import { createTimedMsalNetworkClient } from '../../../shared/auth/createTimedMsalNetworkClient';
import { loadConfig } from '../../../shared/config';
import { createLogger } from '../../../shared/observability/logger';
import { FerryError } from '../../../shared/protocol/ferryError';
import { configFor, contosoTid, decodePayload, deviceToken } from '../../helpers/devIdp';
import { startHungIdentityProvider, type HungIdentityProvider, type HungRequest } from '../../helpers/hungIdentityProvider';

/** The limit under test, and a generous bound for "it returned": the machine is shared and may be slow. */
const limitInMs = 200;
const returnedWithinInMs = 5000;

let idp: IdentityProvider;
let hung: HungIdentityProvider;
beforeAll(async () => {
  [idp, hung] = await Promise.all([createIdentityProvider({ port: 0, host: '127.0.0.1' }), startHungIdentityProvider()]);
});
afterAll(() => Promise.all([idp.close(), hung.close()]));

const secret = () => Promise.resolve(devApps.ferryClientSecret);
/** Ferry's settings pointed at the hung IdP, as at the dev IdP, with the small limit. */
const hungConfig = () => loadConfig({ ...devAuthEnv(hung.url), FERRY_OBO_TIMEOUT_MS: String(limitInMs) });

async function callerFor(upn: string): Promise<Caller> {
  return createDeviceTokenVerifier(configFor(idp)).verify(`Bearer ${await deviceToken(idp, upn)}`);
}

/** Settles `promise` and measures how long it took; fails the test if it did not reject. */
async function timedRejection(promise: Promise<unknown>): Promise<{ error: unknown; elapsedInMs: number }> {
  const startedAt = Date.now();
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  return { error, elapsedInMs: Date.now() - startedAt };
}

/** Whether the hung connection was closed by Ferry's side instead of being left open (a leak). */
function closedWithin(request: HungRequest, ms: number): Promise<boolean> {
  return Promise.race([request.closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}

function lastRequest(): HungRequest {
  const request = hung.requests.at(-1);
  if (!request) throw new Error('the hung IdP saw no request');
  return request;
}

describe('the on-behalf-of exchange against a hung token endpoint', () => {
  it.each([
    ['accepts the token request and never answers', 'silent'],
    ['sends headers and then stalls the body', 'stalledBody'],
  ] as const)('fails with 503 upstream_unavailable and Retry-After within about FERRY_OBO_TIMEOUT_MS when Entra %s, and closes the connection', async (_, answer) => {
    hung.answer = answer;
    const provider = createOboTokenProvider(hungConfig(), { getClientSecret: secret });
    const seen = hung.requests.length;

    const { error, elapsedInMs } = await timedRejection(provider.getGraphToken(await callerFor('alice@contoso.test')));

    expect(error).toBeInstanceOf(FerryError);
    expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable', logReason: 'obo_unreachable' });
    expect((error as FerryError).retryAfterInMs).toBeGreaterThan(0);
    expect(elapsedInMs).toBeLessThan(returnedWithinInMs);
    expect(hung.requests.length).toBe(seen + 1);
    expect(lastRequest()).toMatchObject({ method: 'POST', path: `/${contosoTid}/oauth2/v2.0/token` });
    await expect(closedWithin(lastRequest(), returnedWithinInMs)).resolves.toBe(true);
  });

  it('keeps the device token, the client secret and the request body out of the error and the log line', async () => {
    hung.answer = 'silent';
    const lines: string[] = [];
    const logger = createLogger((_, line) => lines.push(line));
    const provider = createOboTokenProvider(hungConfig(), { getClientSecret: secret, logger });
    const caller = await callerFor('alice@contoso.test');

    const { error } = await timedRejection(provider.getGraphToken(caller));

    const sent = lastRequest().body;
    expect(sent).toContain(caller.token); // the body is the secret-bearing form: what must not leak
    const ferryError = error as FerryError;
    const surfaces = [ferryError.message, ferryError.detail ?? '', ferryError.stack ?? '', JSON.stringify(ferryError.headers), String(ferryError.cause ?? ''), ...lines];
    for (const text of surfaces) {
      for (const secretPart of [caller.token, devApps.ferryClientSecret, sent, 'assertion=', 'client_secret', 'eyJ']) expect(text).not.toContain(secretPart);
    }
    expect(lines.length).toBe(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'obo_exchange', outcome: 'obo_unreachable', msalErrorCode: 'network_error' });
  });
});

describe('createTimedMsalNetworkClient', () => {
  const body = 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOiJSUzI1NiJ9.secret-payload.sig&client_secret=not-for-logs';
  const tokenUrl = () => `${hung.url}/${contosoTid}/oauth2/v2.0/token?client-request-id=query-not-for-logs`;

  it('throws AuthError network_error naming neither the URL, its query nor the body when the limit passes', async () => {
    hung.answer = 'silent';
    const client = createTimedMsalNetworkClient({ timeoutInMs: limitInMs });
    const { error, elapsedInMs } = await timedRejection(client.sendPostRequestAsync(tokenUrl(), { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ errorCode: 'network_error', errorMessage: `POST to the identity provider timed out after ${limitInMs} ms.` });
    expect(elapsedInMs).toBeLessThan(returnedWithinInMs);
    const { message, errorMessage, stack } = error as AuthError;
    for (const text of [message, errorMessage, stack ?? '']) {
      for (const secretPart of ['eyJ', 'secret-payload', 'not-for-logs', 'client-request-id', hung.url, '127.0.0.1']) expect(text).not.toContain(secretPart);
    }
    expect(lastRequest().body).toBe(body);
  });

  it('bounds a GET by MSAL\'s own timeout when that is the smaller one', async () => {
    hung.answer = 'silent';
    const client = createTimedMsalNetworkClient({ timeoutInMs: 60_000 });
    const { error, elapsedInMs } = await timedRejection(client.sendGetRequestAsync(`${hung.url}/hang`, {}, limitInMs));
    expect(error).toMatchObject({ errorCode: 'network_error', errorMessage: `GET to the identity provider timed out after ${limitInMs} ms.` });
    expect(elapsedInMs).toBeLessThan(returnedWithinInMs);
    await expect(closedWithin(lastRequest(), returnedWithinInMs)).resolves.toBe(true);
  });

  it('throws AuthError token_parsing_error for an answer that is not JSON (an outage page)', async () => {
    hung.answer = 'html';
    const client = createTimedMsalNetworkClient({ timeoutInMs: 5000 });
    const { error } = await timedRejection(client.sendPostRequestAsync(tokenUrl(), { body }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ errorCode: 'token_parsing_error', errorMessage: 'The identity provider answered POST with HTTP 503 and a body that is not JSON.' });
  });

  it('throws AuthError network_error with a system code when nothing listens', async () => {
    const gone = await startHungIdentityProvider();
    await gone.close();
    const { error } = await timedRejection(createTimedMsalNetworkClient({ timeoutInMs: 5000 }).sendGetRequestAsync(`${gone.url}/x`));
    expect(error).toMatchObject({ errorCode: 'network_error', errorMessage: 'GET to the identity provider failed (ECONNREFUSED).' });
  });

  it('refuses a limit that is not a positive number', () => {
    for (const timeoutInMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => createTimedMsalNetworkClient({ timeoutInMs })).toThrow(RangeError);
  });

  it('is the default of createOboTokenProvider: a normal exchange with the dev IdP over HTTPS (NODE_EXTRA_CA_CERTS) still works', async () => {
    const caller = await callerFor('bob@contoso.test');
    const before = idp.counters.oboExchanges;
    const graphToken = await createOboTokenProvider(configFor(idp, { FERRY_OBO_TIMEOUT_MS: '5000' }), { getClientSecret: secret }).getGraphToken(caller);
    expect(decodePayload(graphToken)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: caller.tid, oid: caller.oid });
    expect(idp.counters.oboExchanges).toBe(before + 1);
  });
});
