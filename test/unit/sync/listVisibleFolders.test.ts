import type { GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { GraphSyncResetError } from '../../../shared/graph/graphSyncResetError';
import { listVisibleFolders } from '../../../shared/sync/listVisibleFolders';

const folder = (id: string, extra: Record<string, unknown> = {}) => ({ id, displayName: id, parentFolderId: 'root', childFolderCount: 0, unreadItemCount: 1, totalItemCount: 2, isHidden: false, ...extra });

/** A Graph client whose `pages` plays one script per listing attempt (a string: that attempt fails). */
function scripted(attempts: Array<Array<GraphPage<unknown>> | 'reset'>) {
  const asked: GraphRequest[] = [];
  const graph = {
    async *pages(request: GraphRequest) {
      asked.push(request);
      const attempt = attempts.shift();
      if (attempt === undefined) throw new Error('unexpected listing');
      for (const page of attempt === 'reset' ? [] : attempt) yield page;
      if (attempt === 'reset') throw new GraphSyncResetError('sync_state_not_found', 'mailFolders.delta');
    },
  } as unknown as GraphClient;
  return { graph, asked };
}

/** The count refresh's listing of every visible folder (folders/sync, issue 13 point 6). */
describe('listVisibleFolders', () => {
  it('lists every visible folder of a fresh folder delta, leaving out hidden and removed entries', async () => {
    const { graph, asked } = scripted([[{ value: [folder('a'), folder('h', { isHidden: true })], nextLink: '/n' }, { value: [folder('b'), { id: 'gone', '@removed': { reason: 'deleted' } }], deltaLink: '/d' }]]);
    expect((await listVisibleFolders(graph, ['id'], 500)).map((f) => f.id)).toEqual(['a', 'b']);
    expect(asked[0]).toMatchObject({ operation: 'mailFolders.delta', headers: { Prefer: 'odata.maxpagesize=500' } });
  });

  it('lists once more from the start when Graph forgets a page link, then gives up as upstream_unavailable', async () => {
    const again = scripted(['reset', [{ value: [folder('a')], deltaLink: '/d' }]]);
    expect((await listVisibleFolders(again.graph, ['id'], 500)).map((f) => f.id)).toEqual(['a']);
    expect(again.asked).toHaveLength(2);
    const refused = scripted(['reset', 'reset']);
    await expect(listVisibleFolders(refused.graph, ['id'], 500)).rejects.toMatchObject({ code: 'upstream_unavailable', logReason: 'folder_listing_restart_refused' });
  });
});
