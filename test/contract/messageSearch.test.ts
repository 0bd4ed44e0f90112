import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';
import { searchParameter } from '../../shared/graph/requests/searchKql';

/**
 * `$search` on messages, as the simulator must show it to Ferry.
 *
 * https://learn.microsoft.com/graph/search-query-parameter#using-search-on-message-collections:
 * "You can search messages based on a value in specific message properties. The results of the search
 * are sorted by the date and time that the message was sent. A $search request returns up to 1,000
 * results." "If you do a search on messages and specify only a value without specific message
 * properties, the search is carried out on the default search properties of from, subject, and body."
 * Its examples: `$search="from:help@contoso.com"`, `hasAttachments:true`, `received:07/23/2018`.
 * https://learn.microsoft.com/graph/api/user-list-messages#using-filter-and-orderby-in-the-same-query
 * and the same search page: "You can't use $filter or $orderby in a search request."
 *
 * UNVERIFIED: the escaped inner quote and `received>=` (reported to work, not documented), newest first,
 * whole-word matching (flag `searchWordPrefix` for prefixes), the indexing delay. Ferry's side:
 * test/e2e/mailSearch.test.ts.
 */
describe.each([false, true])('message $search (searchWordPrefix: %s)', (searchWordPrefix) => {
  let h: GraphSimHarness;
  const alice = 'alice@contoso.test';
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, flags: { searchWordPrefix } });
    const arrive = (input: Parameters<typeof h.sim.state.simulateArrival>[1]) => h.sim.state.simulateArrival(alice, input);
    arrive({ subject: 'Quarterly zebrafish report', from: { name: 'Zed Quill', address: 'zed@fabrikam.test' }, receivedDateTime: '2024-03-10T08:00:00Z', withAttachment: true });
    arrive({ subject: 'Lunch', bodyText: 'The zebrafish tank needs cleaning', receivedDateTime: '2024-03-11T08:00:00Z', to: [{ name: 'Yara Ott', address: 'yara@contoso.test' }] });
    arrive({ subject: 'zebrafishes everywhere', folder: 'archive', receivedDateTime: '2024-03-12T08:00:00Z' });
  });
  afterAll(() => h.close());
  const search = (kql: string, path = '/me/messages', extra = '') => h.get(`${path}?$search=${encodeURIComponent(searchParameter(kql))}&$select=subject,sentDateTime,parentFolderId${extra}`);
  const subjects = (answer: { body: { value: Array<{ subject: string }> } }) => answer.body.value.map((m) => m.subject);

  it('finds a free term in subject, body and sender, mailbox-wide, by sent time newest first', async () => {
    const answer = await search('"zebrafish"');
    expect(answer.status).toBe(200);
    expect(subjects(answer)).toEqual([...(searchWordPrefix ? ['zebrafishes everywhere'] : []), 'Lunch', 'Quarterly zebrafish report']);
    expect(subjects(await search('"quill"'))).toEqual(['Quarterly zebrafish report']);
  });

  it('takes from:, to:, subject:, hasAttachments:true and received days, joined by AND or nothing', async () => {
    expect(subjects(await search('from:"zed@fabrikam.test"'))).toEqual(['Quarterly zebrafish report']);
    expect(subjects(await search('to:"Yara Ott"'))).toEqual(['Lunch']);
    expect(subjects(await search('subject:"zebrafish report" AND hasAttachments:true'))).toEqual(['Quarterly zebrafish report']);
    expect(subjects(await search('"zebrafish" received>=2024-03-11 AND received<=2024-03-11'))).toEqual(['Lunch']);
  });

  it('searches one folder only, without its subfolders', async () => {
    const inbox = (await h.get('/me/mailFolders/inbox?$select=id')).body.id;
    const child = (await h.call('POST', `/me/mailFolders/${inbox}/childFolders`, { body: { displayName: 'Fish' } })).body.id;
    h.sim.state.simulateArrival(alice, { folder: child, subject: 'Zebrafish in a subfolder' });
    const answer = await search('subject:"zebrafish"', `/me/mailFolders/${inbox}/messages`);
    expect(subjects(answer)).toEqual(['Quarterly zebrafish report']);
    expect(subjects(await search('subject:"zebrafish"'))).toContain('Zebrafish in a subfolder');
  });

  it('pages by nextLink, at most 1,000 results', async () => {
    const all = await drain(h, `/me/messages?$search=${encodeURIComponent('"\\"the\\""')}&$top=7&$select=id`);
    expect(all.pages).toBeGreaterThan(1);
    expect(new Set(all.entries.map((m) => m.id)).size).toBe(all.entries.length);
  });

  it('answers 400 with $filter or $orderby, and for KQL outside the subset', async () => {
    expect((await search('"zebrafish"', '/me/messages', '&$filter=isRead eq false')).status).toBe(400);
    expect((await search('"zebrafish"', '/me/messages', '&$orderby=subject')).status).toBe(400);
    const bare = await h.get(`/me/messages?$search=${encodeURIComponent('"zebrafish OR lunch"')}`);
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBeDefined();
  });

  it('finds new mail only after the indexing delay', async () => {
    const delayed = await startGraphSim({ mailboxes: smallMailboxes, searchIndexDelayInMs: 60_000 });
    try {
      delayed.sim.state.simulateArrival(alice, { subject: 'Fresh okapi news' });
      expect((await delayed.get(`/me/messages?$search=${encodeURIComponent('"\\"okapi\\""')}`)).body.value).toEqual([]);
    } finally {
      await delayed.close();
    }
  });

  it('can answer a 200 whose value holds an error object (injected)', async () => {
    h.sim.state.answerNextSearchWithErrorItem(alice);
    const answer = await search('"zebrafish"');
    expect(answer.status).toBe(200);
    expect(answer.body.value[0].error.code).toEqual(expect.any(String));
    expect(subjects(await search('"quill"'))).toEqual(['Quarterly zebrafish report']);
  });
});
