import { ReferenceDevice, type AnswerRecord } from '../device/referenceDevice';
import { startStack, type Stack } from '../helpers/startStack';
import { bulkResponse } from '../../shared/protocol/schemas/mailActions';

/**
 * mail/update, mail/move, mail/delete (issue 14, "Bulk commands") against the simulator, through the
 * reference device and its per-item rule: one result per id in input order, `not_found` for unknown
 * and other users' ids, throttled items retried by Ferry within its wait budget and handed to the
 * device (`failed` + `throttled` + `retryAfter`) past it; the mailbox, read back from the simulator,
 * holds exactly what the results say.
 */
const upn = 'alice@contoso.test';

describe('bulk mail commands', () => {
  let stack: Stack;
  let alice: string;
  const answers: AnswerRecord[] = [];
  const mailbox = () => stack.sim.state.mailbox(upn)!;
  const ids = (folder: string) => mailbox().messages(folder).map((m) => String(m.id));
  const message = (id: string) => mailbox().message(id) as { parentFolderId: string; isRead: boolean; flag: { flagStatus: string }; categories: string[] } | undefined;
  const folderId = (name: string) => String(mailbox().folder(name)!.id);
  const device = () => new ReferenceDevice({ hostUrl: stack.hostUrl, getToken: async () => alice, timeScale: 0.005, onAnswer: (a) => answers.push(a) });

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: [{ user: upn, messageCount: 160, folderCount: 3 }, { user: 'bob@contoso.test', messageCount: 5, folderCount: 0 }] } });
    alice = await stack.token(upn);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    answers.length = 0;
    stack.sim.state.setFlags({ deletedGetIs404: false });
  });

  it('updates 100 ids, some unknown or bob\'s, some throttled once or past the wait budget: results in order, mailbox matching', async () => {
    const own = mailbox().messages().map((m) => String(m.id)).slice(0, 90);
    expect(own.length).toBe(90);
    const bobs = stack.sim.state.mailbox('bob@contoso.test')!.messages().slice(0, 3).map((m) => String(m.id));
    const bobBefore = stack.sim.state.mailbox('bob@contoso.test')!.messages();
    const unknown = ['AAMkAGUnknownMessage1', 'AAMkAGUnknownMessage2', ...bobs, 'AAMkAGUnknownMessage3', 'AAMkAGUnknownMessage4', 'AAMkAGUnknownMessage5', 'AAMkAGUnknownMessage6', 'AAMkAGUnknownMessage7'];
    const all = [...own];
    unknown.forEach((id, index) => all.splice(index * 9 + 4, 0, id));
    expect(all).toHaveLength(100);
    // Items throttled once (Ferry waits 1 s and retries them inside its budget), then items throttled
    // with a wait past the 5 s budget: the device gets those and repeats them after `retryAfter`.
    stack.sim.state.throttleNext({ status: 429, retryAfter: '1', count: 6, target: 'batchItem' });
    stack.sim.state.throttleNext({ status: 429, retryAfter: '30', count: 4, target: 'batchItem' });
    const outcome = await device().bulk('mail/update', { ids: all, set: { read: true, flag: 'flagged' } });

    expect(outcome.stop).toBeUndefined();
    const [first, second] = outcome.rounds;
    expect(first).toEqual(all);
    // The first answer: one result per id, in order; four throttled items with the advised wait.
    const firstAnswer = answers.find((a) => a.command === 'mail/update')!;
    expect(firstAnswer.status).toBe(200);
    expect(second).toHaveLength(4);
    expect(outcome.rounds).toHaveLength(2);
    for (const id of unknown) expect(outcome.results.get(id)).toEqual({ id, status: 'not_found' });
    for (const id of own) expect(outcome.results.get(id)).toEqual({ id, status: 'ok' });
    for (const id of own) expect([message(id)!.isRead, message(id)!.flag.flagStatus]).toEqual([true, 'flagged']);
    expect(stack.sim.state.mailbox('bob@contoso.test')!.messages()).toEqual(bobBefore);
  });

  it('reports throttled items past the budget as failed, with retryAfter, the others done', async () => {
    const some = ids('inbox').slice(0, 5);
    stack.sim.state.throttleNext({ status: 429, retryAfter: '30', count: 1, target: 'batchItem' });
    const answer = await stack.call('mail/update', { ids: some, set: { read: false } }, alice);
    expect(answer.status).toBe(200);
    const { results } = bulkResponse.parse(answer.body);
    expect(results.map((r) => r.id)).toEqual(some);
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed).toEqual([{ id: failed[0]!.id, status: 'failed', code: 'throttled', retryAfter: 30 }]);
    // omitDefaults: an `ok` result is only its id on the wire.
    expect((answer.body.results as unknown[]).filter((r) => JSON.stringify(r).includes('"status"'))).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'ok')) expect(message(r.id)!.isRead).toBe(false);
  });

  it('refuses duplicates, an empty set, categories with add/remove, more than 100 ids and other kinds (400 before any Graph call)', async () => {
    const [a, b] = ids('inbox');
    const before = stack.sim.state.stats.requests;
    const bad = [
      ['mail/update', { ids: [a, b, a], set: { read: true } }],
      ['mail/update', { ids: [a], set: {} }],
      ['mail/update', { ids: [a], set: { categories: ['x'], addCategories: ['y'] } }],
      ['mail/update', { ids: Array.from({ length: 101 }, (_, i) => `AAMk${i}`), set: { read: true } }],
      ['mail/move', { ids: [a], destinationId: 'drafts' }],
      ['mail/move', { ids: [a], destinationId: 'recoverableitemsdeletions' }],
      ['mail/move', { ids: [a], destinationId: 'msgfolderroot' }],
      ['mail/delete', { ids: [b, b] }],
      ['mail/delete', { ids: [] }],
    ] as const;
    for (const [command, body] of bad) {
      const answer = await stack.call(command, body, alice);
      expect([command, answer.status, answer.body.code]).toEqual([command, 400, 'bad_request']);
    }
    expect(stack.sim.state.stats.requests).toBe(before);
  });

  it('replaces, adds and removes categories; flag complete and none', async () => {
    const [a, b] = ids('inbox');
    const d = device();
    await d.bulk('mail/update', { ids: [a!, b!], set: { categories: ['Red', 'Blue'], flag: 'complete' } });
    expect([message(a!)!.categories, message(b!)!.flag.flagStatus]).toEqual([['Red', 'Blue'], 'complete']);
    await d.bulk('mail/update', { ids: [a!], set: { addCategories: ['Green', 'Red'] } });
    expect(message(a!)!.categories).toEqual(['Red', 'Blue', 'Green']);
    expect(message(b!)!.categories).toEqual(['Red', 'Blue']);
    const outcome = await d.bulk('mail/update', { ids: [a!, 'AAMkAGUnknownMessage9', b!], set: { removeCategories: ['Red'], addCategories: ['Yellow'], flag: 'none' } });
    expect([...outcome.results.values()].map((r) => r.status)).toEqual(['ok', 'not_found', 'ok']);
    expect([message(a!)!.categories, message(b!)!.categories]).toEqual([['Blue', 'Green', 'Yellow'], ['Blue', 'Yellow']]);
    expect(message(a!)!.flag.flagStatus).toBe('notFlagged');
  });

  it.each(['inbox', 'deleted', 'archive', 'junk', 'folder id'] as const)('moves to %s, results naming the folder', async (kind) => {
    const source = kind === 'inbox' ? 'archive' : 'inbox';
    const moving = ids(source).slice(0, 3);
    const target = kind === 'folder id' ? String(mailbox().folders().find((f) => f.wellKnownName === undefined && f.displayName !== 'Archive')?.id ?? folderId('archive')) : folderId({ inbox: 'inbox', deleted: 'deleteditems', archive: 'archive', junk: 'junkemail' }[kind]);
    const destinationId = kind === 'folder id' ? target : kind;
    const outcome = await device().bulk('mail/move', { ids: [...moving, 'AAMkAGUnknownMessage8'], destinationId });
    expect([...outcome.results.values()]).toEqual([...moving.map((id) => ({ id, status: 'ok', folderId: target })), { id: 'AAMkAGUnknownMessage8', status: 'not_found' }]);
    for (const id of moving) expect(message(id)!.parentFolderId).toBe(target);
    // Repeated (the device got no answer): the same results, the messages stay.
    const again = await device().bulk('mail/move', { ids: moving, destinationId });
    expect([...again.results.values()].map((r) => r.folderId)).toEqual(moving.map(() => target));
  });

  it('answers folder_not_found for an unknown destination, bob\'s folder, or an archive the mailbox lacks', async () => {
    const moving = ids('inbox').slice(0, 2);
    const bobInbox = String(stack.sim.state.mailbox('bob@contoso.test')!.folder('inbox')!.id);
    for (const destinationId of ['AAMkAGUnknownFolder1', bobInbox]) {
      const answer = await stack.call('mail/move', { ids: moving, destinationId }, alice);
      expect([answer.status, answer.body.code]).toEqual([404, 'folder_not_found']);
    }
    const bob = await stack.token('bob@contoso.test');
    stack.sim.state.replaceMailbox({ user: 'bob@contoso.test', messageCount: 5, folderCount: 0, withArchive: false });
    const bobIds = stack.sim.state.mailbox('bob@contoso.test')!.messages().slice(0, 2).map((m) => String(m.id));
    const answer = await stack.call('mail/move', { ids: bobIds, destinationId: 'archive' }, bob);
    expect([answer.status, answer.body.code]).toEqual([404, 'folder_not_found']);
    for (const id of moving) expect(message(id)!.parentFolderId).toBe(folderId('inbox'));
  });

  it.each([false, true])('deletes to Deleted Items, and deletes what is there (deletedGetIs404: %s)', async (deletedGetIs404) => {
    stack.sim.state.setFlags({ deletedGetIs404 });
    const deletedItems = folderId('deleteditems');
    const [inDeleted] = ids('deleteditems').length > 0 ? ids('deleteditems') : [];
    const fromInbox = ids('inbox').slice(0, 3);
    const list = [...fromInbox, ...(inDeleted ? [inDeleted] : []), 'AAMkAGUnknownMessage7'];
    const outcome = await device().bulk('mail/delete', { ids: list });
    expect(outcome.results.get('AAMkAGUnknownMessage7')!.status).toBe('not_found');
    for (const id of fromInbox) {
      expect(outcome.results.get(id)).toEqual({ id, status: 'ok', folderId: deletedItems });
      expect(message(id)!.parentFolderId).toBe(deletedItems);
    }
    // Now in Deleted Items: the same command deletes them (out of every folder).
    const second = await device().bulk('mail/delete', { ids: fromInbox });
    expect([...second.results.values()]).toEqual(fromInbox.map((id) => ({ id, status: 'ok' })));
    for (const id of fromInbox) expect(mailbox().messages().some((m) => m.id === id && m.parentFolderId !== String(mailbox().folder('recoverableitemsdeletions')?.id))).toBe(false);
    // A third time (a repeat after a lost answer): done, or not found, never failed; nothing moves back.
    const third = await device().bulk('mail/delete', { ids: fromInbox });
    expect([...third.results.values()].map((r) => r.status)).toEqual(fromInbox.map(() => (deletedGetIs404 ? 'not_found' : 'ok')));
    for (const id of fromInbox) expect(ids('deleteditems')).not.toContain(id);
  });

  it.each([false, true])('deletes permanently, and a repeat is done, not failed (deletedGetIs404: %s)', async (deletedGetIs404) => {
    stack.sim.state.setFlags({ deletedGetIs404 });
    const gone = ids('inbox').slice(0, 4);
    const outcome = await device().bulk('mail/delete', { ids: [...gone, 'AAMkAGUnknownMessage6'], permanent: true });
    expect([...outcome.results.values()]).toEqual([...gone.map((id) => ({ id, status: 'ok' })), { id: 'AAMkAGUnknownMessage6', status: 'not_found' }]);
    const visible = new Set(mailbox().folders().map((f) => String(f.id)));
    for (const id of gone) expect(visible.has(message(id)?.parentFolderId ?? '')).toBe(false);
    // The repeat's 403 ErrorCannotDeleteObject is confirmed by a look-up: Recoverable Items (ok) or 404 (not_found).
    const repeat = await device().bulk('mail/delete', { ids: gone, permanent: true });
    expect([...repeat.results.values()].map((r) => r.status)).toEqual(gone.map(() => (deletedGetIs404 ? 'not_found' : 'ok')));
  });
});
