import { randomUUID } from 'node:crypto';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { loadConfig } from '../../../shared/config';
import { healthAnswer } from '../../../shared/commands/health';
import type { GraphClient } from '../../../shared/graph/graphRequest';
import { createServerTiming, type ServerTiming } from '../../../shared/observability/serverTiming';
import type { CommandRuntime } from '../../../shared/protocol/commandRuntime';
import { defineCommand } from '../../../shared/protocol/defineCommand';
import { FerryError } from '../../../shared/protocol/ferryError';
import { createUnknownCommandHandler } from '../../../shared/protocol/unknownCommand';
import { createFakeClock, type FakeClock } from '../graph/helpers/fakeClock';
import { graphError, ok } from '../graph/helpers/fakeGraph';
import { getFolder, setupClient } from '../graph/helpers/setupClient';

/** A manual monotonic clock: time moves only when a test says so. */
function manualNow(): { now: () => number; advance: (ms: number) => void } {
  let at = 1000;
  return { now: () => at, advance: (ms) => (at += ms) };
}

/** The header as numbers by name, after checking it holds nothing but `name;dur=<one decimal>` entries. */
function parse(header: string): Record<string, number> {
  expect(header).toMatch(/^[a-z]+;dur=\d+\.\d(, [a-z]+;dur=\d+\.\d)*$/);
  return Object.fromEntries(header.split(', ').map((part) => [part.split(';')[0], Number(part.split('=')[1])]));
}

describe('Server-Timing recorder', () => {
  it('says total and graph;dur=0 when nothing was awaited, to one decimal', () => {
    const clock = manualNow();
    const timing = createServerTiming(clock.now);
    clock.advance(1.26);
    expect(timing.header()).toBe('total;dur=1.3, graph;dur=0.0');
  });

  it('counts four parallel 10 ms Graph calls as 10', () => {
    const clock = manualNow();
    const timing = createServerTiming(clock.now);
    const ends = [1, 2, 3, 4].map(() => timing.begin('graph'));
    clock.advance(10);
    ends.forEach((end) => end());
    clock.advance(2);
    expect(parse(timing.header())).toEqual({ total: 12, graph: 10 });
  });

  it('counts overlapping calls as their union (0-10 and 5-20: 20)', () => {
    const clock = manualNow();
    const timing = createServerTiming(clock.now);
    const first = timing.begin('graph');
    clock.advance(5);
    const second = timing.begin('graph');
    clock.advance(5);
    first();
    clock.advance(10);
    second();
    expect(parse(timing.header()).graph).toBe(20);
  });

  it('counts a nested call once, and sequential calls with gaps as their sum', () => {
    const clock = manualNow();
    const timing = createServerTiming(clock.now);
    const outer = timing.begin('graph');
    clock.advance(3);
    const inner = timing.begin('graph');
    clock.advance(4);
    inner();
    clock.advance(3);
    outer();
    clock.advance(7); // Ferry's own work between calls
    const next = timing.begin('graph');
    clock.advance(6);
    next();
    expect(parse(timing.header())).toEqual({ total: 23, graph: 16 });
  });

  it('gives an exchange overlapping a Graph call to auth, so the parts never exceed the total', () => {
    const clock = manualNow();
    const timing = createServerTiming(clock.now);
    const graph = timing.begin('graph');
    clock.advance(5);
    const auth = timing.begin('auth');
    clock.advance(20);
    auth();
    clock.advance(5);
    graph();
    const parts = parse(timing.header());
    expect(parts).toEqual({ total: 30, graph: 10, auth: 20 });
  });

  it('ends an interval once however often its end is called, and times a rejected promise too', async () => {
    const clock = manualNow();
    const timing = createServerTiming(clock.now);
    const end = timing.begin('graph');
    clock.advance(4);
    end();
    clock.advance(4);
    end();
    const failing = timing.time('auth', async () => {
      clock.advance(3);
      throw new Error('refused');
    });
    clock.advance(0);
    await expect(failing).rejects.toThrow('refused');
    expect(parse(timing.header())).toEqual({ total: 11, graph: 4, auth: 3 });
  });

  it('keeps two requests apart: each recorder has its own intervals', () => {
    const clock = manualNow();
    const first = createServerTiming(clock.now);
    const second = createServerTiming(clock.now);
    const end = first.begin('graph');
    clock.advance(10);
    end();
    expect(parse(second.header())).toEqual({ total: 10, graph: 0 });
  });
});

describe('Server-Timing in the Graph client', () => {
  const timedClient = (clock: FakeClock, timing: ServerTiming, getToken?: () => Promise<string>) => setupClient({ clock, timing, ...(getToken ? { getToken } : {}) });

  it('counts a Retry-After wait as graph, between the two attempts', async () => {
    const clock = createFakeClock();
    const timing = createServerTiming(clock.now);
    const { client, graph } = timedClient(clock, timing);
    const slow = (reply: ReturnType<typeof ok>) => () => {
      clock.advance(10);
      return reply;
    };
    graph.reply(slow(graphError(429, 'TooManyRequests', { 'retry-after': '2' })), slow(ok({ id: 'inbox' })));
    await client.send(getFolder);
    clock.advance(3); // parsing and shaping: Ferry's own
    expect(parse(timing.header())).toEqual({ total: 2023, graph: 2020 });
  });

  it('counts an on-behalf-of exchange run by the client as auth, not graph', async () => {
    const clock = createFakeClock();
    const timing = createServerTiming(clock.now);
    const exchange = async () => {
      clock.advance(30);
      return 'token';
    };
    const { client, graph } = timedClient(clock, timing, () => timing.time('auth', exchange));
    graph.reply(() => {
      clock.advance(10);
      return ok({ id: 'inbox' });
    });
    await client.send(getFolder);
    expect(parse(timing.header())).toEqual({ total: 40, graph: 10, auth: 30 });
  });
});

describe('Server-Timing on every answer', () => {
  const invocation = () => new InvocationContext({ invocationId: randomUUID(), functionName: 'probe', logHandler: () => {} });
  const config = loadConfig({ FERRY_CORS_ORIGINS: 'https://app.contoso.test' });

  /** A command whose handler makes one Graph call of 10 ms, then answers `size` characters. */
  function probe(clock: FakeClock) {
    const runtime: CommandRuntime<{ graph: GraphClient }, string> = {
      config,
      verifyCaller: async (authorization) => {
        if (!authorization) throw new FerryError('unauthorized');
        return 'caller';
      },
      createCommandContext: ({ timing }) => {
        const { client, graph } = setupClient({ clock, timing });
        graph.reply(() => {
          clock.advance(10);
          return ok({ id: 'inbox' });
        });
        return { graph: client };
      },
    };
    const command = {
      route: 'probe/run',
      functionName: 'probe',
      summary: 'Probe',
      description: 'Probe',
      request: z.object({ size: z.number(), fail: z.boolean().optional() }).strict(),
      response: z.object({ text: z.string() }),
      errors: [],
      handler: async ({ size, fail }: { size: number; fail?: boolean }, context: { graph: GraphClient }) => {
        await context.graph.send(getFolder);
        clock.advance(2);
        if (fail) throw new FerryError('upstream_error');
        return { text: 'mail '.repeat(size / 5) };
      },
    };
    return defineCommand(command, () => runtime, { timingNow: clock.now });
  }

  async function call(handler: ReturnType<typeof probe>, init: { method?: string; headers?: Record<string, string>; body?: unknown }): Promise<HttpResponse> {
    const request = new HttpRequest({
      method: init.method ?? 'POST',
      url: 'http://localhost/api/v1/probe/run',
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: { string: JSON.stringify(init.body) } }),
    });
    const result = (await handler(request, invocation())) as HttpResponseInit | HttpResponse;
    return result instanceof HttpResponse ? result : new HttpResponse(result);
  }

  const json = { 'content-type': 'application/json', authorization: 'Bearer x' };

  it('a 200 answer says total >= graph, its Graph call counted', async () => {
    const clock = createFakeClock();
    const response = await call(probe(clock), { headers: json, body: { size: 10 } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(parse(response.headers.get('server-timing') ?? '')).toEqual({ total: 12, graph: 10 });
  });

  it('a compressed answer adds compress', async () => {
    const clock = createFakeClock();
    const response = await call(probe(clock), { headers: { ...json, 'accept-encoding': 'br' }, body: { size: 50_000 } });
    expect(response.headers.get('content-encoding')).toBe('br');
    const parts = parse(response.headers.get('server-timing') ?? '');
    expect(Object.keys(parts)).toEqual(['total', 'graph', 'compress']);
    expect(parts.graph).toBe(10);
    // The fake clock does not move while zlib works: compress is there, at 0.0.
    expect(parts.compress).toBe(0);
  });

  it('a refusal before any Graph call says graph;dur=0', async () => {
    const clock = createFakeClock();
    const response = await call(probe(clock), { headers: { 'content-type': 'application/json' }, body: { size: 10 } });
    expect(response.status).toBe(401);
    expect(response.headers.get('server-timing')).toBe('total;dur=0.0, graph;dur=0.0');
  });

  it('an error after a Graph call still says the Graph time; a schema refusal says graph;dur=0', async () => {
    const clock = createFakeClock();
    const failed = await call(probe(clock), { headers: json, body: { size: 10, fail: true } });
    expect(failed.status).toBe(502);
    expect(failed.headers.get('content-type')).toMatch(/problem\+json/);
    expect(parse(failed.headers.get('server-timing') ?? '')).toEqual({ total: 12, graph: 10 });
    const refused = await call(probe(clock), { headers: json, body: { size: 10, extra: true } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('server-timing')).toBe('total;dur=0.0, graph;dur=0.0');
  });

  it('a CORS preflight carries it', async () => {
    const clock = createFakeClock();
    const response = await call(probe(clock), {
      method: 'OPTIONS',
      headers: { origin: 'https://app.contoso.test', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('server-timing')).toBe('total;dur=0.0, graph;dur=0.0');
  });

  it('the unknown command and /api/health carry it', async () => {
    const clock = createFakeClock();
    const unknown = await createUnknownCommandHandler(() => ({ config }), clock.now)(new HttpRequest({ method: 'GET', url: 'http://localhost/api/v1/nope' }), invocation());
    expect(new HttpResponse(unknown as HttpResponseInit).headers.get('server-timing')).toBe('total;dur=0.0, graph;dur=0.0');
    const health = new HttpResponse(healthAnswer(clock.now));
    expect(health.headers.get('server-timing')).toBe('total;dur=0.0, graph;dur=0.0');
  });
});
