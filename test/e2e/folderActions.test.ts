import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { foldersCreateResponse, foldersEmptyResponse, foldersMarkReadResponse, folderActionResponse, type Folder } from '../../shared/protocol/schemas/folders';
import { toDeviceFolder } from '../../shared/translate/toDeviceFolder';
import type { WellKnownFolderIds } from '../../shared/translate/wellKnownFolderIds';
import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { smallMailboxes } from '../helpers/graphSimHarness';
import { startStack, type Stack } from '../helpers/startStack';
import { stackDevice, type StackDevice } from './stackDevice';

const upn = 'alice@contoso.test';
const budgetInMs = 1500;
const wellKnownNames = { inbox: 'inbox', drafts: 'drafts', sent: 'sentitems', deleted: 'deleteditems', junk: 'junkemail', archive: 'archive', outbox: 'outbox', root: 'msgfolderroot' };

/**
 * The folder commands end to end, on a small mailbox with a short command budget: create (twice:
 * `existed`), rename, move, delete, markRead in rounds within the budget, empty Deleted Items and Junk,
 * well-known folders refused; the reference device's folders/sync then holds exactly the mailbox's tree.
 */
describe('folder commands', () => {
  let stack: Stack;
  let alice: string;
  let phone: StackDevice;
  const view = () => stack.sim.state.mailbox(upn)!;
  const wellKnown = () => Object.fromEntries(Object.entries(wellKnownNames).map(([kind, name]) => [kind, view().folder(name)?.id as string | undefined])) as WellKnownFolderIds;
  const idOf = (name: string) => String(view().folder(name)!.id);
  /** The folder the first test creates at the top. */
  let plans = '';
  const childNames = (parentId: string) => view().folders().filter((f) => f.parentFolderId === parentId).map((f) => String(f.displayName)).sort();

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: smallMailboxes }, env: { FERRY_SYNC_BUDGET_MS: String(budgetInMs) } });
    alice = await stack.token(upn);
    phone = stackDevice(stack, alice);
    await phone.syncFolders();
    requestRecorder.start();
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });

  it('creates a folder, and a second create of the same name answers that folder with existed: true', async () => {
    const first = await stack.call('folders/create', { name: 'Plans 2027' }, alice);
    expect(first.status).toBe(200);
    expect(first.body.existed).toBeUndefined(); // the default, left out
    const created = foldersCreateResponse.parse(first.body).folder;
    expect(created).toMatchObject({ parentId: null, name: 'Plans 2027', kind: 'other', unread: 0, total: 0 });
    plans = created.id;
    const again = foldersCreateResponse.parse((await stack.call('folders/create', { name: 'plans 2027' }, alice)).body);
    expect(again).toEqual({ folder: created, existed: true });
    const child = foldersCreateResponse.parse((await stack.call('folders/create', { parentId: created.id, name: 'Alpha' }, alice)).body);
    expect(child.folder).toMatchObject({ parentId: created.id, name: 'Alpha', kind: 'other' });
    expect(view().folders().filter((f) => String(f.displayName).toLowerCase() === 'plans 2027')).toHaveLength(1);
    expect(childNames(created.id)).toEqual(['Alpha']);
  });

  it('renames and moves a folder, refusing a taken name and a move into itself', async () => {
    const projects = plans;
    const alpha = String(view().folders().find((f) => f.displayName === 'Alpha')!.id);
    const renamed = folderActionResponse.parse((await stack.call('folders/rename', { id: alpha, name: 'Beta' }, alice)).body).folder;
    expect(renamed).toMatchObject({ id: alpha, name: 'Beta', parentId: projects });
    const moved = folderActionResponse.parse((await stack.call('folders/move', { id: alpha }, alice)).body).folder;
    expect(moved).toMatchObject({ id: alpha, name: 'Beta', parentId: null });
    expect(view().folder(alpha)!.parentFolderId).toBe(wellKnown().root);
    // Again: already there, answered as moved.
    expect((await stack.call('folders/move', { id: alpha }, alice)).body.folder).toEqual(moved);
    const back = folderActionResponse.parse((await stack.call('folders/move', { id: alpha, parentId: projects }, alice)).body).folder;
    expect(back.parentId).toBe(projects);

    // Under Plans 2027 the name is free; at the top its parent has it.
    expect((await stack.call('folders/rename', { id: alpha, name: 'Plans 2027' }, alice)).status).toBe(200);
    const sameName = await stack.call('folders/move', { id: alpha }, alice);
    expect([sameName.status, sameName.body.code]).toEqual([409, 'not_allowed']);
    expect((await stack.call('folders/rename', { id: alpha, name: 'Beta' }, alice)).status).toBe(200);
    expect((await stack.call('folders/move', { id: alpha }, alice)).status).toBe(200);
    const clash = await stack.call('folders/rename', { id: alpha, name: 'PLANS 2027' }, alice);
    expect([clash.status, clash.body.code]).toEqual([409, 'not_allowed']);
    expect(clash.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const intoItself = await stack.call('folders/move', { id: projects, parentId: projects }, alice);
    expect([intoItself.status, intoItself.body.code]).toEqual([409, 'not_allowed']);
    const unknownParent = await stack.call('folders/move', { id: projects, parentId: 'AAMkAGnope' }, alice);
    expect([unknownParent.status, unknownParent.body.code]).toEqual([404, 'folder_not_found']);
  });

  it('deletes a folder with what it holds; a repeat is folder_not_found', async () => {
    const doomed = foldersCreateResponse.parse((await stack.call('folders/create', { name: 'Doomed' }, alice)).body).folder;
    stack.sim.state.simulateArrival(upn, { folder: doomed.id, subject: 'in a doomed folder' });
    const answer = await stack.call('folders/delete', { id: doomed.id }, alice);
    expect([answer.status, answer.body]).toEqual([200, {}]);
    expect(view().folder(doomed.id)).toBeUndefined();
    const repeat = await stack.call('folders/delete', { id: doomed.id }, alice);
    expect([repeat.status, repeat.body.code]).toEqual([404, 'folder_not_found']);
  });

  it('refuses to rename, move or delete a well-known folder, and to empty anything but Deleted Items and Junk', async () => {
    const ids = wellKnown();
    const refusals: string[] = [];
    for (const [kind, id] of Object.entries(ids)) {
      if (!id) continue;
      for (const [command, body] of [
        ['folders/rename', { id, name: 'Mine now' }],
        ['folders/move', { id, parentId: plans }],
        ['folders/delete', { id }],
      ] as const) {
        const answer = await stack.call(command, body, alice);
        if (answer.status !== 409 || answer.body.code !== 'not_allowed') refusals.push(`${command} ${kind}: ${answer.status} ${answer.body?.code}`);
      }
    }
    for (const id of ['inbox', ids.inbox!, plans]) {
      const answer = await stack.call('folders/empty', { folderId: id }, alice);
      if (answer.status !== 409 || answer.body.code !== 'not_allowed') refusals.push(`folders/empty: ${answer.status} ${answer.body?.code}`);
    }
    expect(refusals).toEqual([]);
    expect(view().folder('inbox')!.displayName).toBe('Inbox');
    expect(Object.values(ids).every((id) => id === undefined || view().folder(id) !== undefined)).toBe(true);
  });

  it('empties Deleted Items (messages and subfolders) and Junk', async () => {
    const deletedItems = idOf('deleteditems');
    const sub = foldersCreateResponse.parse((await stack.call('folders/create', { parentId: deletedItems, name: 'Old stuff' }, alice)).body).folder;
    const subSub = foldersCreateResponse.parse((await stack.call('folders/create', { parentId: sub.id, name: 'Older' }, alice)).body).folder;
    for (let i = 0; i < 3; i++) stack.sim.state.simulateArrival(upn, { folder: subSub.id });
    for (let i = 0; i < 25; i++) stack.sim.state.simulateArrival(upn, { folder: 'deleteditems' });
    for (let i = 0; i < 4; i++) stack.sim.state.simulateArrival(upn, { folder: 'junkemail' });
    const inDeleted = view().messages('deleteditems').length;
    // The generated mailbox may hold mail in Junk already: every message there goes.
    const inJunk = view().messages('junkemail').length;

    const empty = foldersEmptyResponse.parse((await stack.call('folders/empty', { folderId: deletedItems }, alice)).body);
    expect(empty).toEqual({ deleted: inDeleted + 1, more: false });
    expect(view().messages('deleteditems')).toEqual([]);
    expect(childNames(deletedItems)).toEqual([]);
    const junk = foldersEmptyResponse.parse((await stack.call('folders/empty', { folderId: 'junkemail' }, alice)).body);
    expect(inJunk).toBeGreaterThanOrEqual(4);
    expect(junk).toEqual({ deleted: inJunk, more: false });
    expect(view().messages('junkemail')).toEqual([]);
    // Soft-deleted: Recoverable Items holds them.
    expect(view().messages('recoverableitemsdeletions').length).toBeGreaterThanOrEqual(inDeleted + 3 + inJunk);
    expect(foldersEmptyResponse.parse((await stack.call('folders/empty', { folderId: deletedItems }, alice)).body)).toEqual({ deleted: 0, more: false });
  });

  it('marks 2,000 unread messages read over several calls within the budget, leaving later mail unread', async () => {
    const bulk = foldersCreateResponse.parse((await stack.call('folders/create', { name: 'Bulk' }, alice)).body).folder;
    for (let i = 0; i < 2000; i++) stack.sim.state.simulateArrival(upn, { folder: bulk.id, isRead: false });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Each listing of unread mail takes 250 ms: one call has time for a few rounds of 100, not for 2,000.
    stack.sim.state.setLatencySchedule({ operation: 'messages.list', delaysInMs: [250], afterLast: 'repeatLast' });
    try {
      const answers: Array<{ updated: number; more: boolean; receivedBefore: string }> = [];
      let receivedBefore: string | undefined;
      let later: string | undefined;
      for (let call = 0; call < 40; call++) {
        const startedAt = Date.now();
        const answer = await stack.call('folders/markRead', { folderId: bulk.id, ...(receivedBefore ? { receivedBefore } : {}) }, alice);
        expect(Date.now() - startedAt).toBeLessThan(budgetInMs + 1000);
        expect(answer.status).toBe(200);
        const parsed = foldersMarkReadResponse.parse(answer.body);
        answers.push(parsed);
        receivedBefore = parsed.receivedBefore;
        // Mail arriving after the first call is after its cut-off: the repeats leave it unread.
        later ??= stack.sim.state.simulateArrival(upn, { folder: bulk.id, isRead: false, subject: 'arrived later' });
        if (!parsed.more) break;
      }
      expect(answers[0]!.more).toBe(true);
      expect(answers[0]!.updated).toBeGreaterThan(0);
      expect(answers[0]!.updated).toBeLessThan(2000);
      expect(answers.at(-1)!.more).toBe(false);
      expect(new Set(answers.map((a) => a.receivedBefore)).size).toBe(1);
      expect(answers.reduce((sum, a) => sum + a.updated, 0)).toBe(2000);
      const messages = view().messages(bulk.id) as Array<{ id: string; isRead: boolean }>;
      expect(messages.filter((m) => !m.isRead).map((m) => m.id)).toEqual([later]);
    } finally {
      stack.sim.state.setLatencySchedule(undefined);
    }
    const unknown = await stack.call('folders/markRead', { folderId: 'AAMkAGnope' }, alice);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'folder_not_found']);
  }, 60_000);

  it('folders/sync then reports exactly the tree the commands left', async () => {
    await phone.syncFolders();
    const known = wellKnown();
    const expected = new Map<string, Folder>(view().folders().map((f) => [String(f.id), toDeviceFolder(f as MailFolder, known)]));
    expect(new Map(phone.device.folders.items)).toEqual(expected);
  });

  it('made only Graph requests of the operation table, each with Prefer IdType="ImmutableId"', () => {
    const { problems, kinds } = ferryRequestSummary(requestRecorder.entries());
    expect(problems).toEqual([]);
    expect(kinds.request).toBeGreaterThan(0);
    expect(kinds['$batch item']).toBeGreaterThan(0);
  });
});
