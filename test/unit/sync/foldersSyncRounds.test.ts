import type { BatchResult, GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import { foldersSyncCommand } from '../../../shared/commands/foldersSync';
import { loadConfig } from '../../../shared/config';
import { silentLogger } from '../../../shared/observability/logger';
import type { CommandContext } from '../../../shared/runtime/commandContext';
import { createKeyRing } from '../../../shared/state/keyRing';
import { sealSyncState } from '../../../shared/sync/syncStateCodec';

const folder = (id: string, name: string) => ({ id, displayName: name, parentFolderId: 'root', childFolderCount: 0, unreadItemCount: 0, totalItemCount: 0, isHidden: false });

/**
 * folders/sync over a scripted Graph: the well-known folders `$batch` answers from `wellKnown` (a name
 * missing there is 404, as Exchange answers for an Archive not created yet), the delta from `pages`.
 */
function scriptedContext(wellKnown: Record<string, string>, pages: Array<GraphPage<unknown>>, options: { batchFails?: boolean; listing?: unknown[] | 'fails' } = {}) {
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
    // The count refresh's listing (a fresh mailFolders/delta drained in one page).
    async *pages() {
      if (options.listing === undefined) return;
      calls.push('listing');
      if (options.listing === 'fails') throw new GraphRequestError('throttled', { operation: 'mailFolders.delta', graphStatus: 429, retryAfterInMs: 1000 });
      yield { value: options.listing, deltaLink: '/v1.0/dropped' };
    },
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

/**
 * Folder counts (issue 13, point 6): Graph's folder delta may leave out a folder whose only change is
 * its counts (UNVERIFIED; the simulator's `folderCountsStale`), so every incremental round lists the
 * folders beside the delta and sends again those whose counts differ from what the device holds.
 */
describe('folders/sync keeps unread and total fresh', () => {
  const all = { msgfolderroot: 'root', inbox: 'in', drafts: 'dr', sentitems: 'se', deleteditems: 'de', junkemail: 'ju', archive: 'ar', outbox: 'ou' };
  const counted = (id: string, name: string, unread: number, total: number) => ({ ...folder(id, name), unreadItemCount: unread, totalItemCount: total });
  const tree = [counted('in', 'Inbox', 3, 10), counted('tr', 'Trips', 0, 4), counted('ne', 'News', 7, 7)];
  async function firstRound() {
    return foldersSyncCommand.handler({}, scriptedContext(all, [{ value: tree, deltaLink: '/v1.0/d1' }]).context);
  }

  it('sends a folder whose counts changed though the delta left it out, once, and nothing else', async () => {
    const first = await firstRound();
    const listing = [counted('in', 'Inbox', 4, 11), tree[1], tree[2]];
    const next = scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d2' }], { listing });
    const answer = await foldersSyncCommand.handler({ state: first.state }, next.context);
    expect(next.calls.sort()).toEqual(['delta', 'listing']);
    expect(answer.upserts).toEqual([expect.objectContaining({ id: 'in', kind: 'inbox', unread: 4, total: 11 })]);

    // The device now holds 4/11: the next round sends nothing, and counts going back are seen too.
    const quiet = await foldersSyncCommand.handler({ state: answer.state }, scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d3' }], { listing }).context);
    expect(quiet.upserts).toEqual([]);
    const back = await foldersSyncCommand.handler({ state: quiet.state }, scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d4' }], { listing: tree }).context);
    expect(back.upserts).toEqual([expect.objectContaining({ id: 'in', unread: 3, total: 10 })]);
  });

  it('never sends a folder twice in one answer: the delta\'s item wins, and its counts are what the device holds', async () => {
    const first = await firstRound();
    const renamed = counted('tr', 'Travel', 1, 5);
    const next = scriptedContext(all, [{ value: [renamed], deltaLink: '/v1.0/d2' }], { listing: [tree[0], counted('tr', 'Travel', 2, 6), tree[2]] });
    const answer = await foldersSyncCommand.handler({ state: first.state }, next.context);
    expect(answer.upserts).toEqual([expect.objectContaining({ id: 'tr', name: 'Travel', unread: 1, total: 5 })]);
    const after = await foldersSyncCommand.handler({ state: answer.state }, scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d3' }], { listing: [tree[0], counted('tr', 'Travel', 2, 6), tree[2]] }).context);
    expect(after.upserts).toEqual([expect.objectContaining({ id: 'tr', unread: 2, total: 6 })]);
  });

  it('lists only at an incremental round\'s start: not in a first round, not within a round', async () => {
    const many = Array.from({ length: 500 }, (_, index) => folder(`f${index}`, `F${index}`));
    const first = scriptedContext(all, [{ value: many, nextLink: '/v1.0/n1' }], { listing: tree });
    const answer = await foldersSyncCommand.handler({}, first.context);
    expect([answer.more, first.calls.includes('listing')]).toEqual([true, false]);
    const within = scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d1' }], { listing: tree });
    await foldersSyncCommand.handler({ state: answer.state }, within.context);
    expect(within.calls).toEqual(['delta']);
  });

  it('fails the answer like any Graph failure when the listing fails, so the device\'s retry sends the change', async () => {
    const first = await firstRound();
    const failing = scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d2' }], { listing: 'fails' });
    await expect(foldersSyncCommand.handler({ state: first.state }, failing.context)).rejects.toMatchObject({ code: 'throttled', retryAfterInMs: 1000 });
    const retry = scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d2' }], { listing: [counted('in', 'Inbox', 0, 10), tree[1], tree[2]] });
    expect((await foldersSyncCommand.handler({ state: first.state }, retry.context)).upserts).toEqual([expect.objectContaining({ id: 'in', unread: 0 })]);
  });

  it('sends every listed folder once to a state sealed before the digest', async () => {
    const payload = { v: 1 as const, kind: 'folders' as const, link: '/v1.0/d1', inRound: false, roundStartedAt: 1_800_000_000, wellKnown: { root: 'root', inbox: 'in' } };
    const legacy = await sealSyncState(scriptedContext(all, []).context, 'folders', foldersSyncCommand.stateSchema, payload);
    const answer = await foldersSyncCommand.handler({ state: legacy }, scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d2' }], { listing: tree }).context);
    expect(answer.upserts.map((f) => f.id).sort()).toEqual(['in', 'ne', 'tr']);
    const after = await foldersSyncCommand.handler({ state: answer.state }, scriptedContext(all, [{ value: [], deltaLink: '/v1.0/d3' }], { listing: tree }).context);
    expect(after.upserts).toEqual([]);
  });
});
