import type { MailFolder } from '@microsoft/microsoft-graph-types';
import fc from 'fast-check';
import type { Folder } from '../../../shared/protocol/schemas/folders';
import { toDeviceFolder } from '../../../shared/translate/toDeviceFolder';
import type { WellKnownFolderIds } from '../../../shared/translate/wellKnownFolderIds';
import type { ReferenceDevice } from '../../device/referenceDevice';
import type { ConvergenceCollection, RunContext } from '../convergenceCollection';

/**
 * Folders: two devices of one user sync the folder tree (folders/sync) while the tree changes through
 * Graph: folders created, renamed, moved and deleted, and their counts changed by mail read, delivered
 * and moved. At the end every device holds exactly the tree, counts included. Each run draws whether
 * Graph's folder delta reports a change of counts alone (the simulator's `folderCountsStale`,
 * UNVERIFIED): Ferry must keep counts fresh either way.
 */
type Step =
  | { kind: 'sync'; device: 0 | 1 }
  | { kind: 'create'; parent: number; name: number }
  | { kind: 'rename'; pick: number; name: number }
  | { kind: 'move'; pick: number; to: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'readMail'; pick: number }
  | { kind: 'deliverMail'; to: number }
  | { kind: 'moveMail'; pick: number; to: number }
  | { kind: 'expireTokens' };

const pick = fc.nat({ max: 1000 });
const device = fc.constantFrom(0 as const, 1 as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), parent: pick, name: fc.nat({ max: 7 }) }) },
  fc.record({ kind: fc.constant('rename' as const), pick, name: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('move' as const), pick, to: pick }),
  fc.record({ kind: fc.constant('delete' as const), pick }),
  fc.record({ kind: fc.constant('readMail' as const), pick }),
  fc.record({ kind: fc.constant('deliverMail' as const), to: pick }),
  fc.record({ kind: fc.constant('moveMail' as const), pick, to: pick }),
  fc.record({ kind: fc.constant('expireTokens' as const) }),
);
const names = ['Trips', 'Receipts', 'Family', 'Projects', 'Ünïcödé 📁', 'Old', 'Newsletters', 'Taxes 2025'];
const wellKnownNames = { inbox: 'inbox', drafts: 'drafts', sent: 'sentitems', deleted: 'deleteditems', junk: 'junkemail', archive: 'archive', outbox: 'outbox', root: 'msgfolderroot' };

export const foldersConvergence: ConvergenceCollection<[Step[], number, boolean]> = {
  name: 'folders',
  arbitraries: [fc.array(step, { minLength: 1, maxLength: 30, size: 'max' }), fc.nat(), fc.boolean()],
  async run(context, [steps, deviceSeed, folderCountsStale]) {
    context.stack.sim.state.setFlags({ folderCountsStale });
    try {
      await runSteps(context, steps, deviceSeed);
    } finally {
      context.stack.sim.state.setFlags({ folderCountsStale: false });
    }
  },
};

async function runSteps(context: RunContext, steps: Step[], deviceSeed: number): Promise<void> {
  const devices = [context.device(deviceSeed), context.device(deviceSeed + 1)] as const;
  const view = () => context.stack.sim.state.mailbox(context.upn)!;
  const wellKnown = Object.fromEntries(Object.entries(wellKnownNames).map(([kind, name]) => [kind, view().folder(name)?.id as string | undefined])) as WellKnownFolderIds;
  const wellKnownIds = new Set(Object.values(wellKnown));
  const userFolders = () => view().folders().map((f) => String(f.id)).filter((id) => !wellKnownIds.has(id));
  const anyFolder = () => view().folders().map((f) => String(f.id));
  const chosen = (list: string[], index: number) => (list.length === 0 ? undefined : list[index % list.length]);
  const path = (id: string) => `/me/mailFolders/${encodeURIComponent(id)}`;
  const messages = () => view().messages() as Array<{ id: string; isRead: boolean }>;
  const messagePath = (id: string) => `/me/messages/${encodeURIComponent(id)}`;

  for (const s of steps) {
    switch (s.kind) {
      case 'sync':
        await devices[s.device].syncFoldersOnce();
        break;
      case 'create': {
        const parent = chosen([wellKnown.root!, ...anyFolder()], s.parent)!;
        const target = parent === wellKnown.root ? '/me/mailFolders' : `${path(parent)}/childFolders`;
        await context.graph('POST', target, { displayName: names[s.name] });
        break;
      }
      case 'rename': {
        const id = chosen(userFolders(), s.pick);
        if (id) await context.graph('PATCH', path(id), { displayName: names[s.name] });
        break;
      }
      case 'move': {
        const id = chosen(userFolders(), s.pick);
        const to = chosen([wellKnown.root!, ...anyFolder()], s.to);
        if (id && to) await context.graph('POST', `${path(id)}/move`, { destinationId: to });
        break;
      }
      case 'delete': {
        const id = chosen(userFolders(), s.pick);
        if (id) await context.graph('DELETE', path(id));
        break;
      }
      case 'readMail': {
        const message = messages()[s.pick % Math.max(1, messages().length)];
        if (message) await context.graph('PATCH', messagePath(message.id), { isRead: !message.isRead });
        break;
      }
      case 'deliverMail':
        context.stack.sim.state.simulateArrival(context.upn, { folder: chosen(anyFolder(), s.to)!, isRead: s.to % 3 === 0 });
        break;
      case 'moveMail': {
        const message = messages()[s.pick % Math.max(1, messages().length)];
        if (message) await context.graph('POST', `${messagePath(message.id)}/move`, { destinationId: chosen(anyFolder(), s.to)! });
        break;
      }
      case 'expireTokens':
        context.stack.sim.state.expireDeltaTokens(context.upn);
        break;
    }
    if (s.kind !== 'sync') for (const d of devices) d.noticeMailboxChanged(); // the push a change notification brings
  }
  await context.faults.off();

  const expected = new Map<string, Folder>(view().folders().map((f) => [String(f.id), toDeviceFolder(f as MailFolder, wellKnown)]));
  for (const d of devices as readonly ReferenceDevice[]) {
    await d.syncFolders(20);
    expect(new Map(d.folders.items)).toEqual(expected);
  }
}

