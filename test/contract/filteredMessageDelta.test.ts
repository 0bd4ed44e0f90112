import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * A `receivedDateTime ge` filtered message delta still reports changes of items outside the filter, as
 * the docs change proposed in
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/pull/9760 (mgdc#9760, closed; whether
 * it was merged is UNVERIFIED) describes for message: delta:
 *
 * > "Delta queries for messages can return change events that don't match the filter conditions
 * > specified in the initial request. These include: `@removed` entries with `"reason": "deleted"` when
 * > an item is deleted or moved from the folder. Read/unread state changes."
 *
 * The simulator does that by default; `filteredDeltaStrict` makes it report only items inside the
 * filter. Ferry's handling: test/e2e/filteredMailSync.test.ts.
 */
const enc = encodeURIComponent;

describe('filtered message delta: changes of items outside the filter (mgdc#9760)', () => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterEach(() => h.close());
  const inbox = () => h.sim.state.mailbox('alice@contoso.test')!.messages('inbox');

  /** The newest half of the inbox is inside `receivedDateTime ge since`, the rest outside. */
  async function filteredRound() {
    const received = inbox().map((m) => String(m.receivedDateTime)).sort();
    const since = received[Math.floor(received.length / 2)]!;
    const older = inbox().filter((m) => String(m.receivedDateTime) < since).map((m) => String(m.id));
    const first = await drain(h, `/me/mailFolders/inbox/messages/delta?$select=subject,isRead,receivedDateTime&$filter=receivedDateTime ge ${since}`);
    expect(first.entries.every((e) => String(e.receivedDateTime) >= since)).toBe(true);
    expect(first.entries.length).toBe(inbox().length - older.length);
    return { older, deltaLink: first.deltaLink! };
  }

  for (const strict of [false, true]) {
    it(`${strict ? 'with filteredDeltaStrict reports neither' : 'reports'} @removed and read/unread changes of older mail`, async () => {
      h.sim.state.setFlags({ filteredDeltaStrict: strict });
      const { older, deltaLink } = await filteredRound();
      const [read, deleted, moved, flagged] = older as [string, string, string, string];
      const isRead = !h.sim.state.mailbox('alice@contoso.test')!.message(read)!.isRead;
      await h.call('PATCH', `/me/messages/${enc(read)}`, { body: { isRead } });
      await h.call('DELETE', `/me/messages/${enc(deleted)}`);
      await h.call('POST', `/me/messages/${enc(moved)}/move`, { body: { destinationId: 'archive' } });
      await h.call('PATCH', `/me/messages/${enc(flagged)}`, { body: { flag: { flagStatus: 'flagged' } } });
      const { entries } = await drain(h, deltaLink);
      const byId = new Map(entries.map((e) => [e.id, e]));
      if (strict) {
        expect(entries).toEqual([]);
        return;
      }
      expect(byId.get(deleted)).toEqual({ '@odata.type': '#microsoft.graph.message', id: deleted, '@removed': { reason: 'deleted' } });
      expect(byId.get(moved)).toMatchObject({ '@removed': { reason: 'deleted' } });
      expect(byId.get(read)).toMatchObject({ id: read, isRead });
      // UNVERIFIED: other changes of older mail (a flag) are not reported; the PR names read/unread only.
      expect(byId.has(flagged)).toBe(false);
      expect(entries).toHaveLength(3);
    });
  }
});
