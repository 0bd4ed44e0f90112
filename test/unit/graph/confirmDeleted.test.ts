import { checkDeleted, confirmDeletedAfter, mayBeDoneAlready, type DeletionCheck } from '../../../shared/graph/confirmDeleted';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import type { BatchResult, GraphClient, GraphRequest } from '../../../shared/graph/graphRequest';
import { messageDeleteRequest } from '../../../shared/graph/requests/messageRequests';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';
import { rejectionOf } from './helpers/setupClient';

const notFound = (operation = 'messages.get') => new GraphRequestError('not_found', { operation, graphStatus: 404, graphCode: 'ErrorItemNotFound' });
const cannotDelete = () => new GraphRequestError('upstream_error', { operation: 'messages.delete', graphStatus: 403, graphCode: 'ErrorCannotDeleteObject' });
const throttled = (operation: string) => new GraphRequestError('throttled', { operation, graphStatus: 429, retryAfterInMs: 2000 });
const answer = (body: unknown): BatchResult => ({ ok: true, response: { status: 200, headers: {}, body } });
const failure = (error: GraphRequestError): BatchResult => ({ ok: false, error, ...(error.graphStatus ? { response: { status: error.graphStatus, headers: {}, body: {} } } : {}) });

/** A Graph whose `$batch` answers the Recoverable Items folder with `folder` and each message by its id. */
function scriptedGraph(folder: BatchResult, messages: Record<string, BatchResult>) {
  const batches: GraphRequest[][] = [];
  const graph = {
    async batch(requests: GraphRequest[]): Promise<BatchResult[]> {
      batches.push(requests);
      return requests.map((request) => (request.operation === 'mailFolders.get' ? folder : messages[decodeURIComponent(request.path.split('/').pop()!)]!));
    },
  } as unknown as GraphClient;
  return { graph, batches };
}

describe('mayBeDoneAlready: which DELETE failures an earlier DELETE may explain', () => {
  it.each([
    ['404 ErrorItemNotFound', notFound('messages.delete'), true],
    ['403 ErrorCannotDeleteObject (immutable ids, msgraph-sdk-dotnet#3047)', cannotDelete(), true],
    ['403 errorcannotdeleteobject, any casing', new GraphRequestError('upstream_error', { operation: 'messages.delete', graphStatus: 403, graphCode: 'errorCannotDeleteObject' }), true],
    ['403 ErrorAccessDenied', new GraphRequestError('forbidden', { operation: 'messages.delete', graphStatus: 403, graphCode: 'ErrorAccessDenied' }), false],
    ['429', throttled('messages.delete'), false],
    ['an error that is not Graph\'s', new Error('boom'), false],
  ])('%s: %s', (_name, error, expected) => {
    expect(mayBeDoneAlready(error)).toBe(expected);
  });
});

describe('checkDeleted over a scripted $batch', () => {
  const recoverable = answer({ id: 'RI' });

  it('asks once for Recoverable Items beside each message\'s parentFolderId, in one $batch', async () => {
    const { graph, batches } = scriptedGraph(recoverable, { a: answer({ parentFolderId: 'RI' }), b: failure(notFound()), c: answer({ parentFolderId: 'INBOX' }) });
    const checks = await checkDeleted(graph, ['a', 'b', 'c']);
    expect(checks).toEqual<DeletionCheck[]>([
      { kind: 'deleted', evidence: 'recoverable_items' },
      { kind: 'deleted', evidence: 'not_found' },
      { kind: 'present' },
    ]);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((request) => [request.operation, request.path, request.query])).toEqual([
      ['mailFolders.get', '/me/mailFolders/recoverableitemsdeletions', { $select: 'id' }],
      ['messages.get', '/me/messages/a', { $select: 'parentFolderId' }],
      ['messages.get', '/me/messages/b', { $select: 'parentFolderId' }],
      ['messages.get', '/me/messages/c', { $select: 'parentFolderId' }],
    ]);
    expect(await checkDeleted(graph, [])).toEqual([]);
    expect(batches).toHaveLength(1);
  });

  it('reports a failed check as unknown with its error, and a 404 as deleted whatever the folder answered', async () => {
    const itemThrottled = throttled('messages.get');
    const { graph } = scriptedGraph(recoverable, { a: failure(itemThrottled) });
    expect(await checkDeleted(graph, ['a'])).toEqual([{ kind: 'unknown', error: itemThrottled }]);

    const folderThrottled = throttled('mailFolders.get');
    const noFolder = scriptedGraph(failure(folderThrottled), { a: answer({ parentFolderId: 'RI' }), b: failure(notFound()) });
    expect(await checkDeleted(noFolder.graph, ['a', 'b'])).toEqual([{ kind: 'unknown', error: folderThrottled }, { kind: 'deleted', evidence: 'not_found' }]);
  });

  it('takes a mailbox without Recoverable Items (404) as one where a 200 is present, and a folder answer without id as broken', async () => {
    const { graph } = scriptedGraph(failure(notFound('mailFolders.get')), { a: answer({ parentFolderId: 'RI' }) });
    expect(await checkDeleted(graph, ['a'])).toEqual([{ kind: 'present' }]);
    const broken = scriptedGraph(answer({}), { a: answer({ parentFolderId: 'RI' }) });
    const [check] = await checkDeleted(broken.graph, ['a']);
    expect(check).toMatchObject({ kind: 'unknown', error: { code: 'upstream_error', logReason: 'invalid_answer' } });
  });
});

describe('confirmDeletedAfter', () => {
  it('resolves when the message is deleted after all; rethrows the DELETE\'s error when it is present', async () => {
    const deleted = scriptedGraph(answer({ id: 'RI' }), { a: answer({ parentFolderId: 'RI' }) });
    await expect(confirmDeletedAfter(deleted.graph, 'a', cannotDelete())).resolves.toBeUndefined();
    const present = scriptedGraph(answer({ id: 'RI' }), { a: answer({ parentFolderId: 'INBOX' }) });
    const error = cannotDelete();
    expect(await rejectionOf(confirmDeletedAfter(present.graph, 'a', error))).toBe(error);
  });

  it('throws the check\'s error when the check failed, and any other DELETE failure as it is, without a Graph call', async () => {
    const itemThrottled = throttled('messages.get');
    const failing = scriptedGraph(answer({ id: 'RI' }), { a: failure(itemThrottled) });
    expect(await rejectionOf(confirmDeletedAfter(failing.graph, 'a', notFound('messages.delete')))).toBe(itemThrottled);
    const other = throttled('messages.delete');
    const untouched = scriptedGraph(answer({ id: 'RI' }), {});
    expect(await rejectionOf(confirmDeletedAfter(untouched.graph, 'a', other))).toBe(other);
    expect(untouched.batches).toEqual([]);
  });
});

describe.each([false, true])('confirmDeleted against the simulator (deletedGetIs404: %s)', (deletedGetIs404) => {
  let h: GraphSimHarness;
  let graph: GraphClient;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, flags: { deletedGetIs404 } });
    graph = createGraphClient({ graphUrl: h.sim.url, getToken: () => h.token('alice@contoso.test') });
  });
  afterAll(() => h.close());
  const inboxIds = () => h.sim.state.mailbox('alice@contoso.test')!.messages('inbox').map((m) => m.id as string);

  it('takes a repeated DELETE\'s 403 as done once the message is found deleted', async () => {
    const [id] = inboxIds();
    expect((await graph.send(messageDeleteRequest(id!))).status).toBe(204);
    const repeat = await rejectionOf(graph.send(messageDeleteRequest(id!)));
    expect(repeat).toMatchObject({ graphStatus: 403, graphCode: 'ErrorCannotDeleteObject' });
    await expect(confirmDeletedAfter(graph, id!, repeat)).resolves.toBeUndefined();
  });

  it('tells deleted, present and never-there messages apart in one $batch', async () => {
    const [deleted, live] = inboxIds();
    await graph.send(messageDeleteRequest(deleted!));
    const neverThere = `${live!.slice(0, -8)}AAAAAAA=`;
    const checks = await checkDeleted(graph, [deleted!, live!, neverThere]);
    expect(checks).toEqual([
      { kind: 'deleted', evidence: deletedGetIs404 ? 'not_found' : 'recoverable_items' },
      { kind: 'present' },
      { kind: 'deleted', evidence: 'not_found' },
    ]);
    // A 403 on a message still in its folder is not "done": the DELETE's error stands.
    const refused = cannotDelete();
    expect(await rejectionOf(confirmDeletedAfter(graph, live!, refused))).toBe(refused);
  });
});
