import type { GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphSyncResetError } from '../../../shared/graph/graphSyncResetError';
import { runDeltaRound, type DeltaEntry } from '../../../shared/sync/runDeltaRound';

type Reply = GraphPage<DeltaEntry> | 'gone';

/** A Graph client that answers page requests from a script and records what was asked. */
function scriptedGraph(replies: Reply[]) {
  const asked: Array<{ link?: string; start: boolean; maxPageSize: number }> = [];
  const graph = {
    async page(request: GraphRequest) {
      asked.push({ link: request.link, start: request.link === undefined, maxPageSize: Number(request.headers?.max) });
      const reply = replies.shift();
      if (!reply) throw new Error('unexpected request');
      if (reply === 'gone') throw new GraphSyncResetError('gone', 'messages.delta');
      return reply;
    },
  } as unknown as GraphClient;
  return { graph, asked };
}

const clock = { now: () => 0, sleep: async () => {} };
const options = (graph: GraphClient, extra: Partial<Parameters<typeof runDeltaRound>[0]> = {}) => ({
  graph,
  clock,
  window: 5,
  stopPullingAt: 1000,
  startRequest: (max: number): GraphRequest => ({ operation: 'x', method: 'GET', path: '/delta', idempotent: true, headers: { max: String(max) } }),
  linkRequest: (link: string, max: number): GraphRequest => ({ operation: 'x', method: 'GET', path: '', link, idempotent: true, headers: { max: String(max) } }),
  ...extra,
});
const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe('runDeltaRound', () => {
  it('drains small pages into one window, asking each page for the room left', async () => {
    const { graph, asked } = scriptedGraph([
      { value: items('a', 'b'), nextLink: '/n1' },
      { value: [], nextLink: '/n2' },
      { value: items('c'), nextLink: '/n3' },
      { value: items('d', 'e'), nextLink: '/n4' },
    ]);
    const result = await runDeltaRound(options(graph));
    expect([...result.changes.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(asked.map((a) => a.maxPageSize)).toEqual([5, 3, 3, 2]);
    expect(result).toMatchObject({ link: '/n4', inRound: true, more: true, reset: true });
  });

  it('keeps the last word on an id that appears twice, once', async () => {
    const { graph } = scriptedGraph([
      { value: items('a', 'b'), nextLink: '/n1' },
      { value: [{ id: 'a', '@removed': { reason: 'deleted' } }], deltaLink: '/d' },
    ]);
    const result = await runDeltaRound(options(graph));
    expect([...result.changes.entries()]).toEqual([['b', { id: 'b' }], ['a', { id: 'a', '@removed': { reason: 'deleted' } }]]);
    expect(result).toMatchObject({ link: '/d', more: false, inRound: false });
  });

  it('restarts the round on a 410 when nothing was gathered, and says reset', async () => {
    const { graph, asked } = scriptedGraph(['gone', { value: items('a'), deltaLink: '/d' }]);
    const result = await runDeltaRound(options(graph, { link: '/old-delta' }));
    expect(asked.map((a) => a.start)).toEqual([false, true]);
    expect(result).toMatchObject({ reset: true, more: false, link: '/d' });
  });

  it('answers what it has on a 410 mid-answer and leaves the restart to the next call', async () => {
    const { graph } = scriptedGraph([{ value: items('a'), nextLink: '/n1' }, 'gone']);
    const result = await runDeltaRound(options(graph, { link: '/n0' }));
    expect(result).toMatchObject({ reset: false, more: true, link: undefined });
    expect([...result.changes.keys()]).toEqual(['a']);
  });

  it('ends a round that began in an earlier answer at its deltaLink, with no further call', async () => {
    // Changes made while the round ran are in that deltaLink: the device's next sync gets them.
    const { graph, asked } = scriptedGraph([{ value: items('a', 'b', 'c', 'd', 'e'), deltaLink: '/d1' }]);
    const result = await runDeltaRound(options(graph, { link: '/n4' }));
    expect(asked.map((a) => [a.link, a.maxPageSize])).toEqual([['/n4', 5]]);
    expect(result).toMatchObject({ link: '/d1', more: false, inRound: false, reset: false });
    expect(result.changes.size).toBe(5);
  });

  it('answers more: true with the nextLink when the window is full before the round ends', async () => {
    const { graph, asked } = scriptedGraph([{ value: items('a', 'b', 'c', 'd', 'e'), nextLink: '/n5' }]);
    const result = await runDeltaRound(options(graph, { link: '/n4' }));
    expect(asked).toHaveLength(1);
    expect(result).toMatchObject({ link: '/n5', more: true, inRound: true, reset: false });
  });

  it('follows a deltaLink from an earlier round and says no reset', async () => {
    const { graph } = scriptedGraph([{ value: items('x'), deltaLink: '/d9' }]);
    const result = await runDeltaRound(options(graph, { link: '/d8' }));
    expect(result).toMatchObject({ link: '/d9', more: false, reset: false });
    expect([...result.changes.keys()]).toEqual(['x']);
  });

  it('stops pulling at the time budget and answers more: true', async () => {
    let now = 0;
    const { graph } = scriptedGraph([{ value: items('a'), nextLink: '/n1' }]);
    const result = await runDeltaRound(options(graph, { clock: { now: () => (now += 1200), sleep: async () => {} } }));
    expect(result).toMatchObject({ more: true, link: '/n1' });
  });
});
