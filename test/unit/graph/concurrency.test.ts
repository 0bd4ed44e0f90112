import { createPermitPool } from '../../../shared/graph/permitPool';
import { buildRequest } from '../../../shared/graph/operations';
import type { RecordedCall } from './helpers/fakeGraph';
import { ok } from './helpers/fakeGraph';
import { getFolder, setupClient } from './helpers/setupClient';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
// A `$batch` holds min(4, items) places: Graph hands Outlook at most 4 of its items at once.
const weight = (call: RecordedCall) => (call.url.pathname.endsWith('/$batch') ? Math.min(4, (call.body as { requests: unknown[] }).requests.length) : 1);

function trackInFlight() {
  let inFlight = 0;
  let peak = 0;
  const route = async (call: RecordedCall) => {
    inFlight += weight(call);
    peak = Math.max(peak, inFlight);
    for (let i = 0; i < 3; i++) await tick();
    inFlight -= weight(call);
    if (call.url.pathname.endsWith('/$batch')) {
      const items = (call.body as { requests: { id: string }[] }).requests;
      return ok({ responses: items.map((item) => ({ id: item.id, status: 200 })) });
    }
    return ok({ id: 'x' });
  };
  return { route, peak: () => peak };
}

describe('concurrency', () => {
  it('never has more than 4 requests in flight', async () => {
    const { client, graph } = setupClient();
    const tracker = trackInFlight();
    graph.reply(tracker.route);

    await Promise.all(Array.from({ length: 12 }, () => client.send(getFolder)));

    expect(graph.calls).toHaveLength(12);
    expect(tracker.peak()).toBe(4);
  });

  it('counts a $batch of 4 or more items as 4: nothing else runs beside it', async () => {
    const { client, graph } = setupClient();
    const tracker = trackInFlight();
    graph.reply(tracker.route);
    const items = Array.from({ length: 45 }, (_, i) => buildRequest('messages.get', { messageId: `m${i}` }));

    await Promise.all([client.batch(items), client.send(getFolder), client.send(getFolder), client.batch(items.slice(0, 3))]);

    expect(graph.calls).toHaveLength(6);
    expect(tracker.peak()).toBe(4);
  });

  it('lets a $batch of 2 items hold 2 places: single requests run beside it, never more than 4 in all', async () => {
    const { client, graph } = setupClient();
    let singles = 0;
    let batchInFlight = false;
    let singlesBesideBatch = 0;
    let peak = 0;
    graph.reply(async (call) => {
      const isBatch = call.url.pathname.endsWith('/$batch');
      if (isBatch) batchInFlight = true;
      else singles++;
      peak = Math.max(peak, singles + (batchInFlight ? 2 : 0));
      if (batchInFlight) singlesBesideBatch = Math.max(singlesBesideBatch, singles);
      for (let i = 0; i < 3; i++) await tick();
      if (isBatch) batchInFlight = false;
      else singles--;
      if (isBatch) return ok({ responses: (call.body as { requests: { id: string }[] }).requests.map((item) => ({ id: item.id, status: 200 })) });
      return ok({ id: 'x' });
    });
    const items = [buildRequest('messages.get', { messageId: 'a' }), buildRequest('messages.get', { messageId: 'b' })];
    await Promise.all([client.batch(items), client.send(getFolder), client.send(getFolder), client.send(getFolder)]);
    // Counted as 4, no single request would run beside the $batch.
    expect(singlesBesideBatch).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it('honours a smaller maxConcurrency, a batch then taking every permit', async () => {
    const { client, graph } = setupClient({ maxConcurrency: 2 });
    const tracker = trackInFlight();
    graph.reply(tracker.route);
    await Promise.all([client.send(getFolder), client.send(getFolder), client.send(getFolder), client.batch([getFolder])]);
    expect(tracker.peak()).toBeLessThanOrEqual(4);
    expect(graph.calls).toHaveLength(4);
  });
});

describe('permit pool', () => {
  it('serves waiters first come first served', async () => {
    const pool = createPermitPool(4);
    const order: string[] = [];
    const first = await pool.acquire(1);
    const batch = pool.acquire(4).then((release) => (order.push('batch'), release));
    const single = pool.acquire(1).then((release) => (order.push('single'), release));
    await tick();
    expect(order).toEqual([]);
    first();
    (await batch)();
    (await single)();
    expect(order).toEqual(['batch', 'single']);
    expect(pool.inUse).toBe(0);
  });

  it('serves a lower rank first (the first screen before bookkeeping), first come first served within a rank', async () => {
    const pool = createPermitPool(1);
    const order: string[] = [];
    const held = await pool.acquire(1);
    const waiting = [
      pool.acquire(1, undefined, 3).then((release) => (order.push('fill-in'), release)),
      pool.acquire(1, undefined, 2).then((release) => (order.push('folders'), release)),
      pool.acquire(1, undefined, 0).then((release) => (order.push('inbox'), release)),
      pool.acquire(1, undefined, 3).then((release) => (order.push('walk'), release)),
      pool.acquire(1, undefined, 1).then((release) => (order.push('today'), release)),
    ];
    held();
    // Each granted waiter releases its place at once, letting the next in line through.
    for (const promise of waiting) void promise.then((release) => release());
    await Promise.all(waiting);
    expect(order).toEqual(['inbox', 'today', 'folders', 'fill-in', 'walk']);
    expect(pool.inUse).toBe(0);
  });

  it('drops an aborted waiter', async () => {
    const pool = createPermitPool(1);
    const held = await pool.acquire(1);
    const controller = new AbortController();
    const waiting = pool.acquire(1, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    held();
    expect(pool.inUse).toBe(0);
  });
});
