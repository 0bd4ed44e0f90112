import type { BatchResult, GraphClient, GraphRequest } from '../../../shared/graph/graphRequest';
import { FerryError } from '../../../shared/protocol/ferryError';
import { completeFromParents, type ParentLink } from '../../../shared/sync/completeFromParents';

/**
 * Occurrences completed from their series master (issue #17): calendarView delta may send an
 * occurrence as `id, seriesMasterId, type, start, end` only. Each master named is fetched once, all in
 * one `$batch`; an occurrence takes only the fields it lacks, never its own times or identity; a master
 * that is gone (404) takes its occurrences to `removed`.
 */
type Item = Record<string, unknown> & { id: string };
const select = ['id', 'type', 'seriesMasterId', 'subject', 'start', 'end', 'location', 'recurrence', 'iCalUId'];
const link: ParentLink<Item> = {
  parentOf: (item) => (item.type === 'occurrence' || item.type === 'exception' ? (item.seriesMasterId as string) : undefined),
  request: (id) => ({ operation: 'events.get', method: 'GET', path: `/me/events/${id}`, idempotent: true }),
  ownFields: ['id', 'type', 'seriesMasterId', 'start', 'end', 'iCalUId', 'originalStart', 'recurrence'],
  childDefaults: { recurrence: null },
};
const master = (id: string): Item => ({ id, type: 'seriesMaster', seriesMasterId: null, subject: `Series ${id}`, start: { dateTime: 'first' }, end: { dateTime: 'first-end' }, location: { displayName: 'Room' }, recurrence: { pattern: {} }, iCalUId: `uid-${id}` });
const stub = (id: string, masterId: string): Item => ({ id, type: 'occurrence', seriesMasterId: masterId, start: { dateTime: `${id}-start` }, end: { dateTime: `${id}-end` } });

function graphWith(masters: Record<string, Item | 404 | 503>): { graph: GraphClient; batches: GraphRequest[][] } {
  const batches: GraphRequest[][] = [];
  const graph = {
    async batch(requests: GraphRequest[]): Promise<BatchResult[]> {
      batches.push(requests);
      return requests.map((request) => {
        const answer = masters[request.path.split('/').pop()!];
        if (answer === 404) return { ok: false, error: new FerryError('not_found') as never, response: { status: 404, headers: {}, body: {} } };
        if (answer === 503 || answer === undefined) return { ok: false, error: new FerryError('upstream_unavailable') as never };
        return { ok: true, response: { status: 200, headers: {}, body: answer } };
      });
    },
  } as unknown as GraphClient;
  return { graph, batches };
}

describe('completeFromParents', () => {
  it('fetches each named master once in one $batch and copies only the fields an occurrence lacks, never its own', async () => {
    const { graph, batches } = graphWith({ m1: master('m1'), m2: master('m2') });
    const items = new Map<string, Item>([
      ['o1', stub('o1', 'm1')],
      ['o2', stub('o2', 'm1')],
      ['o3', { ...stub('o3', 'm2'), type: 'exception', subject: 'Own subject' }],
      ['s', { id: 's', type: 'singleInstance', subject: 'Single' }],
    ]);
    const result = await completeFromParents(graph, items, select, link);
    expect(batches.map((batch) => batch.map((r) => r.path))).toEqual([['/me/events/m1', '/me/events/m2']]);
    expect(result.fetched).toBe(2);
    expect(result.complete.get('o1')).toEqual({ ...stub('o1', 'm1'), subject: 'Series m1', location: { displayName: 'Room' }, recurrence: null });
    expect(result.complete.get('o3')).toMatchObject({ subject: 'Own subject', start: { dateTime: 'o3-start' } });
    expect(result.complete.get('o3')).not.toHaveProperty('iCalUId');
    expect(result.complete.get('s')).toEqual(items.get('s'));
    expect([...result.parents.keys()].sort()).toEqual(['m1', 'm2']);
    expect(result.gone).toEqual([]);
  });

  it('a master held whole in the items (or known) is not fetched; a partial one is', async () => {
    const { graph, batches } = graphWith({ m2: master('m2') });
    const items = new Map<string, Item>([
      ['m1', master('m1')],
      ['o1', stub('o1', 'm1')],
      ['m2', { id: 'm2', subject: 'Changed' }],
      ['o2', stub('o2', 'm2')],
      ['o3', stub('o3', 'm3')],
    ]);
    const result = await completeFromParents(graph, items, select, link, new Map([['m3', master('m3')]]));
    expect(batches.flat().map((r) => r.path)).toEqual(['/me/events/m2']);
    expect(result.complete.get('o1')).toMatchObject({ subject: 'Series m1' });
    expect(result.complete.get('o3')).toMatchObject({ subject: 'Series m3' });
  });

  it('a master gone (404) takes its occurrences with it; another failure fails the answer', async () => {
    const { graph } = graphWith({ m1: 404, m2: master('m2') });
    const items = new Map<string, Item>([['o1', stub('o1', 'm1')], ['o2', stub('o2', 'm2')], ['o4', stub('o4', 'm1')]]);
    const result = await completeFromParents(graph, items, select, link);
    expect(result.gone.sort()).toEqual(['m1', 'o1', 'o4']);
    expect([...result.complete.keys()]).toEqual(['o2']);
    await expect(completeFromParents(graphWith({ m1: 503 }).graph, items, select, link)).rejects.toBeInstanceOf(FerryError);
  });
});
