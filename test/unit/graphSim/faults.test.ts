import http from 'node:http';
import { devApps } from '../../../dev/directory';
import { chaosProfile, parseFaultProfile, toFaultProfile, type FaultProfileInput, type RequestFaultKind } from '../../../dev/graphSim/core/faults/faultProfile';
import { drawLatencyInMs } from '../../../dev/graphSim/core/faults/drawLatencyInMs';
import { isIdempotentGraphCall } from '../../../dev/graphSim/core/faults/isIdempotentGraphCall';
import { createRandom } from '../../../dev/graphSim/core/random';
import fc from 'fast-check';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

/** A profile where every request gets `kind`, without latency, oddities or delta 410s. */
function only(kind: RequestFaultKind, over: FaultProfileInput & object = {}): FaultProfileInput {
  const mix = Object.fromEntries(Object.keys(chaosProfile.mix).map((k) => [k, k === kind ? 1 : 0]));
  return {
    enabled: true,
    rate: 1,
    mix,
    latency: { maxInMs: 0, slowShare: 0, slowMaxInMs: 0 },
    syncStateNotFoundRate: 0,
    oddities: { duplicateItems: false, partialItems: false, retryAfterOnlyInBatchItems: true, removedOutsideWindow: false },
    ...over,
  } as FaultProfileInput;
}

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; text: string } | { error: string };

/** One request on its own socket, reporting a broken connection instead of throwing. */
function raw(url: string, init: { method?: string; token: string; body?: unknown; headers?: Record<string, string> }): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    const request = http.request(
      url,
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: { authorization: `Bearer ${init.token}`, ...(payload ? { 'content-type': 'application/json' } : {}), ...init.headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text }));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        response.on('aborted', () => resolve({ error: 'aborted' }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    request.end(payload);
  });
}

describe('graphSim faults', () => {
  let h: GraphSimHarness;
  let ferry: string;
  let device: string;
  const url = (path: string) => `${h.sim.url}/v1.0${path}`;

  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, adminPort: 0 });
    ferry = await h.token('alice@contoso.test', { azp: devApps.ferryClientId });
    device = await h.token('alice@contoso.test', { azp: devApps.deviceClientId });
  });
  afterEach(() => h.close());

  it('hits only requests with Ferry\'s azp, never a test\'s own calls', async () => {
    h.sim.faults.setProfile(only('status503'));
    expect((await raw(url('/me/mailFolders/inbox'), { token: device })) as { status: number }).toMatchObject({ status: 200 });
    expect((await raw(url('/me/mailFolders/inbox'), { token: ferry })) as { status: number }).toMatchObject({ status: 503 });
    expect(h.sim.faults.stats.snapshot()).toMatchObject({ requests: 1, faulted: 1, byKind: { status503: 1 } });
  });

  it('status faults: 429 with a scaled Retry-After or none, a Graph error body', async () => {
    h.sim.faults.setProfile(only('status429', { seed: 7 }));
    const answers = await Promise.all(Array.from({ length: 30 }, () => raw(url('/me'), { token: ferry })));
    const retryAfters = answers.map((a) => ('status' in a ? a.headers['retry-after'] : 'error'));
    for (const a of answers) {
      expect(a).toMatchObject({ status: 429 });
      expect(['TooManyRequests', 'ApplicationThrottled']).toContain(JSON.parse((a as { text: string }).text).error.code);
    }
    expect(retryAfters).toContain(undefined);
    const present = retryAfters.filter((v): v is string => typeof v === 'string').map(Number);
    expect(present.length).toBeGreaterThan(0);
    // Graph-like 1 to 10 s, scaled by 0.005.
    for (const seconds of present) {
      expect(seconds).toBeGreaterThanOrEqual(0.005);
      expect(seconds).toBeLessThanOrEqual(0.05);
    }
  });

  it('reset before applying: the connection breaks and nothing changed', async () => {
    const id = String(h.sim.state.mailbox('alice@contoso.test')!.messages('inbox')[0]!.id);
    const before = h.sim.state.mailbox('alice@contoso.test')!.message(id)!.isRead;
    h.sim.faults.setProfile(only('resetBeforeApply'));
    const answer = await raw(url(`/me/messages/${encodeURIComponent(id)}`), { method: 'PATCH', token: ferry, body: { isRead: !before } });
    expect(answer).toMatchObject({ error: expect.any(String) });
    expect(h.sim.state.mailbox('alice@contoso.test')!.message(id)!.isRead).toBe(before);
  });

  it('reset after applying: the connection breaks but the change was made', async () => {
    const id = String(h.sim.state.mailbox('alice@contoso.test')!.messages('inbox')[0]!.id);
    const before = h.sim.state.mailbox('alice@contoso.test')!.message(id)!.isRead;
    h.sim.faults.setProfile(only('resetAfterApply'));
    const answer = await raw(url(`/me/messages/${encodeURIComponent(id)}`), { method: 'PATCH', token: ferry, body: { isRead: !before } });
    expect(answer).toMatchObject({ error: expect.any(String) });
    expect(h.sim.state.mailbox('alice@contoso.test')!.message(id)!.isRead).toBe(!before);
  });

  it('cut body: a complete 2xx whose JSON stops at a random byte', async () => {
    h.sim.faults.setProfile(only('cutBody'));
    const answer = (await raw(url('/me/mailFolders/inbox'), { token: ferry })) as { status: number; headers: http.IncomingHttpHeaders; text: string };
    expect(answer.status).toBe(200);
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.text));
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(answer.text.length).toBeGreaterThan(0);
  });

  it('drop mid-body: headers and part of the body, then the connection drops', async () => {
    h.sim.faults.setProfile(only('dropMidBody'));
    expect(await raw(url('/me/mailFolders/inbox'), { token: ferry })).toMatchObject({ error: expect.any(String) });
  });

  it('hang: no answer until hangInMs, then the connection is closed', async () => {
    h.sim.faults.setProfile(only('hang', { hangInMs: 20 }));
    expect(await raw(url('/me/mailFolders/inbox'), { token: ferry })).toMatchObject({ error: expect.any(String) });
    expect(h.sim.faults.stats.snapshot().byKind.hang).toBe(1);
  });

  it('410 SyncStateNotFound on delta calls with a token only, never on a first delta call or $search', async () => {
    h.sim.faults.setProfile({ ...(only('status429') as object), rate: 0, syncStateNotFoundRate: 1 });
    const first = await h.get('/me/mailFolders/delta', { authorization: `Bearer ${ferry}` });
    expect(first.status).toBe(200);
    const next = await h.get(first.body['@odata.nextLink'] ?? first.body['@odata.deltaLink'], { authorization: `Bearer ${ferry}` });
    expect(next.status).toBe(410);
    expect(next.body.error.code).toBe('SyncStateNotFound');
    expect(next.headers.get('location')).toMatch(/\/v1\.0\/me\/mailFolders\/delta$/);
    expect((await h.get('/me/messages?$search=%22hello%22', { authorization: `Bearer ${ferry}` })).status).not.toBe(410);
  });

  it('$batch items get status faults only, with Retry-After in the item alone (or on the envelope too when that oddity is off)', async () => {
    const body = { requests: ['1', '2', '3', '4'].map((id) => ({ id, method: 'GET', url: '/me/mailFolders/inbox' })) };
    /** The first seed whose draw spares the batch request and faults an item with a Retry-After. */
    const batchWithThrottledItem = async (retryAfterOnlyInBatchItems: boolean) => {
      for (let seed = 1; seed < 200; seed++) {
        h.sim.faults.setProfile(only('status429', { seed, rate: 0.5, oddities: { retryAfterOnlyInBatchItems } }));
        const answer = await raw(url('/$batch'), { method: 'POST', token: ferry, body });
        if (!('status' in answer) || answer.status !== 200) continue;
        const items = JSON.parse(answer.text).responses as Array<{ status: number; headers: Record<string, string> }>;
        if (items.some((item) => item.status === 429 && item.headers['Retry-After'])) return { answer, items };
      }
      throw new Error('no seed gave a throttled item');
    };
    const inItems = await batchWithThrottledItem(true);
    expect(inItems.answer.headers['retry-after']).toBeUndefined();
    expect(inItems.items.every((item) => [200, 429].includes(item.status))).toBe(true);
    const both = await batchWithThrottledItem(false);
    const longest = Math.max(...both.items.filter((item) => item.headers['Retry-After']).map((item) => Number(item.headers['Retry-After'])));
    expect(Number(both.answer.headers['retry-after'])).toBe(longest);
    expect(h.sim.faults.stats.snapshot().faultedItems).toBeGreaterThan(0);
  });

  it('puts one item twice in some delta pages while that oddity is on', async () => {
    h.sim.faults.setProfile({ ...(only('status429') as object), rate: 0, oddities: { duplicateItems: true } });
    let doubled = false;
    for (let i = 0; i < 60 && !doubled; i++) {
      const page = await h.get('/me/mailFolders/inbox/messages/delta', { authorization: `Bearer ${ferry}`, headers: { prefer: 'odata.maxpagesize=5' } });
      const ids = (page.body.value as Array<{ id: string }>).map((m) => m.id);
      doubled = new Set(ids).size < ids.length;
    }
    expect(doubled).toBe(true);
  });

  it('draws the same faults from the same seed', async () => {
    const outcomes = async () => {
      h.sim.faults.setProfile({ enabled: true, seed: 42, latency: { maxInMs: 0, slowShare: 0, slowMaxInMs: 0 } });
      h.sim.faults.stats.reset();
      for (let i = 0; i < 40; i++) await raw(url('/me'), { token: ferry, headers: { 'client-request-id': `r${i}` } });
      return Object.values(h.sim.faults.stats.snapshot().attempts).map((a) => a.outcomes.join());
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(first.some((o) => o !== 'ok')).toBe(true);
  });

  it('counts attempts per client-request-id, with Graph\'s idempotency of each call', async () => {
    h.sim.faults.setProfile(only('status503'));
    for (let i = 0; i < 2; i++) await raw(url('/me/mailFolders/inbox'), { token: ferry, headers: { 'client-request-id': 'same-id' } });
    await raw(url('/me/sendMail'), { method: 'POST', token: ferry, body: { message: {} }, headers: { 'client-request-id': 'send-id' } });
    expect(h.sim.faults.stats.snapshot().attempts).toEqual({
      'same-id': { method: 'GET', idempotent: true, outcomes: ['status503', 'status503'] },
      'send-id': { method: 'POST', idempotent: false, outcomes: ['status503'] },
    });
  });

  it('is driven over the loopback admin listener: PUT/GET /_sim/faults, GET/DELETE /_sim/stats', async () => {
    const admin = h.sim.adminUrl!;
    expect(admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const put = await fetch(`${admin}/_sim/faults`, { method: 'PUT', body: JSON.stringify({ enabled: true, rate: 1, mix: { status429: 0, status503: 0, status504: 1, resetBeforeApply: 0, resetAfterApply: 0, cutBody: 0, dropMidBody: 0, hang: 0 } }) });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ enabled: true, rate: 1, timeScale: 0.005 });
    expect(await raw(url('/me'), { token: ferry })).toMatchObject({ status: 504 });
    const stats = (await (await fetch(`${admin}/_sim/stats`)).json()) as { graph: { requests: number }; faults: { byKind: Record<string, number> } };
    expect(stats.faults.byKind.status504).toBe(1);
    expect(stats.graph.requests).toBeGreaterThan(0);
    expect((await fetch(`${admin}/_sim/stats`, { method: 'DELETE' })).status).toBe(204);
    expect(h.sim.faults.stats.snapshot().requests).toBe(0);
    const bad = await fetch(`${admin}/_sim/faults`, { method: 'PUT', body: JSON.stringify({ rate: 2 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'rate must be a number from 0 to 1' });
    expect((await fetch(`${admin}/_sim/faults`, { method: 'PUT', body: '"off"' })).status).toBe(200);
    expect(h.sim.faults.profile.enabled).toBe(false);
    // The Graph port does not serve the admin paths.
    expect((await fetch(`${h.sim.url}/_sim/stats`)).status).not.toBe(200);
  });
});

describe('fault profiles', () => {
  it('parses FERRY_SIM_FAULTS: chaos, off, or JSON over the chaos defaults', () => {
    expect(parseFaultProfile('chaos')).toEqual(chaosProfile);
    expect(parseFaultProfile(undefined).enabled).toBe(false);
    expect(parseFaultProfile(' off ').enabled).toBe(false);
    expect(parseFaultProfile('{"rate":0.5,"latency":{"maxInMs":3}}')).toMatchObject({ enabled: true, rate: 0.5, latency: { maxInMs: 3, slowShare: 0.02, slowMaxInMs: 200 } });
    expect(() => parseFaultProfile('{rate')).toThrow(RangeError);
    expect(() => toFaultProfile({ mix: { teleport: 1 } as never })).toThrow('unknown fault kind "teleport"');
    expect(() => toFaultProfile({ colour: 'red' } as never)).toThrow('unknown fault profile field "colour"');
  });

  it('draws latency in 0–10 ms, 2% of it in 10–200 ms, never more', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = createRandom(seed);
        const draws = Array.from({ length: 200 }, () => drawLatencyInMs(chaosProfile.latency, random));
        expect(draws.every((ms) => Number.isInteger(ms) && ms >= 0 && ms <= 200)).toBe(true);
        expect(draws.filter((ms) => ms > 10).length).toBeLessThanOrEqual(20);
      }),
      { numRuns: 50 },
    );
    const random = createRandom(1);
    const many = Array.from({ length: 20_000 }, () => drawLatencyInMs(chaosProfile.latency, random));
    const slowShare = many.filter((ms) => ms > 10).length / many.length;
    expect(slowShare).toBeGreaterThan(0.01);
    expect(slowShare).toBeLessThan(0.03);
  });

  it('has the issue\'s chaos defaults', () => {
    expect(chaosProfile).toMatchObject({
      rate: 0.25,
      mix: { status429: 0.35, status503: 0.15, status504: 0.1, resetBeforeApply: 0.1, resetAfterApply: 0.1, cutBody: 0.1, dropMidBody: 0.05, hang: 0.05 },
      latency: { maxInMs: 10, slowShare: 0.02, slowMaxInMs: 200 },
      syncStateNotFoundRate: 0.05,
      timeScale: 0.005,
      hangInMs: 600,
      clientId: devApps.ferryClientId,
    });
    expect(Object.values(chaosProfile.oddities).every(Boolean)).toBe(true);
  });

  it.each([
    ['GET', '/v1.0/me/messages', undefined, true],
    ['PATCH', '/v1.0/me/messages/a', undefined, true],
    ['DELETE', '/v1.0/me/messages/a', undefined, true],
    ['POST', '/v1.0/me/messages/a/move', undefined, true],
    ['POST', '/v1.0/me/calendar/getSchedule', undefined, true],
    ['POST', '/v1.0/me/sendMail', undefined, false],
    ['POST', '/v1.0/me/messages', undefined, false],
    ['POST', '/v1.0/$batch', { requests: [{ method: 'GET', url: '/me' }, { method: 'POST', url: '/me/messages/a/move' }] }, true],
    ['POST', '/v1.0/$batch', { requests: [{ method: 'GET', url: '/me' }, { method: 'POST', url: '/me/messages' }] }, false],
  ])('%s %s is idempotent: %p', (method, path, body, expected) => {
    expect(isIdempotentGraphCall(method, path, body)).toBe(expected);
  });

  it.each([
    ['bytes 0-3145727/31457280', true],
    ['bytes 28311552-31457279/31457280', false],
    ['bytes 0-9/10', false],
  ])('an upload session chunk %s is idempotent: %p (the last one makes the attachment)', (range, expected) => {
    expect(isIdempotentGraphCall('PUT', "/api/v2.0/Users('u')/Messages('m')/AttachmentSessions('s')", undefined, range)).toBe(expected);
  });
});
