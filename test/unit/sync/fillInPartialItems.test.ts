import type { BatchResult, GraphClient, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import { fillInPartialItems, type MembershipCheck } from '../../../shared/sync/fillInPartialItems';

type Item = { id: string; subject?: string; isRead?: boolean; parentFolderId?: string };
type Reply = Record<string, unknown> | 404 | GraphRequestError;

/** A `$batch` answering each request by its path from `replies`; records every batch's requests. */
function scriptedGraph(replies: Record<string, Reply>) {
  const batches: GraphRequest[][] = [];
  const graph = {
    async batch(requests: GraphRequest[]): Promise<BatchResult[]> {
      batches.push(requests);
      return requests.map((request): BatchResult => {
        const reply = replies[request.path]!;
        if (reply === 404) return { ok: false, error: new GraphRequestError('not_found', { operation: request.operation, graphStatus: 404 }), response: { status: 404, headers: {}, body: {} } };
        if (reply instanceof GraphRequestError) return { ok: false, error: reply };
        return { ok: true, response: { status: 200, headers: {}, body: reply } };
      });
    },
  } as unknown as GraphClient;
  return { graph, batches };
}

const select = ['id', 'subject', 'isRead'];
const requestFor = (id: string, missing: string[]): GraphRequest => ({ operation: 'messages.get', method: 'GET', path: `/m/${id}`, query: { $select: missing.join(',') }, idempotent: true });
/** Mail's check, in small: the folder `/folder` answers its id, a message belongs when its parentFolderId is it. */
const inFolder: MembershipCheck = {
  fields: ['parentFolderId'],
  request: { operation: 'mailFolders.get', method: 'GET', path: '/folder', idempotent: true },
  belongs: (fetched, folder) => fetched.parentFolderId === undefined || fetched.parentFolderId === (folder as { id: string }).id,
};
const items = (...list: Item[]) => new Map(list.map((item) => [item.id, item]));

describe('fillInPartialItems', () => {
  it('fills in only the missing fields, and takes a 404 as vanished', async () => {
    const { graph, batches } = scriptedGraph({ '/m/b': { subject: 'filled', isRead: false }, '/m/c': 404 });
    const result = await fillInPartialItems(graph, items({ id: 'a', subject: 'whole', isRead: true }, { id: 'b', isRead: true }, { id: 'c', isRead: true }), select, requestFor);
    expect(result.complete.get('b')).toEqual({ id: 'b', subject: 'filled', isRead: true });
    expect(result.vanished).toEqual(['c']);
    expect([...result.complete.keys()]).toEqual(['a', 'b']);
    expect(batches.map((batch) => batch.map((request) => [request.path, request.query?.$select]))).toEqual([[['/m/b', 'subject'], ['/m/c', 'subject']]]);
  });

  it('with a membership check: asks it once in the same $batch, asks each item for parentFolderId, and takes an item elsewhere as vanished', async () => {
    const { graph, batches } = scriptedGraph({
      '/folder': { id: 'INBOX' },
      '/m/here': { subject: 'stays', parentFolderId: 'INBOX' },
      '/m/moved': { subject: 'moved away', parentFolderId: 'ARCHIVE' },
      '/m/deleted': { subject: 'soft-deleted', parentFolderId: 'RECOVERABLE' },
      '/m/gone': 404,
    });
    const result = await fillInPartialItems(
      graph,
      items({ id: 'here', isRead: true }, { id: 'moved', isRead: true }, { id: 'deleted', isRead: true }, { id: 'gone', isRead: true }, { id: 'whole', subject: 's', isRead: true }),
      select,
      requestFor,
      inFolder,
    );
    expect(result.vanished).toEqual(['moved', 'deleted', 'gone']);
    expect([...result.complete.keys()]).toEqual(['here', 'whole']);
    expect(result.complete.get('here')).toMatchObject({ subject: 'stays', isRead: true });
    expect(result.filledIn).toBe(4);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((request) => [request.path, request.query?.$select])).toEqual([
      ['/folder', undefined],
      ['/m/here', 'subject,parentFolderId'],
      ['/m/moved', 'subject,parentFolderId'],
      ['/m/deleted', 'subject,parentFolderId'],
      ['/m/gone', 'subject,parentFolderId'],
    ]);
  });

  it('judges by the fresh parentFolderId, not the delta\'s copy, and keeps an item answered without one', async () => {
    const { graph } = scriptedGraph({ '/folder': { id: 'INBOX' }, '/m/stale': { subject: 's', parentFolderId: 'ARCHIVE' }, '/m/silent': { subject: 's' } });
    const result = await fillInPartialItems(graph, items({ id: 'stale', isRead: true, parentFolderId: 'INBOX' }, { id: 'silent', isRead: true }), select, requestFor, inFolder);
    expect(result.vanished).toEqual(['stale']);
    expect([...result.complete.keys()]).toEqual(['silent']);
  });

  it('sends nothing when no item is partial, and throws the check\'s own failure', async () => {
    const quiet = scriptedGraph({});
    const whole = await fillInPartialItems(quiet.graph, items({ id: 'a', subject: 's', isRead: true }), select, requestFor, inFolder);
    expect(whole).toMatchObject({ vanished: [], filledIn: 0 });
    expect(quiet.batches).toEqual([]);

    const folderGone = new GraphRequestError('not_found', { operation: 'mailFolders.get', graphStatus: 404 });
    const failing = scriptedGraph({ '/folder': folderGone, '/m/a': { subject: 's', parentFolderId: 'INBOX' } });
    await expect(fillInPartialItems(failing.graph, items({ id: 'a', isRead: true }), select, requestFor, inFolder)).rejects.toBe(folderGone);
  });

  it('throws an item failure other than 404 (it is not vanished), with or without an answer', async () => {
    const throttled = new GraphRequestError('throttled', { operation: 'messages.get', graphStatus: 429 });
    const { graph } = scriptedGraph({ '/m/a': throttled });
    await expect(fillInPartialItems(graph, items({ id: 'a', isRead: true }), select, requestFor)).rejects.toBe(throttled);
    const answered = {
      async batch(requests: GraphRequest[]): Promise<BatchResult[]> {
        return requests.map(() => ({ ok: false, error: throttled, response: { status: 500, headers: {}, body: {} } }));
      },
    } as unknown as GraphClient;
    await expect(fillInPartialItems(answered, items({ id: 'a', isRead: true }), select, requestFor)).rejects.toBe(throttled);
  });

  it('asks a field the check needs once when the item misses it anyway', async () => {
    const { graph, batches } = scriptedGraph({ '/folder': { id: 'INBOX' }, '/m/a': { subject: 's', parentFolderId: 'INBOX' } });
    const result = await fillInPartialItems(graph, items({ id: 'a', isRead: true }), [...select, 'parentFolderId'], requestFor, inFolder);
    expect(batches[0]![1]!.query?.$select).toBe('subject,parentFolderId');
    expect(result.complete.get('a')).toEqual({ id: 'a', subject: 's', isRead: true, parentFolderId: 'INBOX' });
    expect(result).toMatchObject({ vanished: [], filledIn: 1 });
  });

  it('without a check, keeps an item answered from elsewhere and sends only the items', async () => {
    const { graph, batches } = scriptedGraph({ '/m/a': { subject: 's', parentFolderId: 'ARCHIVE' } });
    const result = await fillInPartialItems(graph, items({ id: 'a', isRead: true }), select, requestFor);
    expect(batches[0]!.map((request) => request.path)).toEqual(['/m/a']);
    expect(batches[0]![0]!.query?.$select).toBe('subject');
    expect(result).toMatchObject({ vanished: [], filledIn: 1 });
    expect(result.complete.get('a')).toMatchObject({ subject: 's' });
  });
});
