import type { GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphSyncResetError } from '../../../shared/graph/graphSyncResetError';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import { FerryError } from '../../../shared/protocol/ferryError';
import { pullDeltaPages, type DeltaEntry, type PullResult } from '../../../shared/sync/pullDeltaPages';

type Reply = GraphPage<DeltaEntry> | 'gone' | 'deadline' | 'too-large' | 'broken';

/** A Graph client that answers page requests from a script and records what was asked. */
function scriptedGraph(replies: Reply[]) {
  const asked: Array<{ link?: string; start: boolean; maxPageSize: number }> = [];
  const graph = {
    async page(request: GraphRequest) {
      asked.push({ link: request.link, start: request.path === '/delta', maxPageSize: Number(request.headers?.max) });
      const reply = replies.shift();
      if (!reply) throw new Error('unexpected request');
      if (reply === 'gone') throw new GraphSyncResetError('gone', 'messages.delta');
      if (reply === 'deadline') throw new GraphRequestError('upstream_unavailable', { operation: 'messages.delta', logReason: 'deadline', retryAfterInMs: 2000 });
      if (reply === 'broken') throw new GraphRequestError('upstream_error', { operation: 'messages.delta', logReason: 'InternalServerError' });
      if (reply === 'too-large') throw new GraphRequestError('upstream_error', { operation: 'messages.delta', logReason: 'answer_too_large' });
      return reply;
    },
  } as unknown as GraphClient;
  return { graph, asked };
}

const clock = { now: () => 0, sleep: async () => {} };
const options = (graph: GraphClient, extra: Partial<Parameters<typeof pullDeltaPages>[0]> = {}) => ({
  graph,
  clock,
  window: 5,
  stopPullingAtInMs: 1000,
  startRequest: (max: number): GraphRequest => ({ operation: 'x', method: 'GET', path: '/delta', idempotent: true, headers: { max: String(max) } }),
  linkRequest: (link: string, max: number): GraphRequest => ({ operation: 'x', method: 'GET', path: '', link, idempotent: true, headers: { max: String(max) } }),
  ...extra,
});
const items = (...ids: string[]) => ids.map((id) => ({ id }));

/** The last word per id over all pages, in arrival order, as the engine merges them. */
function changesOf(result: PullResult): Map<string, DeltaEntry> {
  const changes = new Map<string, DeltaEntry>();
  for (const page of result.pages) {
    for (const entry of page.entries) {
      changes.delete(entry.id);
      changes.set(entry.id, entry);
    }
  }
  return changes;
}

describe('pullDeltaPages', () => {
  it('drains small pages into one window, asking each page for the room left', async () => {
    const { graph, asked } = scriptedGraph([
      { value: items('a', 'b'), nextLink: '/n1' },
      { value: [], nextLink: '/n2' },
      { value: items('c'), nextLink: '/n3' },
      { value: items('d', 'e'), nextLink: '/n4' },
    ]);
    const result = await pullDeltaPages(options(graph));
    expect([...changesOf(result).keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(asked.map((a) => a.maxPageSize)).toEqual([5, 3, 3, 2]);
    expect(result).toMatchObject({ link: '/n4', inRound: true, more: true, reset: true });
  });

  it('keeps the last word on an id that appears twice, once', async () => {
    const { graph } = scriptedGraph([
      { value: items('a', 'b'), nextLink: '/n1' },
      { value: [{ id: 'a', '@removed': { reason: 'deleted' } }], deltaLink: '/d' },
    ]);
    const result = await pullDeltaPages(options(graph));
    expect([...changesOf(result).entries()]).toEqual([['b', { id: 'b' }], ['a', { id: 'a', '@removed': { reason: 'deleted' } }]]);
    expect(result).toMatchObject({ link: '/d', more: false, inRound: false });
  });

  it('restarts the round on a 410 when nothing was gathered, and says reset', async () => {
    const { graph, asked } = scriptedGraph(['gone', { value: items('a'), deltaLink: '/d' }]);
    const result = await pullDeltaPages(options(graph, { link: '/old-delta' }));
    expect(asked.map((a) => a.start)).toEqual([false, true]);
    expect(result).toMatchObject({ reset: true, more: false, link: '/d' });
  });

  it('answers what it has on a 410 mid-answer and leaves the restart to the next call', async () => {
    const { graph } = scriptedGraph([{ value: items('a'), nextLink: '/n1' }, 'gone']);
    const result = await pullDeltaPages(options(graph, { link: '/n0' }));
    expect(result).toMatchObject({ reset: false, more: true, link: undefined });
    expect([...changesOf(result).keys()]).toEqual(['a']);
  });

  it('ends a round that began in an earlier answer at its deltaLink, with no further call', async () => {
    // Changes made while the round ran are in that deltaLink: the device's next sync gets them.
    const { graph, asked } = scriptedGraph([{ value: items('a', 'b', 'c', 'd', 'e'), deltaLink: '/d1' }]);
    const result = await pullDeltaPages(options(graph, { link: '/n4' }));
    expect(asked.map((a) => [a.link, a.maxPageSize])).toEqual([['/n4', 5]]);
    expect(result).toMatchObject({ link: '/d1', more: false, inRound: false, reset: false });
    expect(changesOf(result).size).toBe(5);
  });

  it('answers more: true with the nextLink when the window is full before the round ends', async () => {
    const { graph, asked } = scriptedGraph([{ value: items('a', 'b', 'c', 'd', 'e'), nextLink: '/n5' }]);
    const result = await pullDeltaPages(options(graph, { link: '/n4' }));
    expect(asked).toHaveLength(1);
    expect(result).toMatchObject({ link: '/n5', more: true, inRound: true, reset: false });
  });

  it('follows a deltaLink from an earlier round and says no reset', async () => {
    const { graph } = scriptedGraph([{ value: items('x'), deltaLink: '/d9' }]);
    const result = await pullDeltaPages(options(graph, { link: '/d8' }));
    expect(result).toMatchObject({ link: '/d9', more: false, reset: false });
    expect([...changesOf(result).keys()]).toEqual(['x']);
  });

  it('stops pulling at the time budget and answers more: true', async () => {
    let now = 0;
    const { graph } = scriptedGraph([{ value: items('a'), nextLink: '/n1' }]);
    const result = await pullDeltaPages(options(graph, { clock: { now: () => (now += 1200), sleep: async () => {} } }));
    expect(result).toMatchObject({ more: true, link: '/n1' });
  });
  it('keeps the link that asked for each page, so an answer can end before any page', async () => {
    const { graph } = scriptedGraph([
      { value: items('a'), nextLink: '/n1' },
      { value: items('b'), nextLink: '/n2' },
      { value: items('c'), deltaLink: '/d' },
    ]);
    const result = await pullDeltaPages(options(graph, { link: '/n0' }));
    expect(result.pages.map((page) => page.link)).toEqual(['/n0', '/n1', '/n2']);
  });

  it("answers 503 with Retry-After when Graph refuses the round's own restart, instead of more: true", async () => {
    const { graph, asked } = scriptedGraph(['gone', 'gone']);
    const failure = await pullDeltaPages(options(graph, { link: '/old-delta' })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FerryError);
    expect(failure).toMatchObject({ code: 'upstream_unavailable', status: 503, logReason: 'delta_restart_refused' });
    expect((failure as FerryError).retryAfterInMs).toBeGreaterThan(0);
    expect(asked.map((a) => a.start)).toEqual([false, true]);
  });

  it('answers the pages in hand with more: true when the deadline cuts the next one, and asks for it again next time', async () => {
    const { graph } = scriptedGraph([{ value: items('a', 'b'), nextLink: '/n1' }, 'deadline']);
    const result = await pullDeltaPages(options(graph, { link: '/n0' }));
    expect(result).toMatchObject({ link: '/n1', inRound: true, more: true, reset: false });
    expect([...changesOf(result).keys()]).toEqual(['a', 'b']);
  });

  it('passes the deadline on (503) when nothing is in hand', async () => {
    const { graph } = scriptedGraph(['deadline']);
    await expect(pullDeltaPages(options(graph, { link: '/n0' }))).rejects.toMatchObject({ code: 'upstream_unavailable', logReason: 'deadline' });
  });

  it('asks again with half the page size when an answer passes the size cap, down to one entry', async () => {
    const { graph, asked } = scriptedGraph(['too-large', 'too-large', { value: items('a'), nextLink: '/n1' }, { value: items('b'), deltaLink: '/d' }]);
    const result = await pullDeltaPages(options(graph, { link: '/n0', window: 4 }));
    expect(asked.map((a) => [a.link, a.maxPageSize])).toEqual([['/n0', 4], ['/n0', 2], ['/n0', 1], ['/n1', 1]]);
    expect(result).toMatchObject({ link: '/d', more: false });
  });

  it('passes a too-large answer on when even one entry is too large', async () => {
    const { graph } = scriptedGraph(['too-large']);
    await expect(pullDeltaPages(options(graph, { link: '/n0', window: 1 }))).rejects.toMatchObject({ code: 'upstream_error', logReason: 'answer_too_large' });
  });

  it('stops after maxPages pages', async () => {
    const { graph, asked } = scriptedGraph([{ value: items('a'), nextLink: '/n1' }]);
    const result = await pullDeltaPages(options(graph, { link: '/n0', maxPages: 1 }));
    expect(asked).toHaveLength(1);
    expect(result).toMatchObject({ link: '/n1', more: true, inRound: true });
  });

  it('stops once the pages hold stopAfterBytes of JSON as Graph sent them', async () => {
    const big = (id: string) => ({ id, text: 'x'.repeat(100) });
    const { graph, asked } = scriptedGraph([
      { value: [big('a')], nextLink: '/n1' },
      { value: [big('b')], nextLink: '/n2' },
      { value: [big('c')], nextLink: '/n3' },
    ]);
    const oneEntry = JSON.stringify(big('a')).length + 1;
    const result = await pullDeltaPages(options(graph, { link: '/n0', stopAfterBytes: oneEntry * 2 }));
    expect(asked.map((a) => a.link)).toEqual(['/n0', '/n1']);
    expect(result).toMatchObject({ link: '/n2', more: true, inRound: true });
  });

  it('refuses a page that points at itself (it would loop for ever)', async () => {
    const { graph } = scriptedGraph([{ value: [], nextLink: '/n0' }]);
    await expect(pullDeltaPages(options(graph, { link: '/n0' }))).rejects.toMatchObject({ code: 'upstream_error', logReason: 'link_loop' });
  });

  describe('failures other than 410 are not restarts (mutation testing)', () => {
    it('passes any other page failure on, with or without pages in hand, and never starts over', async () => {
      for (const before of [[], [{ value: items('a'), nextLink: '/n1' }]] as Reply[][]) {
        const { graph, asked } = scriptedGraph([...before, 'broken', { value: items('z'), deltaLink: '/d' }]);
        await expect(pullDeltaPages(options(graph, { link: '/n0' }))).rejects.toMatchObject({ code: 'upstream_error', logReason: 'InternalServerError' });
        expect(asked.every((a) => !a.start)).toBe(true);
      }
    });

    it('at the deadline, answers the pages of a round it began itself too, and passes the deadline on with none', async () => {
      const { graph } = scriptedGraph([{ value: items('a'), nextLink: '/n1' }, 'deadline']);
      const result = await pullDeltaPages(options(graph));
      expect(result).toMatchObject({ link: '/n1', inRound: true, more: true, reset: true });
      const { graph: fresh } = scriptedGraph(['deadline']);
      await expect(pullDeltaPages(options(fresh))).rejects.toMatchObject({ logReason: 'deadline' });
    });

    it('a 410 mid-answer ends the answer outside a round: the next call starts one, with nothing else asked', async () => {
      const { graph, asked } = scriptedGraph([{ value: items('a'), nextLink: '/n1' }, 'gone', { value: items('z'), deltaLink: '/d' }]);
      const result = await pullDeltaPages(options(graph, { link: '/n0' }));
      expect(result).toEqual({ pages: [{ link: '/n0', entries: items('a') }], link: undefined, inRound: false, more: true, reset: false });
      expect(asked).toHaveLength(2);
    });

    it('restarts at most once: the restart itself refused is a 503 of 30 s, after exactly two calls', async () => {
      const { graph, asked } = scriptedGraph(['gone', 'gone', { value: items('z'), deltaLink: '/d' }]);
      await expect(pullDeltaPages(options(graph, { link: '/n0' }))).rejects.toMatchObject({ retryAfterInMs: 30_000 });
      expect(asked).toHaveLength(2);
    });

    it('a restart drops what the refused link had and asks the start request for the whole window', async () => {
      const { graph, asked } = scriptedGraph(['gone', { value: [], nextLink: '/s1' }, { value: items('a'), deltaLink: '/d' }]);
      const result = await pullDeltaPages(options(graph, { link: '/n0', window: 3 }));
      expect(asked.map((a) => [a.link, a.maxPageSize])).toEqual([['/n0', 3], [undefined, 3], ['/s1', 3]]);
      expect(result.pages.map((page) => page.link)).toEqual([undefined, '/s1']);
      expect(result).toMatchObject({ reset: true, inRound: false, more: false, link: '/d' });
    });

    it('refuses an entry without an id and a page with neither link', async () => {
      const { graph } = scriptedGraph([{ value: [{ name: 'x' } as never], nextLink: '/n1' }]);
      await expect(pullDeltaPages(options(graph, { link: '/n0' }))).rejects.toMatchObject({ code: 'upstream_error', logReason: 'delta_entry_without_id' });
      const { graph: noLink } = scriptedGraph([{ value: items('a') }]);
      await expect(pullDeltaPages(options(noLink, { link: '/n0' }))).rejects.toMatchObject({ code: 'upstream_error', logReason: 'delta_page_without_link' });
    });
  });

  describe('where pulling stops (mutation testing)', () => {
    const pagesOf = (count: number) => Array.from({ length: count }, (_, i): Reply => ({ value: items(`e${i}`), nextLink: `/n${i + 1}` }));

    it('stops after exactly maxPages pages, and pulls on without a limit', async () => {
      const limited = scriptedGraph(pagesOf(4));
      expect(await pullDeltaPages(options(limited.graph, { link: '/n0', window: 10, maxPages: 2 }))).toMatchObject({ link: '/n2', more: true });
      expect(limited.asked).toHaveLength(2);
      const unlimited = scriptedGraph([...pagesOf(3), { value: items('last'), deltaLink: '/d' }]);
      expect(await pullDeltaPages(options(unlimited.graph, { link: '/n0', window: 10 }))).toMatchObject({ link: '/d', more: false });
      expect(unlimited.asked).toHaveLength(4);
    });

    it('counts no bytes against a limit it was not given, however large the entries', async () => {
      const big = (id: string) => ({ id, text: 'x'.repeat(100_000) });
      const { graph, asked } = scriptedGraph([{ value: [big('a')], nextLink: '/n1' }, { value: [big('b')], deltaLink: '/d' }]);
      expect(await pullDeltaPages(options(graph, { link: '/n0' }))).toMatchObject({ link: '/d', more: false });
      expect(asked).toHaveLength(2);
    });

    it('stops at the very millisecond of stopPullingAtInMs, not one later', async () => {
      const at = (now: number) => ({ now: () => now, sleep: async () => {} });
      const onTime = scriptedGraph(pagesOf(2));
      expect(await pullDeltaPages(options(onTime.graph, { link: '/n0', clock: at(1000), stopPullingAtInMs: 1000 }))).toMatchObject({ link: '/n1', more: true });
      expect(onTime.asked).toHaveLength(1);
      const early = scriptedGraph([...pagesOf(1), { value: items('z'), deltaLink: '/d' }]);
      expect(await pullDeltaPages(options(early.graph, { link: '/n0', clock: at(999), stopPullingAtInMs: 1000 }))).toMatchObject({ link: '/d' });
    });

    it('asks the start request, not a link request, for a new round', async () => {
      const { graph, asked } = scriptedGraph([{ value: items('a'), deltaLink: '/d' }]);
      await pullDeltaPages(options(graph));
      expect(asked).toEqual([{ link: undefined, start: true, maxPageSize: 5 }]);
    });
  });
});
