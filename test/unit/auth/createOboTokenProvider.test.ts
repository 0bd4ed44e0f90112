import { devApps } from '../../../dev/directory';
import type { IdentityProvider } from '../../../dev/idp/createIdentityProvider';
import { devConsentPolicyId } from '../../../dev/idp/oboGrant';
import type { Caller } from '../../../shared/auth/caller';
import { createDeviceTokenVerifier } from '../../../shared/auth/createDeviceTokenVerifier';
import { createOboTokenProvider } from '../../../shared/auth/createOboTokenProvider';
import type { Clock } from '../../../shared/clock';
import { createLogger } from '../../../shared/observability/logger';
import { createServerTiming } from '../../../shared/observability/serverTiming';
import { createRemoteJWKSet } from 'jose';
import { FerryError } from '../../../shared/protocol/ferryError';
import { configFor, contosoTid, decodePayload, deviceToken, startDevIdp } from '../../helpers/devIdp';

let idp: IdentityProvider;
beforeAll(async () => {
  idp = await startDevIdp();
});
afterAll(() => idp.close());

const secret = () => Promise.resolve(devApps.ferryClientSecret);

async function callerFor(upn: string): Promise<Caller> {
  const token = await deviceToken(idp, upn);
  return createDeviceTokenVerifier(configFor(idp)).verify(`Bearer ${token}`);
}

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FerryError)) throw new Error(`expected a FerryError, got ${String(error)}`);
  return error;
}

/** A clock that only moves when told to; the cache reads it, MSAL and the IdP use real time. */
function manualClock(): Clock & { advance(ms: number): void } {
  let offsetInMs = 0;
  return { now: () => Date.now() + offsetInMs, sleep: async () => {}, advance: (ms) => (offsetInMs += ms) };
}

describe('Server-Timing of auth (an exchange, a key fetch)', () => {
  it('counts an on-behalf-of exchange as auth; a cached token adds no auth entry', async () => {
    const provider = createOboTokenProvider(configFor(idp), { getClientSecret: secret });
    const caller = await callerFor('alice@contoso.test');
    const exchanged = createServerTiming();
    await provider.getGraphToken(caller, { timing: exchanged });
    expect(exchanged.header()).toMatch(/^total;dur=\d+\.\d, graph;dur=0\.0, auth;dur=\d+\.\d$/);
    const cached = createServerTiming();
    await provider.getGraphToken(caller, { timing: cached });
    expect(cached.header()).toMatch(/^total;dur=\d+\.\d, graph;dur=0\.0$/);
  });

  it('counts the signing-key fetch of a device token check as auth, once', async () => {
    const config = configFor(idp);
    const verifier = createDeviceTokenVerifier(config, { jwks: createRemoteJWKSet(new URL(config.jwksUrl)) });
    const authorization = `Bearer ${await deviceToken(idp, 'alice@contoso.test')}`;
    const fetched = createServerTiming();
    await verifier.verify(authorization, fetched);
    expect(fetched.header()).toMatch(/, auth;dur=\d+\.\d$/);
    const known = createServerTiming();
    await verifier.verify(authorization, known);
    expect(known.header()).not.toMatch(/auth/);
  });
});

describe('createOboTokenProvider', () => {
  it('exchanges a device token for a Graph token of the same user through MSAL', async () => {
    const caller = await callerFor('alice@contoso.test');
    const before = idp.counters.oboExchanges;
    const graphToken = await createOboTokenProvider(configFor(idp), { getClientSecret: secret }).getGraphToken(caller);
    expect(decodePayload(graphToken)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `${idp.url}/${contosoTid}/v2.0`,
      tid: caller.tid,
      oid: caller.oid,
      azp: devApps.ferryClientId,
      scp: devApps.graphScopes,
      ver: '2.0',
    });
    expect(idp.counters.oboExchanges).toBe(before + 1);
  });

  it('serves the second call for the same device token from its cache', async () => {
    const provider = createOboTokenProvider(configFor(idp), { getClientSecret: secret });
    const caller = await callerFor('bob@contoso.test');
    const first = await provider.getGraphToken(caller);
    const exchanges = idp.counters.oboExchanges;
    const tokenRequests = idp.counters.tokenRequests;
    await expect(provider.getGraphToken({ ...caller })).resolves.toBe(first);
    expect(idp.counters.oboExchanges).toBe(exchanges);
    expect(idp.counters.tokenRequests).toBe(tokenRequests);
  });

  it('shares one exchange between concurrent requests with the same token', async () => {
    const provider = createOboTokenProvider(configFor(idp), { getClientSecret: secret });
    const caller = await callerFor('alice@contoso.test');
    const before = idp.counters.oboExchanges;
    const [a, b, c] = await Promise.all([provider.getGraphToken(caller), provider.getGraphToken(caller), provider.getGraphToken(caller)]);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(idp.counters.oboExchanges).toBe(before + 1);
  });

  it('drops the cached token and exchanges once more when asked for a fresh one (Graph answered 401)', async () => {
    const provider = createOboTokenProvider(configFor(idp), { getClientSecret: secret });
    const caller = await callerFor('bob@contoso.test');
    await provider.getGraphToken(caller);
    const before = idp.counters.oboExchanges;
    const [fresh, shared] = await Promise.all([provider.getGraphToken(caller, { forceRefresh: true }), provider.getGraphToken(caller, { forceRefresh: true })]);
    expect(fresh).toBe(shared);
    expect(idp.counters.oboExchanges).toBe(before + 1);
    // The fresh token is cached in its turn.
    await expect(provider.getGraphToken(caller)).resolves.toBe(fresh);
    expect(idp.counters.oboExchanges).toBe(before + 1);
  });

  it('exchanges again once the cached token is within 5 minutes of expiry', async () => {
    const clock = manualClock();
    const provider = createOboTokenProvider(configFor(idp), { getClientSecret: secret, clock });
    const caller = await callerFor('alice@contoso.test');
    await provider.getGraphToken(caller);
    const before = idp.counters.oboExchanges;
    clock.advance(54 * 60 * 1000); // the IdP's Graph tokens live 60 minutes
    await provider.getGraphToken(caller);
    expect(idp.counters.oboExchanges).toBe(before);
    clock.advance(2 * 60 * 1000);
    await provider.getGraphToken(caller);
    expect(idp.counters.oboExchanges).toBe(before + 1);
  });

  it('keeps tokens of different callers apart', async () => {
    const provider = createOboTokenProvider(configFor(idp), { getClientSecret: secret });
    const alice = await provider.getGraphToken(await callerFor('alice@contoso.test'));
    const erin = await provider.getGraphToken(await callerFor('erin@fabrikam.test'));
    expect(decodePayload(alice).oid).not.toBe(decodePayload(erin).oid);
    expect(decodePayload(erin).tid).toBe('fab71ca3-2e4d-4f6a-8b9c-000000fab71c');
  });

  it('answers a user who must consent with 401 consent_required and the claims challenge', async () => {
    const caller = await callerFor('carol@contoso.test');
    const error = await rejection(createOboTokenProvider(configFor(idp), { getClientSecret: secret }).getGraphToken(caller));
    expect(error).toMatchObject({ status: 401, code: 'consent_required', logReason: 'obo_claims_challenge' });
    const challenge = error.headers['WWW-Authenticate']!;
    expect(challenge).toMatch(/^Bearer realm="ferry", authorization_uri="[^"]+", error="insufficient_claims", claims="[A-Za-z0-9+/=]+"$/);
    expect(challenge).toContain(`authorization_uri="${idp.url}/${contosoTid}/oauth2/v2.0/authorize"`);
    const claims = JSON.parse(Buffer.from(/claims="([^"]+)"/.exec(challenge)![1]!, 'base64').toString('utf8'));
    expect(claims).toEqual({ access_token: { capolids: { essential: true, values: [devConsentPolicyId] } } });
    expect(error.detail).toBeUndefined();
  });

  it('answers a refused client secret with 502, nothing from Entra, and asks for the secret again next time', async () => {
    const getClientSecret = jest.fn<Promise<string>, []>().mockResolvedValueOnce('a-wrong-secret').mockResolvedValue(devApps.ferryClientSecret);
    const provider = createOboTokenProvider(configFor(idp), { getClientSecret });
    const caller = await callerFor('alice@contoso.test');
    const error = await rejection(provider.getGraphToken(caller));
    expect(error).toMatchObject({ status: 502, code: 'upstream_error', logReason: 'obo_client_refused' });
    expect(JSON.stringify({ message: error.message, detail: error.detail, headers: error.headers })).not.toMatch(/AADSTS|secret|eyJ/);
    expect(error.cause).toBeUndefined();
    await expect(provider.getGraphToken(caller)).resolves.toEqual(expect.any(String));
    expect(getClientSecret).toHaveBeenCalledTimes(2);
  });

  it('answers an unreachable authority with 503 and a retry delay', async () => {
    const gone = await startDevIdp();
    const config = configFor(gone);
    await gone.close();
    const caller = await callerFor('alice@contoso.test');
    const error = await rejection(createOboTokenProvider(config, { getClientSecret: secret }).getGraphToken(caller));
    expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable', logReason: 'obo_unreachable' });
    expect(error.retryAfterInMs).toBeGreaterThan(0);
  });

  it('logs codes and ids, never a token', async () => {
    const lines: string[] = [];
    const logger = createLogger((_, line) => lines.push(line));
    const provider = createOboTokenProvider(configFor(idp), { getClientSecret: secret, logger });
    const alice = await callerFor('alice@contoso.test');
    const graphToken = await provider.getGraphToken(alice);
    await provider.getGraphToken(await callerFor('carol@contoso.test')).catch(() => undefined);
    expect(lines.length).toBe(2);
    for (const line of lines) {
      expect(line).not.toContain(alice.token);
      expect(line).not.toContain(graphToken);
      expect(line).not.toContain('eyJ');
      expect(line).not.toContain('@');
    }
    expect(JSON.parse(lines[1]!)).toMatchObject({ event: 'obo_exchange', outcome: 'obo_claims_challenge', msalErrorCode: 'invalid_grant' });
  });
});
