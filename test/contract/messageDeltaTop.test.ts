import { buildRequest, operations } from '../../shared/graph/operations';
import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * `$top` on a message delta caps the whole round, not the page.
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/7946: "GET
 * /me/mailFolders/{id}/messages/delta?$top=2 — The response com[es] back with 2 messages. But when I use
 * @odata.nextLink in this response ... it returns nothing" (`"value": []` with the deltaLink).
 * https://github.com/bkaankose/Wino-Mail/pull/716: "it returns only 10 elements per page up to the $top
 * value ... older messages are never downloaded".
 * The simulator caps the first round at `$top` with pages of `odata.maxpagesize` (default 10) and never
 * reports the messages past the cap; Ferry never sends `$top` on messages.delta (its operation table
 * refuses it), so a round always holds the whole folder.
 */
describe('$top on messages/delta caps the round (mgdc#7946)', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  const inbox = () => h.sim.state.mailbox('alice@contoso.test')!.messages('inbox');

  it('the simulator: a first round with $top=12 holds 12 messages in pages of 10, then a deltaLink', async () => {
    expect(inbox().length).toBeGreaterThan(12);
    const first = await h.get('/me/mailFolders/inbox/messages/delta?$select=subject&$top=12');
    expect(first.body.value).toHaveLength(10);
    const rest = await drain(h, first.body['@odata.nextLink']);
    expect(rest.entries).toHaveLength(2);
    expect(rest.deltaLink).toContain('$deltatoken=');
    const uncapped = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject');
    expect(uncapped.entries).toHaveLength(inbox().length);
  });

  it('the simulator: the messages past the cap never come, only later changes do', async () => {
    const capped = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject&$top=3');
    expect(capped.entries).toHaveLength(3);
    const seen = new Set(capped.entries.map((e) => e.id as string));
    const unseen = inbox().find((m) => !seen.has(m.id as string))!;
    await h.call('PATCH', `/me/messages/${encodeURIComponent(unseen.id as string)}`, { body: { isRead: !unseen.isRead } });
    const next = await drain(h, capped.deltaLink!);
    expect(next.entries.map((e) => e.id)).toEqual([unseen.id]); // a change, not the backlog
  });

  it('Ferry: messages.delta allows no $top, so buildRequest refuses it', () => {
    expect(operations['messages.delta'].query).not.toContain('$top');
    expect(() => buildRequest('messages.delta', { folderId: 'AAMkInbox' }, { query: { $top: '50' } })).toThrow(TypeError);
  });
});
