import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * `/me/people`, as the simulator must show it to Ferry.
 *
 * https://learn.microsoft.com/graph/api/user-list-people: "Retrieve a list of person objects ordered by
 * their relevance to the user"; permissions: delegated People.Read (least privileged).
 * https://learn.microsoft.com/graph/people-insights-overview#search-people: "`GET /me/people/?$search=j`
 * ... requests the people relevant to the signed-in user whose name or email address contains a word
 * that begins with the letter 'j'"; "fuzzy" matching on names and addresses; `$top`, `$select`
 * (`displayName,scoredEmailAddresses`) are its examples. A search returns at most 250 people (UNVERIFIED
 * here: the simulator caps too, but never has that many).
 *
 * UNVERIFIED: the ranking (here: messages exchanged), the matching (word prefix; flag
 * `peopleSearchWholeWords` for whole words; no fuzzy match), the 403's code without People.Read.
 * Ferry's side: test/e2e/peopleSearch.test.ts.
 */
describe.each([false, true])('/me/people (peopleSearchWholeWords: %s)', (peopleSearchWholeWords) => {
  let h: GraphSimHarness;
  const alice = 'alice@contoso.test';
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, flags: { peopleSearchWholeWords } });
    for (let i = 0; i < 3; i++) h.sim.state.simulateArrival(alice, { from: { name: 'Quentin Marsh', address: 'quentin@fabrikam.test' } });
    h.sim.state.simulateArrival(alice, { from: { name: 'Quella Stone', address: 'qstone@fabrikam.test' } });
  });
  afterAll(() => h.close());
  const people = (search: string, extra = '') => h.get(`/me/people?$search=${encodeURIComponent(search)}&$select=displayName,scoredEmailAddresses${extra}`);
  const names = (answer: { body: { value: Array<{ displayName: string }> } }) => answer.body.value.map((p) => p.displayName);

  it('ranks correspondents by mail exchanged and matches word prefixes of names and addresses', async () => {
    const answer = await people('"que"');
    expect(answer.status).toBe(200);
    expect(names(answer)).toEqual(peopleSearchWholeWords ? [] : ['Quentin Marsh', 'Quella Stone']);
    expect(names(await people('"quentin"'))).toEqual(['Quentin Marsh']);
    expect(names(await people('"qstone"'))).toEqual(['Quella Stone']);
    const quentin = (await people('"quentin"')).body.value[0];
    expect(quentin.scoredEmailAddresses.map((scored: { address: string }) => scored.address)).toEqual(['quentin@fabrikam.test']);
  });

  it('honours $top and $select, and never lists the owner', async () => {
    const all = await h.get('/me/people?$top=3');
    expect(all.body.value).toHaveLength(3);
    expect(JSON.stringify(all.body.value)).not.toContain('alice@contoso.test');
    const selected = await people('"quentin"', '&$top=1');
    expect(Object.keys(selected.body.value[0]).sort()).toEqual(['displayName', 'id', 'scoredEmailAddresses']);
  });

  it('answers 403 to a token whose scp lacks People.Read, and each user only their own people', async () => {
    const token = await h.token(alice, { scp: 'Mail.ReadWrite User.Read' });
    const denied = await h.get('/me/people?$search=%22quentin%22', { authorization: `Bearer ${token}` });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'ErrorAccessDenied']);
    const granted = await h.token(alice, { scp: 'Mail.ReadWrite People.Read' });
    expect((await h.get('/me/people?$search=%22quentin%22', { authorization: `Bearer ${granted}` })).status).toBe(200);
    expect(names(await h.get('/me/people?$search=%22quentin%22', { user: 'bob@contoso.test' }))).toEqual([]);
  });
});
