import { GraphRequestError } from '../../../shared/graph/graphErrors';
import type { BatchResult, GraphClient } from '../../../shared/graph/graphRequest';
import { judgeDeletes } from '../../../shared/commands/bulk/deleteMessages';
import { failedItem, movedItem } from '../../../shared/commands/bulk/itemResult';
import { deletePlan } from '../../../shared/commands/mailDelete';
import { graphDestination } from '../../../shared/commands/mailMove';
import { commonPatch, editCategories } from '../../../shared/commands/mailUpdate';
import { FerryError } from '../../../shared/protocol/ferryError';
import { mailDeleteRequest, mailMoveRequest, mailUpdateRequest } from '../../../shared/protocol/schemas/mailActions';

/** The pure parts of mail/update, mail/move and mail/delete; the Graph side is test/e2e/mailActions.test.ts. */
describe('bulk commands: pure parts', () => {
  const graphFailure = (status: number, graphCode: string, retryAfterInMs?: number) =>
    new GraphRequestError(status === 404 ? 'not_found' : status === 429 ? 'throttled' : 'upstream_error', { operation: 'messages.delete', graphStatus: status, graphCode, retryAfterInMs });

  it('maps a failure to not_found, or failed with its code and retryAfter in whole seconds', () => {
    expect(failedItem('a', graphFailure(404, 'ErrorItemNotFound'))).toEqual({ id: 'a', status: 'not_found' });
    expect(failedItem('a', graphFailure(429, 'TooManyRequests', 12_300))).toEqual({ id: 'a', status: 'failed', code: 'throttled', retryAfter: 13 });
    expect(failedItem('a', new FerryError('upstream_unavailable'))).toEqual({ id: 'a', status: 'failed', code: 'upstream_unavailable' });
    expect(() => failedItem('a', new TypeError('bug'))).toThrow(TypeError);
  });

  it('names the folder of a moved message, and a new id only when Graph changed it', () => {
    const moved = (body: unknown): BatchResult => ({ ok: true, response: { status: 201, headers: {}, body } });
    expect(movedItem('a', moved({ id: 'a', parentFolderId: 'F' }))).toEqual({ id: 'a', status: 'ok', folderId: 'F' });
    expect(movedItem('a', moved({ id: 'b', parentFolderId: 'F' }))).toEqual({ id: 'a', status: 'ok', folderId: 'F', newId: 'b' });
  });

  it('builds PATCH bodies of only the fields given, and edits category lists', () => {
    expect(commonPatch({ read: true })).toEqual({ isRead: true });
    expect(commonPatch({ flag: 'none', categories: ['A', 'A', 'B'] })).toEqual({ flag: { flagStatus: 'notFlagged' }, categories: ['A', 'B'] });
    expect(commonPatch({ flag: 'complete' })).toEqual({ flag: { flagStatus: 'complete' } });
    expect(editCategories(['Red', 'Blue'], ['Green', 'Red'], ['Blue'])).toEqual(['Red', 'Green']);
  });

  it('sends kinds as Graph well-known names and folder ids as they are', () => {
    expect(['inbox', 'deleted', 'archive', 'junk', 'AAMkFolder'].map(graphDestination)).toEqual(['inbox', 'deleteditems', 'archive', 'junkemail', 'AAMkFolder']);
  });

  it('plans a plain delete by folder: done in Recoverable Items, DELETE in Deleted Items, else move', () => {
    expect([deletePlan('R', 'D', 'R'), deletePlan('D', 'D', 'R'), deletePlan('I', 'D', 'R'), deletePlan('I', 'D', undefined)]).toEqual(['done', 'delete', 'move', 'move']);
  });

  it('refuses duplicates, an empty set, categories with an edit, other kinds and well-known names', () => {
    expect(mailUpdateRequest.safeParse({ ids: ['a', 'a'], set: { read: true } }).success).toBe(false);
    expect(mailUpdateRequest.safeParse({ ids: ['a'], set: {} }).success).toBe(false);
    expect(mailUpdateRequest.safeParse({ ids: ['a'], set: { categories: [], removeCategories: ['x'] } }).success).toBe(false);
    expect(mailUpdateRequest.safeParse({ ids: ['a'], set: { read: false, addCategories: ['x'] } }).success).toBe(true);
    for (const destinationId of ['drafts', 'sent', 'Outbox', 'root', 'msgfolderroot', 'RecoverableItemsDeletions', 'sentitems']) {
      expect([destinationId, mailMoveRequest.safeParse({ ids: ['a'], destinationId }).success]).toEqual([destinationId, false]);
    }
    for (const destinationId of ['inbox', 'deleted', 'archive', 'junk', 'AAMkAGI2TAAA=']) expect(mailMoveRequest.safeParse({ ids: ['a'], destinationId }).success).toBe(true);
    expect(mailDeleteRequest.safeParse({ ids: Array.from({ length: 101 }, (_, i) => `m${i}`) }).success).toBe(false);
  });

  it('judges repeated DELETEs: 404 not_found at once, 403 ErrorCannotDeleteObject by one look-up', async () => {
    const cannot = graphFailure(403, 'ErrorCannotDeleteObject');
    const sent: BatchResult[] = [
      { ok: true, response: { status: 204, headers: {}, body: undefined } },
      { ok: false, error: graphFailure(404, 'ErrorItemNotFound') },
      { ok: false, error: cannot },
      { ok: false, error: cannot },
      { ok: false, error: graphFailure(429, 'TooManyRequests', 30_000) },
    ];
    const batches: string[][] = [];
    const graph = {
      async batch(requests) {
        batches.push(requests.map((r) => r.operation));
        // Recoverable Items is R; c is there (deleted before), d is still in a folder (the 403 was Exchange refusing).
        return [
          { ok: true, response: { status: 200, headers: {}, body: { id: 'R' } } },
          { ok: true, response: { status: 200, headers: {}, body: { parentFolderId: 'R' } } },
          { ok: true, response: { status: 200, headers: {}, body: { parentFolderId: 'I' } } },
        ];
      },
    } as Partial<GraphClient> as GraphClient;
    const results = await judgeDeletes(graph, ['a', 'b', 'c', 'd', 'e'], sent);
    expect(batches).toEqual([['mailFolders.get', 'messages.get', 'messages.get']]);
    expect(results).toEqual([
      { id: 'a', status: 'ok' },
      { id: 'b', status: 'not_found' },
      { id: 'c', status: 'ok' },
      { id: 'd', status: 'failed', code: 'upstream_error' },
      { id: 'e', status: 'failed', code: 'throttled', retryAfter: 30 },
    ]);
  });
});
