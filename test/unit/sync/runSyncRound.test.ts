import type { BatchResult, GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import type { SyncPlan } from '../../../shared/sync/defineSyncCommand';
import type { DeltaEntry } from '../../../shared/sync/pullDeltaPages';
import { runSyncRound } from '../../../shared/sync/runSyncRound';

interface Item {
  id: string;
  text?: string;
  hidden?: boolean;
}
interface DeviceItem {
  id: string;
  text: string;
  cut?: boolean;
}

/**
 * A Graph whose delta is a fixed list of items served from an offset: a link is `/at/<offset>`, the
 * start request is offset 0, and a page holds at most the requested page size. So asking for a link
 * again gives the same page again, as Graph's nextLinks do.
 */
function deltaGraph(all: Array<Item | { id: string; '@removed': object }>, fillIns: Record<string, Partial<Item> | 404> = {}) {
  const asked: Array<{ link?: string; size: number }> = [];
  const batches: string[][] = [];
  const graph = {
    async page(request: GraphRequest): Promise<GraphPage<DeltaEntry>> {
      const size = Number(request.headers!.size);
      asked.push({ link: request.link, size });
      const offset = request.link === undefined ? 0 : Number(request.link.split('/')[2]);
      const value = all.slice(offset, offset + size) as DeltaEntry[];
      const end = offset + value.length;
      return end >= all.length ? { value, deltaLink: '/delta' } : { value, nextLink: `/at/${end}` };
    },
    async batch(requests: GraphRequest[]): Promise<BatchResult[]> {
      batches.push(requests.map((request) => request.path));
      return requests.map((request) => {
        const fill = fillIns[request.path]!;
        return fill === 404
          ? { ok: false, error: new GraphRequestError('not_found', { operation: 'x', graphStatus: 404 }), response: { status: 404, headers: {}, body: {} } }
          : { ok: true, response: { status: 200, headers: {}, body: fill } };
      });
    },
  } as unknown as GraphClient;
  return { graph, asked, batches };
}

function plan(extra: Partial<SyncPlan<Item, DeviceItem, unknown>> = {}): SyncPlan<Item, DeviceItem, unknown> {
  return {
    state: {},
    window: 10,
    startRequest: (size) => ({ operation: 'x', method: 'GET', path: '/delta', headers: { size: String(size) }, idempotent: true }),
    linkRequest: (link, size) => ({ operation: 'x', method: 'GET', path: '', link, headers: { size: String(size) }, idempotent: true }),
    select: ['id', 'text'],
    fillInRequest: (id) => ({ operation: 'x', method: 'GET', path: id, idempotent: true }),
    toDevice: (item) => (item.hidden ? undefined : { id: item.id, text: item.text! }),
    toDeviceWithin: (item, maxBytes) => ({ id: item.id, text: item.text!.slice(0, maxBytes - 40), cut: true }),
    ...extra,
  };
}

const clock = { now: () => 0, sleep: async () => {} };
const options = (graph: GraphClient, itemBudgetInBytes: number, link?: string) => ({ graph, clock, link, stopPullingAtInMs: 1000, itemBudgetInBytes });
const item = (id: string, length = 10): Item => ({ id, text: 'x'.repeat(length) });
/** Bytes one item adds to the answer. */
const bytesOf = (id: string, length = 10) => JSON.stringify({ id, text: 'x'.repeat(length) }).length + 1;

describe('runSyncRound', () => {
  it('answers every page that fits, fills in partial items, and reports hidden ones removed', async () => {
    const { graph, batches } = deltaGraph([item('a'), { id: 'b' }, { ...item('c'), hidden: true }, { id: 'd', '@removed': {} }], { b: { text: 'filled' } });
    const answer = await runSyncRound(plan(), options(graph, 10_000));
    expect(answer.upserts).toEqual([{ id: 'a', text: 'x'.repeat(10) }, { id: 'b', text: 'filled' }]);
    expect(answer.removed).toEqual(['c', 'd']);
    expect(batches).toEqual([['b']]);
    expect(answer).toMatchObject({ link: '/delta', more: false, reset: true, filledIn: 1 });
  });

  it('keeps whole pages within the byte budget and lets the next call ask for the rest again', async () => {
    // Pages of 2 (window 2 per page via small pages): a, b | c, d | e
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => item(id, 100));
    const { graph } = deltaGraph(all);
    const smallPages = plan({ window: 5, startRequest: (size) => ({ operation: 'x', method: 'GET', path: '/delta', headers: { size: String(Math.min(size, 2)) }, idempotent: true }), linkRequest: (link, size) => ({ operation: 'x', method: 'GET', path: '', link, headers: { size: String(Math.min(size, 2)) }, idempotent: true }) });
    const budget = bytesOf('a', 100) * 3; // one and a half pages
    const first = await runSyncRound(smallPages, options(graph, budget));
    expect(first.upserts.map((upsert) => upsert.id)).toEqual(['a', 'b']);
    expect(first).toMatchObject({ link: '/at/2', inRound: true, more: true, reset: true });
    expect(first.bytes).toBeLessThanOrEqual(budget);
    const second = await runSyncRound(smallPages, options(graph, budget, first.link));
    // c, d | e: three items fit exactly, so the round ends here.
    expect(second.upserts.map((upsert) => upsert.id)).toEqual(['c', 'd', 'e']);
    expect(second).toMatchObject({ more: false, link: '/delta', reset: false });
    expect(second.bytes).toBeLessThanOrEqual(budget);
  });

  it('pulls about the budget\'s bytes, so a cut by bytes goes on from the last page pulled (a link Graph still keeps)', async () => {
    // Graph keeps only the newest generations of a delta chain (mgdc#7975): a link two or more pages
    // behind the last one pulled may be gone. Pages of one item: a | b | c | d | e.
    const { graph, asked } = deltaGraph(['a', 'b', 'c', 'd', 'e'].map((id) => item(id, 100)));
    const onePerPage = plan({ linkRequest: (link) => ({ operation: 'x', method: 'GET', path: '', link, headers: { size: '1' }, idempotent: true }) });
    const answer = await runSyncRound(onePerPage, options(graph, Math.floor(bytesOf('a', 100) * 2.5), '/at/0'));
    expect(answer.upserts.map((upsert) => upsert.id)).toEqual(['a', 'b']);
    expect(asked.map((a) => a.link)).toEqual(['/at/0', '/at/1', '/at/2']); // not d and e
    expect(answer.link).toBe('/at/2');
  });

  it('asks for a first page too large again with the entries that fit', async () => {
    const { graph, asked } = deltaGraph(['a', 'b', 'c', 'd'].map((id) => item(id, 100)));
    const budget = bytesOf('a', 100) * 2;
    const answer = await runSyncRound(plan(), options(graph, budget, '/at/0'));
    expect(asked).toEqual([{ link: '/at/0', size: 10 }, { link: '/at/0', size: 2 }]);
    expect(answer.upserts.map((upsert) => upsert.id)).toEqual(['a', 'b']);
    expect(answer).toMatchObject({ link: '/at/2', more: true, inRound: true, reset: false });
  });

  it('sends an item larger than the whole budget alone, cut to fit, and moves on', async () => {
    const { graph, asked } = deltaGraph([item('a', 5000), item('b', 10)]);
    const answer = await runSyncRound(plan(), options(graph, 1000));
    expect(asked.map((ask) => ask.size)).toEqual([10, 1]);
    expect(answer.upserts).toHaveLength(1);
    expect(answer.upserts[0]).toMatchObject({ id: 'a', cut: true });
    expect(answer.bytes).toBeLessThanOrEqual(1000);
    expect(answer).toMatchObject({ link: '/at/1', more: true, reset: true });
  });

  it('refuses an item over the budget when the collection cannot cut one (no silent loss)', async () => {
    const { graph } = deltaGraph([item('a', 5000)]);
    await expect(runSyncRound(plan({ toDeviceWithin: undefined }), options(graph, 1000))).rejects.toMatchObject({ code: 'upstream_error' });
  });

  it('adds what completeRound finds when a round starts and ends in one answer, and only then', async () => {
    const found: Array<ReadonlyMap<string, Item>> = [];
    const completeRound = async (visible: ReadonlyMap<string, Item>) => {
      found.push(visible);
      return [item('z')];
    };
    const { graph } = deltaGraph([item('a'), { ...item('h'), hidden: true }]);
    const answer = await runSyncRound(plan({ completeRound }), options(graph, 10_000));
    expect(answer.upserts.map((upsert) => upsert.id)).toEqual(['a', 'z']);
    expect([...found[0]!.keys()]).toEqual(['a']);
    const later = deltaGraph([item('a')]);
    await runSyncRound(plan({ completeRound }), options(later.graph, 10_000, '/at/0'));
    expect(found).toHaveLength(1);
  });

  describe('one item never blocks the collection (issue #24)', () => {
    const throwing = (item: Item): DeviceItem => {
      if (item.text === 'boom') throw new RangeError('hostile content');
      return { id: item.id, text: item.text! };
    };

    it('sends an item whose translation throws in its degraded form, reports it, and moves on', async () => {
      const { graph } = deltaGraph([item('a'), { id: 'b', text: 'boom' }, item('c')]);
      const degraded: Array<[string, string]> = [];
      const answer = await runSyncRound(plan({ toDevice: throwing, toDeviceDegraded: (it) => ({ id: it.id, text: '', cut: true }) }), {
        ...options(graph, 10_000),
        onDegraded: (id, error) => degraded.push([id, (error as Error).constructor.name]),
      });
      expect(answer.upserts).toEqual([{ id: 'a', text: 'x'.repeat(10) }, { id: 'b', text: '', cut: true }, { id: 'c', text: 'x'.repeat(10) }]);
      expect(answer).toMatchObject({ link: '/delta', more: false });
      expect(degraded).toEqual([['b', 'RangeError']]);
    });

    it('guards the cut of an item alone over the budget as well', async () => {
      const { graph } = deltaGraph([item('a', 500)]);
      const answer = await runSyncRound(
        plan({ toDeviceWithin: () => { throw new TypeError('x'); }, toDeviceDegraded: (it) => ({ id: it.id, text: '', cut: true }) }),
        options(graph, 100),
      );
      expect(answer.upserts).toEqual([{ id: 'a', text: '', cut: true }]);
      expect(answer.link).toBe('/delta');
    });

    it('fails the answer when the collection has no degraded form', async () => {
      const { graph } = deltaGraph([item('a'), { id: 'b', text: 'boom' }]);
      await expect(runSyncRound(plan({ toDevice: throwing }), options(graph, 10_000))).rejects.toThrow(RangeError);
    });
  });

  describe('translation counts against the deadline (issue #24)', () => {
    /** A clock that moves 10 ms on every translation. */
    function slowTranslations() {
      let now = 0;
      const clock = { now: () => now, sleep: async () => {} };
      const toDevice = (it: Item): DeviceItem => {
        now += 10;
        return { id: it.id, text: it.text! };
      };
      return { clock, toDevice };
    }
    const twoPerPage = (extra: Partial<SyncPlan<Item, DeviceItem, unknown>>) =>
      plan({
        startRequest: (size) => ({ operation: 'x', method: 'GET', path: '/delta', headers: { size: String(Math.min(size, 2)) }, idempotent: true }),
        linkRequest: (link, size) => ({ operation: 'x', method: 'GET', path: '', link, headers: { size: String(Math.min(size, 2)) }, idempotent: true }),
        ...extra,
      });

    it('answers the pages translated in time with more: true, and the next call goes on from there', async () => {
      const { graph } = deltaGraph(['a', 'b', 'c', 'd', 'e'].map((id) => item(id)));
      const { clock, toDevice } = slowTranslations();
      // a, b | c, d | e: time is up after three translations, inside the second page.
      const answer = await runSyncRound(twoPerPage({ toDevice }), { ...options(graph, 10_000), clock, stopTranslatingAtInMs: 25 });
      expect(answer.upserts.map((upsert) => upsert.id)).toEqual(['a', 'b']);
      expect(answer).toMatchObject({ link: '/at/2', inRound: true, more: true });
      const next = await runSyncRound(twoPerPage({ toDevice }), { ...options(graph, 10_000, answer.link), clock, stopTranslatingAtInMs: Number.POSITIVE_INFINITY });
      expect(next.upserts.map((upsert) => upsert.id)).toEqual(['c', 'd', 'e']);
      expect(next.more).toBe(false);
    });

    it('always translates the whole first page, so every answer moves on', async () => {
      const { graph } = deltaGraph(['a', 'b', 'c'].map((id) => item(id)));
      const { clock, toDevice } = slowTranslations();
      const answer = await runSyncRound(twoPerPage({ toDevice }), { ...options(graph, 10_000), clock, stopTranslatingAtInMs: 0 });
      expect(answer.upserts.map((upsert) => upsert.id)).toEqual(['a', 'b']);
      expect(answer).toMatchObject({ link: '/at/2', more: true });
    });
  });
});
