import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { parseSearchParameter, type KqlClause } from '../../dev/graphSim/resources/mail/messages/searchKql';
import { ferryRequestSummary, isFerryRequest } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';
import { ReferenceDevice } from '../device/referenceDevice';

/**
 * mail/search over the whole stack: Ferry writes the KQL (test/unit/graph/searchKql.property.test.ts
 * holds the builder to the simulator's grammar), pages Graph's results into answers of `limit`, drops
 * hidden folders' items mailbox-wide, applies the exact date bounds, and hands out a sealed cursor bound
 * to user and query. Graph's side: test/contract/messageSearch.test.ts.
 */
describe('mail/search', () => {
  let stack: Stack;
  let token: string;
  const upn = 'bob@contoso.test';
  const ids: Record<string, string> = {};
  let inbox: string;
  const search = (body: Record<string, unknown>, as = token) => stack.call('mail/search', body, as);
  const subjects = (answer: { body: { messages: Array<{ subject: string }> } }) => answer.body.messages.map((m) => m.subject).sort();

  beforeAll(async () => {
    stack = await startStack();
    stack.sim.state.replaceMailbox({ user: upn, messageCount: 12, folderCount: 1, seed: 7 });
    token = await stack.token(upn);
    const view = () => stack.sim.state.mailbox(upn)!;
    inbox = String(view().folder('inbox')!.id);
    const arrive = (key: string, input: Parameters<typeof stack.sim.state.simulateArrival>[1]) => (ids[key] = stack.sim.state.simulateArrival(upn, input));
    arrive('report', { subject: 'Quokka census report', from: { name: 'Quentin Marsh', address: 'quentin@fabrikam.test' }, receivedDateTime: '2024-05-01T10:00:00Z', withAttachment: true });
    arrive('lunch', { subject: 'Lunch on Friday', bodyText: 'Bring the quokka photos', to: [{ name: 'Wanda Pike', address: 'wanda@contoso.test' }], receivedDateTime: '2024-05-02T00:00:00Z' });
    arrive('late', { subject: 'Quokka follow-up', receivedDateTime: '2024-05-02T23:59:59Z' });
    arrive('after', { subject: 'Quokka wrap-up', receivedDateTime: '2024-05-03T00:00:00Z' });
    const child = (await stack.graph('POST', `/me/mailFolders/${inbox}/childFolders`, upn, { displayName: 'Zoo' })).body.id;
    arrive('sub', { folder: child, subject: 'Quokka in a subfolder', receivedDateTime: '2024-04-01T00:00:00Z' });
    // Hidden folders, top-level and nested, as Teams keeps its chat items: mailbox-wide search finds them in Graph.
    const root = (await stack.graph('GET', '/me/mailFolders/msgfolderroot?$select=id', upn)).body.id;
    const hiddenTop = (await stack.graph('POST', `/me/mailFolders/${root}/childFolders`, upn, { displayName: 'TeamsMessagesData', isHidden: true })).body.id;
    const hiddenNested = (await stack.graph('POST', `/me/mailFolders/${child}/childFolders`, upn, { displayName: 'Chats', isHidden: true })).body.id;
    arrive('chat1', { folder: hiddenTop, subject: 'Quokka chat', receivedDateTime: '2024-04-02T00:00:00Z' });
    arrive('chat2', { folder: hiddenNested, subject: 'Quokka nested chat', receivedDateTime: '2024-04-03T00:00:00Z' });
    requestRecorder.start();
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });

  it('finds by each field and by combinations, mailbox-wide without hidden folders', async () => {
    expect(subjects(await search({ text: 'quokka' }))).toEqual(['Lunch on Friday', 'Quokka census report', 'Quokka follow-up', 'Quokka in a subfolder', 'Quokka wrap-up']);
    expect(subjects(await search({ from: 'quentin@fabrikam.test' }))).toEqual(['Quokka census report']);
    expect(subjects(await search({ to: 'Wanda Pike' }))).toEqual(['Lunch on Friday']);
    expect(subjects(await search({ subject: 'census report' }))).toEqual(['Quokka census report']);
    expect(subjects(await search({ text: 'quokka', hasAttachments: true }))).toEqual(['Quokka census report']);
    expect(subjects(await search({ text: 'quokka photos', subject: 'lunch' }))).toEqual(['Lunch on Friday']);
    const found = (await search({ text: 'quokka' })).body.messages as Array<{ id: string; folderId: string; body?: unknown }>;
    expect(found.find((m) => m.id === ids.sub)!.folderId).not.toBe(inbox);
    expect(found.every((m) => m.body === undefined)).toBe(true);
  });

  it('applies date bounds exactly at the edges (after inclusive, before exclusive)', async () => {
    const answer = await search({ text: 'quokka', receivedAfter: '2024-05-02T00:00:00Z', receivedBefore: '2024-05-03T00:00:00Z' });
    expect(subjects(answer)).toEqual(['Lunch on Friday', 'Quokka follow-up']);
    const later = await search({ subject: 'quokka', receivedAfter: '2024-05-02T23:59:59.001Z' });
    expect(subjects(later)).toEqual(['Quokka wrap-up']);
  });

  it('searches one folder without its subfolders; an unknown or foreign folder is 404 folder_not_found', async () => {
    expect(subjects(await search({ text: 'quokka', folderId: inbox }))).toEqual(['Lunch on Friday', 'Quokka census report', 'Quokka follow-up', 'Quokka wrap-up']);
    const aliceInbox = String(stack.sim.state.mailbox('alice@contoso.test')!.folder('inbox')!.id);
    for (const folderId of [aliceInbox, 'AAMkAGI2TG93AAA=']) {
      const answer = await search({ text: 'quokka', folderId });
      expect([answer.status, answer.body.code]).toEqual([404, 'folder_not_found']);
    }
  });

  it('pages: the answers together equal the full result, without duplicates, in Graph order', async () => {
    const full = (await search({ text: 'quokka', limit: 50 })).body;
    expect(full.cursor).toBeUndefined();
    const paged: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const answer = await search({ text: 'quokka', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(answer.status).toBe(200);
      expect(answer.body.messages.length).toBeLessThanOrEqual(2);
      paged.push(...answer.body.messages.map((m: { id: string }) => m.id));
      cursor = answer.body.cursor;
      calls++;
    } while (cursor && calls < 10);
    expect(paged).toEqual(full.messages.map((m: { id: string }) => m.id));
    expect(calls).toBe(3);
  });

  it('refuses a cursor of another user, another query, altered or too long: 410 search_state_invalid', async () => {
    const first = await search({ text: 'quokka', limit: 1 });
    const cursor = first.body.cursor as string;
    expect(cursor).toEqual(expect.any(String));
    const alice = await stack.token('alice@contoso.test');
    const flipped = cursor.slice(0, 40) + (cursor[40] === 'A' ? 'B' : 'A') + cursor.slice(41);
    const attempts = [
      search({ text: 'quokka', limit: 1, cursor }, alice),
      search({ text: 'quokkas', limit: 1, cursor }),
      search({ text: 'quokka', folderId: inbox, cursor }),
      search({ text: 'quokka', cursor: flipped }),
      search({ text: 'quokka', cursor: 'A'.repeat(5000) }),
      // A sync state is not a cursor.
      search({ text: 'quokka', cursor: (await stack.call('folders/sync', {}, token)).body.state }),
    ];
    for (const answer of await Promise.all(attempts)) expect([answer.status, answer.body.code]).toEqual([410, 'search_state_invalid']);
    // Another limit is the same query: the cursor goes on.
    expect((await search({ text: 'quokka', limit: 3, cursor })).status).toBe(200);
  });

  it('hostile text: never a 5xx, 400 only for length, and the KQL holds exactly the intended literal terms', async () => {
    const hostile = ['"quokka" OR "x"', 'a\\" OR from:evil', 'NOT quokka', 'from:quentin', 'quok*', "$filter=isRead eq true')", "')", '../../me/people', 'a\u0000b', '😀 quokka 🦘', 'subject:"x" AND hasAttachments:true'];
    for (const text of hostile) {
      requestRecorder.clear();
      const answer = await search({ text, subject: text });
      expect(answer.status).toBe(200);
      const recorded = requestRecorder.entries().filter((r) => isFerryRequest(r) && r.target === 'request' && r.query.some(([name]) => name === '$search'));
      expect(recorded).toHaveLength(1);
      const kql = recorded[0]!.query.find(([name]) => name === '$search')![1];
      stack.secrets.add(kql);
      const clean = text.replace(/[\u0000-\u001f"\\*]/g, ' ').replace(/\s+/g, ' ').trim();
      const expected: KqlClause[] = [...clean.split(' ').map((value): KqlClause => ({ kind: 'term', value })), { kind: 'term', field: 'subject', value: clean }];
      expect(parseSearchParameter(kql)).toEqual(expected);
    }
    const tooLong = await search({ text: 'q'.repeat(10_000) });
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'bad_request']);
    const nothing = await search({ text: '"*"' });
    expect([nothing.status, nothing.body.code]).toEqual([400, 'bad_request']);
    expect((await search({})).status).toBe(400);
    stack.secrets.add('quokka');
  });

  it('the reference device pages with cursors and, on search_state_invalid, searches again from the start', async () => {
    const answers: string[] = [];
    const device = new ReferenceDevice({ hostUrl: stack.hostUrl, getToken: async () => token, onAnswer: (a) => answers.push(`${a.status} ${a.code ?? ''}`.trim()) });
    const full = (await search({ text: 'quokka', limit: 50 })).body.messages.map((m: { id: string }) => m.id);
    const paged = await device.search({ text: 'quokka', limit: 2 });
    expect([paged.messages.map((m) => m.id), paged.pages, paged.searchedAgain]).toEqual([full, 3, 0]);
    // A cursor kept from another search (as an expired one would be): the rule drops it and starts over.
    const stale = (await search({ subject: 'quokka', limit: 1 })).body.cursor;
    expect(stale).toEqual(expect.any(String));
    answers.length = 0;
    const again = await device.search({ text: 'quokka', limit: 2 }, { cursor: stale });
    expect([again.messages.map((m) => m.id), again.searchedAgain]).toEqual([full, 1]);
    expect(answers[0]).toBe('410 search_state_invalid');
  });

  it('a 200 whose value holds an error object is 502 upstream_error', async () => {
    stack.sim.state.answerNextSearchWithErrorItem(upn);
    const answer = await search({ text: 'quokka' });
    expect([answer.status, answer.body.code]).toEqual([502, 'upstream_error']);
  });

  it('one page and one $batch of folder look-ups for a mailbox-wide search; every request in the operation table', async () => {
    requestRecorder.clear();
    stack.sim.state.resetStats();
    await search({ text: 'quokka' });
    expect(stack.sim.state.stats.byUserOperation).toBeDefined();
    const ferry = requestRecorder.entries().filter(isFerryRequest);
    // The recorder sees a $batch as its items: one page, then the folders of its results, judged together.
    expect(ferry.filter((r) => r.target === 'request').map((r) => r.path)).toEqual(['/me/messages']);
    const lookUps = ferry.filter((r) => r.target === 'batchItem');
    expect(lookUps.length).toBeGreaterThan(1);
    expect(lookUps.every((r) => r.path.startsWith('/me/mailFolders/') && r.query.some(([name, value]) => name === '$select' && value === 'isHidden'))).toBe(true);
    expect(stack.sim.state.stats.requests).toBe(2);
    const folderSearch = await search({ text: 'quokka', folderId: inbox });
    expect(folderSearch.status).toBe(200);
    const { problems } = ferryRequestSummary(requestRecorder.entries());
    expect(problems).toEqual([]);
  });
});
