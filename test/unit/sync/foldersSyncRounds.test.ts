import type { BatchResult, GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import { foldersSyncCommand } from '../../../shared/commands/foldersSync';
import { loadConfig } from '../../../shared/config';
import { silentLogger } from '../../../shared/observability/logger';
import type { CommandContext } from '../../../shared/runtime/commandContext';
import { createKeyRing } from '../../../shared/state/keyRing';

const folder = (id: string, name: string) => ({ id, displayName: name, parentFolderId: 'root', childFolderCount: 0, unreadItemCount: 0, totalItemCount: 0, isHidden: false });

/**
 * folders/sync over a scripted Graph: the well-known folders `$batch` answers from `wellKnown` (a name
 * missing there is 404, as Exchange answers for an Archive not created yet), the delta from `pages`.
 */
function scriptedContext(wellKnown: Record<string, string>, pages: Array<GraphPage<unknown>>, options: { batchFails?: boolean } = {}) {
  const calls: string[] = [];
  const asked: string[][] = [];
  const graph = {
    async batch(requests: GraphRequest[]): Promise<BatchResult[]> {
      calls.push('wellKnown');
      asked.push(requests.map((request) => decodeURIComponent(request.path.split('/').pop()!)));
      if (options.batchFails) throw new GraphRequestError('throttled', { operation: 'batch', graphStatus: 429, retryAfterInMs: 1000 });
      return requests.map((request) => {
        const name = decodeURIComponent(request.path.split('/').pop()!);
        const id = wellKnown[name];
        if (id) return { ok: true, response: { status: 200, headers: {}, body: { id } } };
        const response = { status: 404, headers: {}, body: { error: { code: 'ErrorItemNotFound' } } };
        return { ok: false, error: new GraphRequestError('not_found', { operation: 'mailFolders.get', graphStatus: 404 }), response };
      });
    },
    async page() {
      calls.push('delta');
      return pages.shift()!;
    },
    async *pages() {},
  } as unknown as GraphClient;
  const ring = createKeyRing([{ id: 'k1', key: Buffer.alloc(32, 7) }]);
  const context: CommandContext = {
    requestId: 'r',
    caller: { tid: 't', oid: 'o' } as CommandContext['caller'],
    config: loadConfig({}),
    clock: { now: () => 1_800_000_000_000, sleep: async () => {} },
    logger: silentLogger,
    deadlineInMs: 1_800_000_020_000,
    graph,
    keyRing: async () => ring,
  };
  return { context, calls, asked };
}

describe('folders/sync, round by round', () => {
  it('resolves the well-known folders again at the start of every round, so an Archive created later gets its kind', async () => {
    const first = scriptedContext({ msgfolderroot: 'root', inbox: 'in' }, [{ value: [folder('in', 'Inbox'), folder('ar', 'Archive')], deltaLink: '/v1.0/d1' }]);
    const answer = await foldersSyncCommand.handler({}, first.context);
    expect(answer.upserts.find((f) => f.id === 'ar')!.kind).toBe('other');

    // The user's Archive is created on demand; the next (incremental) round must see it as such.
    const next = scriptedContext({ msgfolderroot: 'root', inbox: 'in', archive: 'ar' }, [{ value: [{ ...folder('ar', 'Archive'), unreadItemCount: 1 }], deltaLink: '/v1.0/d2' }]);
    const later = await foldersSyncCommand.handler({ state: answer.state }, next.context);
    expect(later.upserts).toEqual([expect.objectContaining({ id: 'ar', kind: 'archive' })]);
    expect(next.calls).toEqual(['wellKnown', 'delta']);
    // Only the folders still unknown are asked for again: a well-known folder keeps its id.
    expect(next.asked[0]).not.toContain('inbox');
    expect(next.asked[0]).toContain('archive');
  });

  it('spends no Graph call on well-known folders when every one is known, and goes on when a refresh fails', async () => {
    const all = { msgfolderroot: 'root', inbox: 'in', drafts: 'dr', sentitems: 'se', deleteditems: 'de', junkemail: 'ju', archive: 'ar', outbox: 'ou' };
    const first = scriptedContext(all, [{ value: [folder('in', 'Inbox')], deltaLink: '/v1.0/d1' }]);
    const answer = await foldersSyncCommand.handler({}, first.context);
    const next = scriptedContext(all, [{ value: [folder('ar', 'Archive')], deltaLink: '/v1.0/d2' }]);
    const later = await foldersSyncCommand.handler({ state: answer.state }, next.context);
    expect(next.calls).toEqual(['delta']);
    expect(later.upserts).toEqual([expect.objectContaining({ id: 'ar', kind: 'archive' })]);

    const partial = scriptedContext({ msgfolderroot: 'root', inbox: 'in' }, [{ value: [], deltaLink: '/v1.0/d1' }]);
    const partialAnswer = await foldersSyncCommand.handler({}, partial.context);
    const failing = scriptedContext({}, [{ value: [folder('in', 'Inbox')], deltaLink: '/v1.0/d2' }], { batchFails: true });
    const goesOn = await foldersSyncCommand.handler({ state: partialAnswer.state }, failing.context);
    expect(failing.calls).toEqual(['wellKnown', 'delta']);
    expect(goesOn.upserts).toEqual([expect.objectContaining({ id: 'in', kind: 'inbox' })]);
  });

  it('keeps the well-known folders of the state while a round spans answers', async () => {
    const many = Array.from({ length: 500 }, (_, index) => folder(`f${index}`, `F${index}`));
    const first = scriptedContext({ msgfolderroot: 'root', inbox: 'in' }, [{ value: many, nextLink: '/v1.0/n1' }]);
    const answer = await foldersSyncCommand.handler({}, first.context);
    expect(answer.more).toBe(true);
    const next = scriptedContext({ msgfolderroot: 'root', inbox: 'in' }, [{ value: [folder('in', 'Inbox')], deltaLink: '/v1.0/d1' }]);
    const last = await foldersSyncCommand.handler({ state: answer.state }, next.context);
    expect(next.calls).toEqual(['delta']);
    expect(last.upserts).toEqual([expect.objectContaining({ id: 'in', kind: 'inbox' })]);
  });
});
