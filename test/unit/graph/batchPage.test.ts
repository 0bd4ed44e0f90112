import { allItemsOf } from '../../../shared/graph/batch/batchPage';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import type { BatchResult, GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';

/** A client whose `pages` serves `rest` for the link it is given, recording the requests. */
function pagingGraph(rest: Array<GraphPage<{ id: string }>>) {
  const asked: GraphRequest[] = [];
  const graph = {
    async *pages(request: GraphRequest) {
      asked.push(request);
      yield* rest;
    },
  } as unknown as GraphClient;
  return { graph, asked };
}
const answer = (body: unknown): BatchResult => ({ ok: true, response: { status: 200, headers: {}, body } });

describe('allItemsOf: a collection whose first page came in a $batch', () => {
  it('takes the first page, then follows its nextLink as the named operation', async () => {
    const { graph, asked } = pagingGraph([{ value: [{ id: 'c' }] }]);
    const link = 'https://graph.microsoft.com/v1.0/me/messages/m/attachments?$skiptoken=x';
    const items = await allItemsOf<{ id: string }>(graph, answer({ value: [{ id: 'a' }, { id: 'b' }], '@odata.nextLink': link }), 'messages.attachments');
    expect(items.map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(asked).toEqual([expect.objectContaining({ operation: 'messages.attachments', method: 'GET', link })]);
  });

  it('asks for nothing more without a nextLink; throws the item\'s error, and upstream_error for a body that is not a page', async () => {
    const { graph, asked } = pagingGraph([]);
    expect(await allItemsOf(graph, answer({ value: [] }), 'messages.attachments')).toEqual([]);
    expect(asked).toEqual([]);
    const error = new GraphRequestError('not_found', { operation: 'messages.attachments', graphStatus: 404 });
    await expect(allItemsOf(graph, { ok: false, error }, 'messages.attachments')).rejects.toBe(error);
    await expect(allItemsOf(graph, answer({ value: 'nope' }), 'messages.attachments')).rejects.toMatchObject({ code: 'upstream_error', logReason: 'invalid_page' });
  });
});
