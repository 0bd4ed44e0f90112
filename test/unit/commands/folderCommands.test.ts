import { foldersCreateCommand } from '../../../shared/commands/foldersCreate';
import { foldersDeleteCommand } from '../../../shared/commands/foldersDelete';
import { foldersMoveCommand } from '../../../shared/commands/foldersMove';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import { GraphRequestError } from '../../../shared/graph/graphErrors';
import type { GraphClient, GraphRequest } from '../../../shared/graph/graphRequest';
import { FerryError } from '../../../shared/protocol/ferryError';
import { commandContextFor } from '../../helpers/commandContextFor';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

/**
 * The folder commands' answers when Graph's answer is lost or unlike the simulator's, against the
 * simulator through a client that changes chosen answers: a create whose outcome is unknown, Graph's
 * ErrorFolderExists with either status (UNVERIFIED which one Graph sends), a move refused after an
 * earlier attempt already moved the folder, a DELETE repeated after the first one took effect.
 */
describe('folder commands when an answer is lost or refused', () => {
  let h: GraphSimHarness;
  let real: GraphClient;
  const upn = 'alice@contoso.test';
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    real = createGraphClient({ graphUrl: h.sim.url, getToken: () => h.token(upn) });
  });
  afterAll(() => h.close());
  const mailbox = () => h.sim.state.mailbox(upn)!;
  const named = (name: string) => mailbox().folders().filter((f) => f.displayName === name);

  const contextWith = commandContextFor;

  /** The real client, but `send` of `operation` goes through `change`. */
  function changing(operation: string, change: (request: GraphRequest) => Promise<never | unknown>): GraphClient {
    return { ...real, send: (request) => (request.operation === operation ? (change(request) as never) : real.send(request)) };
  }

  const lost = (operation: string) => new GraphRequestError('outcome_unknown', { operation, outcomeUnknown: true, transportErrorCode: 'ECONNRESET' });

  it('a create whose answer is lost after Graph made the folder answers that folder, existed: true', async () => {
    const graph = changing('mailFolders.create', async (request) => {
      await real.send(request);
      throw lost(request.operation);
    });
    const answer = await foldersCreateCommand.handler({ name: 'Lost answer' }, contextWith(graph));
    expect(answer).toEqual({ folder: expect.objectContaining({ name: 'Lost answer', parentId: null, kind: 'other' }), existed: true });
    expect(named('Lost answer').map((f) => f.id)).toEqual([answer.folder.id]);
  });

  it('a create that never reached Graph, and whose name is not there, stays outcome_unknown', async () => {
    const graph = changing('mailFolders.create', async (request) => {
      throw lost(request.operation);
    });
    await expect(foldersCreateCommand.handler({ name: 'Never made' }, contextWith(graph))).rejects.toMatchObject({ code: 'outcome_unknown' });
    expect(named('Never made')).toEqual([]);
  });

  it.each([400, 409])('ErrorFolderExists with status %s answers the sibling of that name, existed: true', async (status) => {
    const name = `Taken ${status}`;
    const first = await foldersCreateCommand.handler({ name }, contextWith(real));
    expect(first.existed).toBe(false);
    const graph = changing('mailFolders.create', async (request) => {
      try {
        await real.send(request);
      } catch (error) {
        const graphError = error as GraphRequestError;
        throw new GraphRequestError('upstream_error', { operation: request.operation, graphStatus: status, graphCode: graphError.graphCode });
      }
      throw new Error('the simulator made a second folder of the same name');
    });
    const again = await foldersCreateCommand.handler({ name: name.toUpperCase() }, contextWith(graph));
    expect(again).toEqual({ folder: first.folder, existed: true });
  });

  it('a move Graph refuses after an earlier attempt moved the folder answers it where it is; a real refusal is not_allowed', async () => {
    const folder = (await foldersCreateCommand.handler({ name: 'Mover' }, contextWith(real))).folder;
    const target = (await foldersCreateCommand.handler({ name: 'Target' }, contextWith(real))).folder;
    const graph = changing('mailFolders.move', async (request) => {
      await real.send(request);
      throw new GraphRequestError('upstream_error', { operation: request.operation, graphStatus: 400, graphCode: 'ErrorMoveCopyFailed' });
    });
    const moved = await foldersMoveCommand.handler({ id: folder.id, parentId: target.id }, contextWith(graph));
    expect(moved.folder).toMatchObject({ id: folder.id, parentId: target.id });
    const intoItself = foldersMoveCommand.handler({ id: target.id, parentId: folder.id }, contextWith(real));
    await expect(intoItself).rejects.toBeInstanceOf(FerryError);
    await expect(intoItself).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('a DELETE whose repeat meets 404 (the first one took effect) answers {}', async () => {
    const folder = (await foldersCreateCommand.handler({ name: 'Deleted twice' }, contextWith(real))).folder;
    const graph = changing('mailFolders.delete', async (request) => {
      await real.send(request);
      return real.send(request);
    });
    await expect(foldersDeleteCommand.handler({ id: folder.id }, contextWith(graph))).resolves.toEqual({});
    expect(mailbox().folder(folder.id)).toBeUndefined();
  });
});
