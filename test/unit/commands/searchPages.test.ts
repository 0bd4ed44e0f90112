import type { BatchResult, GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import { searchPages, type SearchPagesInput } from '../../../shared/commands/searchPages';

/** searchPages against a fake Graph: pages by link, folders by id. */
function message(id: string, folder = 'visible', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, conversationId: 'c', receivedDateTime: '2024-05-01T00:00:00Z', from: null, toRecipients: [], ccRecipients: [], subject: id, bodyPreview: '',
    isRead: false, flag: { flagStatus: 'notFlagged' }, importance: 'normal', hasAttachments: false, categories: [], parentFolderId: folder, ...extra,
  };
}

function fakeGraph(pages: Record<string, GraphPage<Record<string, unknown>>>, hidden: Record<string, boolean | 'gone'>, log: string[]): GraphClient {
  return {
    send: async () => { throw new Error('not used'); },
    pages: () => { throw new Error('not used'); },
    stream: async () => { throw new Error('not used'); },
    page: async <T,>(request: GraphRequest) => {
      const key = request.link ?? 'first';
      log.push(`page ${key}`);
      return pages[key] as unknown as GraphPage<T>;
    },
    batch: async (requests: GraphRequest[]) => {
      log.push(`batch ${requests.length}`);
      return requests.map((request): BatchResult => {
        const id = decodeURIComponent(request.path.split('/').at(-1)!);
        if (hidden[id] === 'gone') return { ok: false, error: new GraphRequestError('not_found', { operation: 'mailFolders.get', graphStatus: 404, outcomeUnknown: false }) };
        return { ok: true, response: { status: 200, headers: {}, body: { id, isHidden: hidden[id] === true } } };
      });
    },
  };
}

function input(graph: GraphClient, overrides: Partial<SearchPagesInput> = {}): SearchPagesInput {
  return {
    graph,
    first: { operation: 'messages.search', method: 'GET', path: '/me/messages', idempotent: true },
    follow: (link) => ({ operation: 'messages.search', method: 'GET', path: '', link, idempotent: true }),
    skip: 0,
    limit: 3,
    judgeFolders: true,
    verdicts: new Map(),
    keep: () => true,
    stopPullingAtInMs: Infinity,
    now: () => 0,
    ...overrides,
  };
}

describe('searchPages', () => {
  const pages = {
    first: { value: [message('a'), message('b', 'teams'), message('c', 'nestedHidden'), { ...message('d'), '@odata.type': '#microsoft.graph.chatMessage' }, message('e', 'gone')], nextLink: '/p2' },
    '/p2': { value: [message('f'), { id: 'g' }, message('h', 'visible', { '@odata.type': '#microsoft.graph.eventMessageRequest' }), message('i'), message('j')], nextLink: '/p3' },
    '/p3': { value: [message('k')] },
  };
  const hidden = { visible: false, teams: true, nestedHidden: true, gone: 'gone' as const };

  it('drops hidden folders (one $batch per page for folders not judged yet), non-messages and items failing the schema', async () => {
    const log: string[] = [];
    const result = await searchPages(input(fakeGraph(pages, hidden, log)));
    expect(result.messages.map((m) => m.id)).toEqual(['a', 'f', 'h']);
    expect(result.next).toEqual({ link: '/p2', skip: 3 });
    expect(result.counts).toMatchObject({ pages: 2, hidden: 3, notMessage: 1, dropped: 1 });
    // Page 2's folder was judged on page 1: no second batch.
    expect(log).toEqual(['page first', 'batch 4', 'page /p2']);
  });

  it('goes on from a cursor position with its verdicts, without judging those folders again, to the end', async () => {
    const log: string[] = [];
    const verdicts = new Map([['visible', false]]);
    const result = await searchPages(input(fakeGraph(pages, hidden, log), { link: '/p2', skip: 4, verdicts }));
    expect(result.messages.map((m) => m.id)).toEqual(['j', 'k']);
    expect(result.next).toBeUndefined();
    expect(log).toEqual(['page /p2', 'page /p3']);
  });

  it('ends at a full page on the next link, and past the time to stop pulling answers what it has with where to go on', async () => {
    const full = await searchPages(input(fakeGraph(pages, hidden, []), { limit: 4, judgeFolders: false }));
    expect(full.next).toEqual({ link: '/p2', skip: 0 });
    let now = 0;
    const timed = await searchPages(input(fakeGraph(pages, hidden, []), { limit: 50, stopPullingAtInMs: 10, now: () => (now += 20) }));
    expect([timed.messages.map((m) => m.id), timed.next]).toEqual([['a'], { link: '/p2', skip: 0 }]);
  });

  it('an error object in value is 502 upstream_error', async () => {
    const broken = { first: { value: [message('a'), { error: { code: 'ErrorInternalServerTransientError', message: 'x' } }] } };
    await expect(searchPages(input(fakeGraph(broken, hidden, [])))).rejects.toMatchObject({ code: 'upstream_error', logReason: 'error_in_value' });
  });
});
