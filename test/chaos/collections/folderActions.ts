import type { MailFolder } from '@microsoft/microsoft-graph-types';
import fc from 'fast-check';
import { foldersCreateResponse, foldersEmptyResponse, foldersMarkReadResponse, type Folder } from '../../../shared/protocol/schemas/folders';
import { toDeviceFolder } from '../../../shared/translate/toDeviceFolder';
import type { WellKnownFolderIds } from '../../../shared/translate/wellKnownFolderIds';
import { DeviceStopped, type ReferenceDevice } from '../../device/referenceDevice';
import type { ConvergenceCollection, RunContext } from '../convergenceCollection';

/**
 * The devices' own folder actions: two devices of one user create, rename, move and delete folders
 * (folders/create, rename, move, delete), mark folders read (folders/markRead) and empty Deleted Items
 * and Junk (folders/empty) under the chaos profile, syncing the tree between. Each action's outcome is
 * checked against the mailbox at once: a create, however often the device had to repeat it (a lost
 * answer, `outcome_unknown`), leaves exactly one folder of that name under its parent, the one answered
 * (`existed: true` when it was there before); a delete leaves the folder gone, also when the device's
 * repeat met `folder_not_found`; a markRead leaves no unread mail before its cut-off; an empty leaves
 * the folder empty. `not_allowed` (a name taken, a move into itself) is the user's to see and changes
 * nothing. At the end every device's folders/sync copy equals the tree.
 */
type Step =
  | { kind: 'sync'; device: 0 | 1 }
  | { kind: 'create'; device: 0 | 1; parent: number; name: number }
  | { kind: 'rename'; device: 0 | 1; pick: number; name: number }
  | { kind: 'move'; device: 0 | 1; pick: number; to: number }
  | { kind: 'delete'; device: 0 | 1; pick: number }
  | { kind: 'markRead'; device: 0 | 1; pick: number }
  | { kind: 'empty'; device: 0 | 1; junk: boolean };

const device = fc.constantFrom(0 as const, 1 as const);
const pick = fc.nat({ max: 1000 });
const name = fc.nat({ max: 4 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), device, parent: pick, name }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), device, pick, name }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), device, pick, to: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick }) },
  fc.record({ kind: fc.constant('markRead' as const), device, pick }),
  fc.record({ kind: fc.constant('empty' as const), device, junk: fc.boolean() }),
);
/** Few names, two differing only in case: creates and renames meet taken names often. */
const names = ['Trips', 'trips', 'Receipts', 'Projects', 'Ünïcödé 📁'];
const wellKnownNames = { inbox: 'inbox', drafts: 'drafts', sent: 'sentitems', deleted: 'deleteditems', junk: 'junkemail', archive: 'archive', outbox: 'outbox', root: 'msgfolderroot' };

export const folderActions: ConvergenceCollection<[Step[], number]> = {
  name: 'folder actions',
  // At most 12 steps: each action is two or three Graph calls under faults, and 50 runs fit the suite's 120 s.
  arbitraries: [fc.array(step, { minLength: 1, maxLength: 12, size: 'max' }), fc.nat()],
  async run(context, [steps, deviceSeed]) {
    await runSteps(context, steps, deviceSeed);
  },
};

async function runSteps(context: RunContext, steps: Step[], deviceSeed: number): Promise<void> {
  const devices = [context.device(deviceSeed), context.device(deviceSeed + 1)] as const;
  const view = () => context.stack.sim.state.mailbox(context.upn)!;
  const wellKnown = Object.fromEntries(Object.entries(wellKnownNames).map(([kind, n]) => [kind, view().folder(n)?.id as string | undefined])) as WellKnownFolderIds;
  // Conversation History is well-known to Graph, not a device kind (`other`): Graph refuses to move or
  // delete it, which the device sees as not_allowed. The steps act on the user's own folders.
  const wellKnownIds = new Set([...Object.values(wellKnown), view().folder('conversationhistory')?.id as string | undefined]);
  const userFolders = () => view().folders().map((f) => String(f.id)).filter((id) => !wellKnownIds.has(id));
  const anyFolder = () => view().folders().map((f) => String(f.id));
  const chosen = (list: string[], index: number) => (list.length === 0 ? undefined : list[index % list.length]);
  const childrenNamed = (parentId: string, wanted: string) =>
    view().folders().filter((f) => f.parentFolderId === parentId && String(f.displayName).toLowerCase() === wanted.toLowerCase());
  /** The command through the device's rule table; `not_allowed` (shown to the user) is undefined, when allowed. */
  async function run<T>(d: ReferenceDevice, command: string, body: Record<string, unknown>, notAllowedIsFine = false) {
    try {
      return await d.command<T>(command, body);
    } catch (error) {
      if (notAllowedIsFine && error instanceof DeviceStopped && error.code === 'not_allowed') return undefined;
      throw error;
    }
  }

  for (const s of steps) {
    const d = devices[s.device];
    switch (s.kind) {
      case 'sync':
        await d.syncFoldersOnce();
        break;
      case 'create': {
        const parent = chosen([wellKnown.root!, ...anyFolder()], s.parent)!;
        const before = childrenNamed(parent, names[s.name]!).map((f) => String(f.id));
        const result = await run(d, 'folders/create', { ...(parent === wellKnown.root ? {} : { parentId: parent }), name: names[s.name] });
        expect(result?.kind).toBe('ok');
        const answer = foldersCreateResponse.parse(result!.kind === 'ok' ? result!.body : undefined);
        // Repeated creates (the device's repeats after lost answers included) leave one folder.
        expect(childrenNamed(parent, names[s.name]!).map((f) => String(f.id))).toEqual([answer.folder.id]);
        if (before.length > 0) expect([answer.existed, answer.folder.id]).toEqual([true, before[0]]);
        break;
      }
      case 'rename': {
        const id = chosen(userFolders(), s.pick);
        if (!id) break;
        const result = await run(d, 'folders/rename', { id, name: names[s.name] }, true);
        if (result) expect([result.kind, view().folder(id)?.displayName]).toEqual(['ok', names[s.name]]);
        break;
      }
      case 'move': {
        const id = chosen(userFolders(), s.pick);
        const to = chosen([wellKnown.root!, ...anyFolder()], s.to);
        if (!id || !to) break;
        const result = await run(d, 'folders/move', { id, ...(to === wellKnown.root ? {} : { parentId: to }) }, true);
        if (result) expect([result.kind, view().folder(id)?.parentFolderId]).toEqual(['ok', to]);
        break;
      }
      case 'delete': {
        const id = chosen(userFolders(), s.pick);
        if (!id) break;
        const result = await run(d, 'folders/delete', { id });
        // A repeat after a lost answer finds it gone: folder_not_found, the collection dropped. Gone either way.
        expect(result?.kind === 'ok' || (result?.kind === 'stop' && result.code === 'folder_not_found')).toBe(true);
        expect(view().folder(id)).toBeUndefined();
        break;
      }
      case 'markRead': {
        const folderId = chosen(anyFolder(), s.pick)!;
        let receivedBefore: string | undefined;
        for (let call = 0; call < 20; call++) {
          const result = await run(d, 'folders/markRead', { folderId, ...(receivedBefore ? { receivedBefore } : {}) });
          expect(result?.kind).toBe('ok');
          const answer = foldersMarkReadResponse.parse(result!.kind === 'ok' ? result!.body : undefined);
          receivedBefore = answer.receivedBefore;
          if (!answer.more) break;
        }
        const unread = (view().messages(folderId) as Array<{ isRead: boolean; receivedDateTime: string }>).filter((m) => !m.isRead && m.receivedDateTime < receivedBefore!);
        expect(unread).toEqual([]);
        break;
      }
      case 'empty': {
        const folderId = s.junk ? wellKnown.junk! : wellKnown.deleted!;
        for (let call = 0; call < 20; call++) {
          const result = await run(d, 'folders/empty', { folderId });
          expect(result?.kind).toBe('ok');
          if (!foldersEmptyResponse.parse(result!.kind === 'ok' ? result!.body : undefined).more) break;
        }
        expect([view().messages(folderId).length, view().folders().filter((f) => f.parentFolderId === folderId).length]).toEqual([0, 0]);
        break;
      }
    }
    if (s.kind !== 'sync') for (const other of devices) other.noticeMailboxChanged(); // the push a change brings
  }
  await context.faults.off();

  const expected = new Map<string, Folder>(view().folders().map((f) => [String(f.id), toDeviceFolder(f as MailFolder, wellKnown)]));
  for (const other of devices as readonly ReferenceDevice[]) {
    await other.syncFolders(20);
    expect(new Map(other.folders.items)).toEqual(expected);
  }
}
