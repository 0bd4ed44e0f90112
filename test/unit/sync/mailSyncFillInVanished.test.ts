import { mailSyncCommand } from '../../../shared/commands/mailSync';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import type { GraphClient, GraphPage, GraphRequest } from '../../../shared/graph/graphRequest';
import { commandContextFor } from '../../helpers/commandContextFor';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

const enc = encodeURIComponent;

/**
 * mail/sync against the simulator when a message leaves the folder between the delta page and the
 * fill-in: deleted (into Recoverable Items, where GET may still answer 200) or moved away. The test's
 * Graph client makes chosen delta entries partial, as Graph may ("at least the changed properties"),
 * and makes those changes just before the fill-in's `$batch` leaves, so the race is deterministic.
 */
describe.each([false, true])('mail/sync fill-in of messages that left the folder (deletedGetIs404: %s)', (deletedGetIs404) => {
  let h: GraphSimHarness;
  let real: GraphClient;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, flags: { deletedGetIs404 } });
    real = createGraphClient({ graphUrl: h.sim.url, getToken: () => h.token('alice@contoso.test') });
  });
  afterAll(() => h.close());
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;

  const contextWith = commandContextFor;

  /** The real client, but entries of `partialIds` come with only id and isRead, and `beforeFillIn` runs before the first `$batch`. */
  function racingGraph(partialIds: string[], beforeFillIn: () => Promise<void>) {
    const batches: GraphRequest[][] = [];
    let raced = false;
    const graph: GraphClient = {
      ...real,
      send: (request) => real.send(request),
      pages: (request) => real.pages(request),
      async page<T>(request: GraphRequest): Promise<GraphPage<T>> {
        const page = await real.page<Record<string, unknown>>(request);
        return { ...page, value: page.value.map((entry) => (partialIds.includes(entry.id as string) && !entry['@removed'] ? { id: entry.id, isRead: entry.isRead } : entry)) as T[] };
      },
      async batch(requests) {
        batches.push(requests);
        if (!raced) {
          raced = true;
          await beforeFillIn();
        }
        return real.batch(requests);
      },
    };
    return { graph, batches };
  }

  it.each(['id', 'well-known name'])('reports removed a message deleted or moved away before its fill-in; keeps one still there (folder by %s)', async (naming) => {
    const inboxId = mailbox().folder('inbox')!.id as string;
    const folderId = naming === 'id' ? inboxId : 'inbox';
    const first = await mailSyncCommand.handler({ folderId, window: 200 }, contextWith(real));
    expect(first.more).toBe(false);
    const [deleted, moved, kept] = mailbox().messages('inbox').map((m) => m.id as string);
    for (const id of [deleted!, moved!, kept!]) await h.call('PATCH', `/me/messages/${enc(id)}`, { body: { isRead: !(mailbox().message(id)!.isRead as boolean) } });

    const { graph, batches } = racingGraph([deleted!, moved!, kept!], async () => {
      expect((await h.call('DELETE', `/me/messages/${enc(deleted!)}`)).status).toBe(204);
      expect((await h.call('POST', `/me/messages/${enc(moved!)}/move`, { body: { destinationId: 'archive' } })).status).toBe(201);
    });
    const next = await mailSyncCommand.handler({ folderId, state: first.state }, contextWith(graph));
    expect(new Set(next.removed)).toEqual(new Set([deleted, moved]));
    expect(next.upserts.map((message) => message.id)).toEqual([kept]);
    expect(next.upserts[0]!.read).toBe(mailbox().message(kept!)!.isRead);
    // One $batch: the folder's own id beside the fill-ins, each asking for parentFolderId.
    expect(batches).toHaveLength(1);
    expect(batches[0]![0]).toMatchObject({ operation: 'mailFolders.get', path: `/me/mailFolders/${enc(folderId)}`, query: { $select: 'id' } });
    expect(batches[0]!.slice(1).map((request) => request.query!.$select!.split(',').includes('parentFolderId'))).toEqual([true, true, true]);
    // Put back for the next case.
    await h.call('POST', `/me/messages/${enc(moved!)}/move`, { body: { destinationId: 'inbox' } });
  });
});
