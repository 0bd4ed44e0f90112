import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * Exchange keeps only the newest generations of a delta chain.
 *
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/7975 ("[Outlook] how to handle
 * SyncStateNotFound when get delta"): "I found that when I traverse nextLink for mails to the end, the
 * former nextLink will gradually turn to `SyncStateNotFound`.
 * `The sync state generation is not found; generation=518;[highest=523][523][521][522].`"
 * (mgdc#7897 shows the same message with code `SyncStateNotFound` and status 410 Gone.)
 *
 * https://learn.microsoft.com/graph/delta-query-overview#token-duration: "For Outlook entities
 * (message, mailFolder, event, contact, contactFolder, todoTask, and todoTaskList), the upper limit is
 * not fixed; it's dependent on the size of the internal delta token cache. [...] In case of an expired
 * token, the service should respond with a 40X-series error with error codes such as
 * `syncStateNotFound`."
 *
 * So: every page served is one more generation; three are kept (the newest and the two before it); a
 * link older than those answers 410 `SyncStateNotFound` naming its generation and the kept ones.
 */
describe('delta links older than the kept generations answer 410 (mgdc#7975)', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  const page2 = { headers: { Prefer: 'odata.maxpagesize=2' } };
  const page1 = { headers: { Prefer: 'odata.maxpagesize=1' } };

  it('a messages/delta nextLink three pages back is gone; the two before the newest still answer', async () => {
    const links: string[] = [];
    let answer = await h.get('/me/mailFolders/inbox/messages/delta?$select=subject', page2);
    for (let page = 0; page < 5; page++) {
      links.push(answer.body['@odata.nextLink']);
      answer = await h.get(links[page]!, page2);
      expect(answer.status).toBe(200);
    }
    links.push(answer.body['@odata.nextLink']); // generations 1..6: the kept ones are 4, 5 and 6

    const gone = await h.get(links[2]!, page2); // generation 3
    expect(gone.status).toBe(410);
    expect(gone.body.error.code.toLowerCase()).toBe('syncstatenotfound');
    expect(gone.body.error.message).toBe('The sync state generation is not found; generation=3;[highest=6][6][4][5].');
    expect(gone.headers.get('location')).toMatch(/\/messages\/delta$/);

    expect((await h.get(links[3]!, page2)).status).toBe(200); // generation 4, the oldest kept
  });

  it('a mailFolders/delta deltaLink is gone once its next round served three pages', async () => {
    let answer = await h.get('/me/mailFolders/delta', page1);
    while (answer.body['@odata.nextLink']) answer = await h.get(answer.body['@odata.nextLink'], page1);
    const deltaLink: string = answer.body['@odata.deltaLink'];
    for (let i = 0; i < 3; i++) h.sim.state.simulateArrival('alice@contoso.test', { folder: 'inbox' }); // counts change
    await h.call('POST', '/me/mailFolders', { body: { displayName: 'One' } });
    await h.call('POST', '/me/mailFolders', { body: { displayName: 'Two' } });
    const first = await h.get(deltaLink, page1);
    expect(first.status).toBe(200);
    const second = await h.get(first.body['@odata.nextLink'], page1);
    expect((await h.get(deltaLink, page1)).status).toBe(200); // still kept: the chain is two pages on
    expect((await h.get(second.body['@odata.nextLink'], page1)).status).toBe(200);
    expect((await h.get(deltaLink, page1)).status).toBe(410);
  });
});
