import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * Folder counts in mailFolders/delta (issue 13, point 6).
 *
 * https://learn.microsoft.com/graph/api/mailfolder-delta: "Get a set of mail folders that have been
 * added, deleted, or removed from the user's mailbox." The page lists unreadItemCount and
 * totalItemCount among a folder's properties (test/fixtures/graph-samples/mailfolder-delta.json), but
 * does not say whether a change of counts alone makes a folder an update of the next round.
 * UNVERIFIED, so the simulator has both: by default a count change is reported; with the flag
 * `folderCountsStale` a folder whose only change is its counts is not (a rename still is, with its
 * counts as they are then).
 */
const enc = encodeURIComponent;
type Entry = Record<string, unknown> & { id: string };

describe.each([false, true])('mailFolders/delta and count changes (folderCountsStale: %s)', (folderCountsStale) => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, flags: { folderCountsStale } });
  });
  afterEach(() => h.close());
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;

  it(folderCountsStale ? 'leaves out a folder whose only change is its counts' : 'reports a folder whose only change is its counts', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/delta?$select=displayName,unreadItemCount,totalItemCount');
    const inbox = mailbox().folder('inbox')!;
    const message = mailbox().messages('inbox')[0]!;
    await h.call('PATCH', `/me/messages/${enc(message.id as string)}`, { body: { isRead: !message.isRead } });
    h.sim.state.simulateArrival('alice@contoso.test', { folder: 'inbox' });
    const next = await drain(h, deltaLink!);
    const reported = (next.entries as Entry[]).find((f) => f.id === inbox.id);
    if (folderCountsStale) expect(reported).toBeUndefined();
    else expect(reported).toMatchObject({ unreadItemCount: mailbox().folder('inbox')!.unreadItemCount, totalItemCount: mailbox().folder('inbox')!.totalItemCount });
  });

  it('reports a renamed folder with its counts as they are then', async () => {
    const { deltaLink } = await drain(h, '/me/mailFolders/delta?$select=displayName,unreadItemCount,totalItemCount');
    h.sim.state.simulateArrival('alice@contoso.test', { folder: 'inbox', isRead: false });
    const inbox = mailbox().folder('inbox')!;
    await h.call('PATCH', `/me/mailFolders/${enc(inbox.id as string)}`, { body: { displayName: 'Inbox (renamed)' } });
    const next = await drain(h, deltaLink!);
    expect((next.entries as Entry[]).find((f) => f.id === inbox.id)).toMatchObject({
      displayName: 'Inbox (renamed)',
      unreadItemCount: mailbox().folder('inbox')!.unreadItemCount,
      totalItemCount: mailbox().folder('inbox')!.totalItemCount,
    });
  });
});
