import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * The immutable-id move miss, as reported against Graph's docs in
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/72 (mgdc#72, open):
 *
 * > "if a delta query is done on a mail folder to get all items in some folder (say folder A) and a
 * > token for the next round of changes, and item is moved from folder A to folder B and then back to
 * > folder A, and then another delta query is done using the token obtained earlier the moved item will
 * > be reported as deleted from folder A and will not be reported again until it's
 * > changed/deleted/moved again."
 *
 * The simulator does that behind `immutableIdMoveMiss` (on by default), and keeps the older miss: an
 * item moved back after the client saw it leave is not reported at all. With the flag off, a move out
 * and back is an ordinary update. Ferry's handling: test/e2e/periodicFullRound.test.ts.
 */
const enc = encodeURIComponent;

describe('message delta: an item moved out and back between two delta calls (mgdc#72)', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;
  const move = (id: string, destinationId: string) => h.call('POST', `/me/messages/${enc(id)}/move`, { body: { destinationId } });
  const ids = (entries: Record<string, unknown>[]) => entries.map((e) => ({ id: e.id, removed: '@removed' in e }));

  it('is on by default', () => {
    expect(h.sim.state.flags.immutableIdMoveMiss).toBe(true);
  });

  it('comes as @removed (reason deleted), then not again until it changes', async () => {
    h.sim.state.setFlags({ immutableIdMoveMiss: true });
    const before = h.sim.state.moveMisses('alice@contoso.test');
    const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject');
    const id = mailbox().messages('inbox')[0]!.id as string;
    await move(id, 'archive');
    await move(id, 'inbox');
    const second = await drain(h, deltaLink!);
    expect(second.entries).toEqual([{ '@odata.type': '#microsoft.graph.message', id, '@removed': { reason: 'deleted' } }]);
    // It is in the folder all the same.
    expect(mailbox().messages('inbox').map((m) => m.id)).toContain(id);
    const third = await drain(h, second.deltaLink!);
    expect(third.entries).toEqual([]);
    // "until it's changed": a content change brings it back.
    await h.call('PATCH', `/me/messages/${enc(id)}`, { body: { isRead: true } });
    const fourth = await drain(h, third.deltaLink!);
    expect(ids(fourth.entries)).toEqual([{ id, removed: false }]);
    expect(h.sim.state.moveMisses('alice@contoso.test').outAndBack - before.outAndBack).toBe(1);
  });

  it('keeps the older miss: moved back after the client saw it leave, it is not reported', async () => {
    h.sim.state.setFlags({ immutableIdMoveMiss: true });
    const before = h.sim.state.moveMisses('alice@contoso.test');
    const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject');
    const id = mailbox().messages('inbox')[0]!.id as string;
    await move(id, 'archive');
    const left = await drain(h, deltaLink!);
    expect(ids(left.entries)).toEqual([{ id, removed: true }]);
    await move(id, 'inbox');
    const back = await drain(h, left.deltaLink!);
    expect(back.entries).toEqual([]);
    expect(h.sim.state.moveMisses('alice@contoso.test').movedBack - before.movedBack).toBe(1);
  });

  it('with the flag off, a move out and back is an update and a move back is a new item', async () => {
    h.sim.state.setFlags({ immutableIdMoveMiss: false });
    try {
      const { deltaLink } = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject');
      const id = mailbox().messages('inbox')[0]!.id as string;
      await move(id, 'archive');
      await move(id, 'inbox');
      const second = await drain(h, deltaLink!);
      expect(ids(second.entries)).toEqual([{ id, removed: false }]);
      await move(id, 'archive');
      const left = await drain(h, second.deltaLink!);
      await move(id, 'inbox');
      const back = await drain(h, left.deltaLink!);
      expect(ids(back.entries)).toEqual([{ id, removed: false }]);
    } finally {
      h.sim.state.setFlags({ immutableIdMoveMiss: true });
    }
  });
});
