import type { BatchResult, GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import type { SyncPlan } from '../../../shared/sync/defineSyncCommand';
import type { DeltaEntry } from '../../../shared/sync/pullDeltaPages';
import { runSyncRound } from '../../../shared/sync/runSyncRound';

/**
 * The check of Graph's `@removed` ids (shared/sync/verifyRemovedItems.ts) inside one answer: Exchange
 * reports a message moved out and back between two delta calls as removed (mgdc#72), so each removed id
 * is fetched in one `$batch`; still in the folder, it is an upsert with the fetched data. And a
 * collection's `leaveOut` (mail: received before `since`, mgdc#9760) drops items after fill-in.
 */
interface Item {
  id: string;
  text?: string;
  folder?: string;
  received?: number;
}
interface DeviceItem {
  id: string;
  text: string;
}

type Answer = { folder: string; text: string; received?: number } | 404 | 400 | 503 | 'no answer';

/** A delta of fixed pages (a link is `/page/<n>`), and per-id answers to the checks and fill-ins. */
function fakeGraph(pages: Array<Array<Item | { id: string; '@removed': object }>>, answers: Record<string, Answer | Partial<Item>> = {}) {
  const batches: string[][] = [];
  const graph = {
    async page(request: GraphRequest): Promise<GraphPage<DeltaEntry>> {
      const index = request.link === undefined ? 0 : Number(request.link.split('/')[2]);
      const value = pages[index] as DeltaEntry[];
      return index === pages.length - 1 ? { value, deltaLink: '/delta' } : { value, nextLink: `/page/${index + 1}` };
    },
    async batch(requests: GraphRequest[]): Promise<BatchResult[]> {
      batches.push(requests.map((request) => request.path));
      return requests.map((request): BatchResult => {
        const answer = answers[request.path];
        if (answer === 404 || answer === 400 || answer === 503) {
          const error = new GraphRequestError(answer === 503 ? 'upstream_unavailable' : answer === 404 ? 'not_found' : 'upstream_error', { operation: 'get', graphStatus: answer });
          return { ok: false, error, response: { status: answer, headers: {}, body: {} } };
        }
        if (answer === 'no answer' || answer === undefined) return { ok: false, error: new GraphRequestError('upstream_unavailable', { operation: 'get', logReason: 'deadline' }) };
        return { ok: true, response: { status: 200, headers: {}, body: { id: request.path, ...answer } } };
      });
    },
  } as unknown as GraphClient;
  return { graph, batches };
}

function plan(extra: Partial<SyncPlan<Item, DeviceItem, unknown>> = {}): SyncPlan<Item, DeviceItem, unknown> {
  return {
    state: {},
    window: 50,
    startRequest: () => ({ operation: 'delta', method: 'GET', path: '/delta', idempotent: true }),
    linkRequest: (link) => ({ operation: 'delta', method: 'GET', path: '', link, idempotent: true }),
    select: ['id', 'text'],
    fillInRequest: (id) => ({ operation: 'get', method: 'GET', path: id, idempotent: true }),
    toDevice: (item) => ({ id: item.id, text: item.text! }),
    checkRemoved: { request: (id) => ({ operation: 'get', method: 'GET', path: id, idempotent: true }), stillHere: (item) => item.folder === 'F' },
    ...extra,
  };
}

const clock = { now: () => 0, sleep: async () => {} };
const options = (graph: GraphClient, link?: string) => ({ graph, clock, link, stopPullingAtInMs: 1000, itemBudgetInBytes: 100_000 });
const removed = (id: string) => ({ id, '@removed': { reason: 'deleted' } });

describe('checking @removed ids (mgdc#72)', () => {
  it('turns an id still in the folder into an upsert with the fetched data; elsewhere, 404 or a definite 4xx stay removed; one $batch', async () => {
    const { graph, batches } = fakeGraph([[{ id: 'a', text: 'a' }, removed('back'), removed('moved'), removed('deleted'), removed('odd')]], {
      back: { folder: 'F', text: 'fetched' },
      moved: { folder: 'G', text: 'elsewhere' },
      deleted: 404,
      odd: 400,
    });
    const answer = await runSyncRound(plan(), options(graph, '/page/0'));
    expect(answer.upserts).toEqual([{ id: 'a', text: 'a' }, { id: 'back', text: 'fetched' }]);
    expect(answer.removed).toEqual(['moved', 'deleted', 'odd']);
    expect(batches).toEqual([['back', 'moved', 'deleted', 'odd']]);
    expect(answer).toMatchObject({ removedChecked: 4, removedStillHere: 1, more: false, link: '/delta' });
  });

  it('with a context request (mail: the synced folder, which the device may name `inbox`): asks it once in the same $batch and judges by its answer', async () => {
    const { graph, batches } = fakeGraph([[removed('back'), removed('moved')]], {
      folder: { id: 'F-real' } as Partial<Item>,
      back: { folder: 'F-real', text: 'fetched' },
      moved: { folder: 'inbox', text: 'elsewhere' },
    });
    const checkRemoved = {
      request: (id: string): GraphRequest => ({ operation: 'get', method: 'GET', path: id, idempotent: true }),
      context: { operation: 'get', method: 'GET', path: 'folder', idempotent: true } as GraphRequest,
      stillHere: (item: Item, folder: unknown) => item.folder === (folder as { id: string }).id,
    };
    const answer = await runSyncRound(plan({ checkRemoved }), options(graph, '/page/0'));
    expect(answer.upserts).toEqual([{ id: 'back', text: 'fetched' }]);
    expect(answer.removed).toEqual(['moved']);
    expect(batches).toEqual([['folder', 'back', 'moved']]);
    // The folder's own GET failing fails the check: nothing is judged without it.
    const failing = fakeGraph([[removed('back')]], { folder: 503, back: { folder: 'F-real', text: 'fetched' } });
    await expect(runSyncRound(plan({ checkRemoved }), options(failing.graph, '/page/0'))).rejects.toMatchObject({ code: 'upstream_unavailable' });
  });

  it('without a check, or without removed ids, sends no $batch and passes removals through', async () => {
    const withRemoved = fakeGraph([[removed('x')]]);
    const answer = await runSyncRound(plan({ checkRemoved: undefined }), options(withRemoved.graph, '/page/0'));
    expect(answer.removed).toEqual(['x']);
    expect(withRemoved.batches).toEqual([]);
    const withoutRemoved = fakeGraph([[{ id: 'a', text: 'a' }]]);
    await runSyncRound(plan(), options(withoutRemoved.graph, '/page/0'));
    expect(withoutRemoved.batches).toEqual([]);
  });

  it('answers only the pages before one whose check got no definite answer, and the next call asks for that page again', async () => {
    const pages = [[{ id: 'a', text: 'a' }], [removed('b'), { id: 'c', text: 'c' }], [{ id: 'd', text: 'd' }]];
    for (const failure of [503, 'no answer'] as const) {
      const first = fakeGraph(pages, { b: failure });
      const answer = await runSyncRound(plan(), options(first.graph, '/page/0'));
      expect(answer).toMatchObject({ upserts: [{ id: 'a', text: 'a' }], removed: [], more: true, inRound: true, link: '/page/1' });
      // Nothing lost, nothing doubled: the next call starts at the page whose check failed.
      const again = fakeGraph(pages, { b: { folder: 'F', text: 'b' } });
      const next = await runSyncRound(plan(), options(again.graph, answer.link));
      expect(next).toMatchObject({ upserts: [{ id: 'b', text: 'b' }, { id: 'c', text: 'c' }, { id: 'd', text: 'd' }], removed: [], more: false });
    }
  });

  it('passes the failure on when the first page cannot be checked (the device repeats the same request)', async () => {
    const { graph } = fakeGraph([[removed('b'), { id: 'c', text: 'c' }]], { b: 503 });
    await expect(runSyncRound(plan(), options(graph, '/page/0'))).rejects.toMatchObject({ code: 'upstream_unavailable' });
  });
});

describe('leaveOut (mail before `since`, mgdc#9760)', () => {
  it('drops items after fill-in, neither upsert nor removed; removed ids pass', async () => {
    const old = (item: Item) => (item.received ?? Number.POSITIVE_INFINITY) < 100;
    const { graph } = fakeGraph(
      [[{ id: 'new', text: 'n', received: 200 }, { id: 'partialOld' }, { id: 'partialNew' }, removed('gone'), removed('oldBack')]],
      { partialOld: { text: 'p', received: 50 }, partialNew: { text: 'q', received: 150 }, gone: 404, oldBack: { folder: 'F', text: 'o', received: 10 } },
    );
    const answer = await runSyncRound(plan({ select: ['id', 'text', 'received'], leaveOut: old }), options(graph, '/page/0'));
    expect(answer.upserts.map((u) => u.id)).toEqual(['new', 'partialNew']);
    expect(answer.removed).toEqual(['gone']);
  });
});
