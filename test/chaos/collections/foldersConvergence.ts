import type { MailFolder } from '@microsoft/microsoft-graph-types';
import fc from 'fast-check';
import type { Folder } from '../../../shared/protocol/schemas/folders';
import { toDeviceFolder } from '../../../shared/translate/toDeviceFolder';
import type { WellKnownFolderIds } from '../../../shared/translate/wellKnownFolderIds';
import type { ReferenceDevice } from '../../device/referenceDevice';
import type { ConvergenceCollection } from '../convergenceCollection';

/**
 * Folders: two devices of one user sync the folder tree (folders/sync) while the tree changes through
 * Graph: folders created, renamed, moved and deleted. At the end every device holds exactly the tree.
 */
type Step =
  | { kind: 'sync'; device: 0 | 1 }
  | { kind: 'create'; parent: number; name: number }
  | { kind: 'rename'; pick: number; name: number }
  | { kind: 'move'; pick: number; to: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'expireTokens' };

const pick = fc.nat({ max: 1000 });
const device = fc.constantFrom(0 as const, 1 as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), parent: pick, name: fc.nat({ max: 7 }) }) },
  fc.record({ kind: fc.constant('rename' as const), pick, name: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('move' as const), pick, to: pick }),
  fc.record({ kind: fc.constant('delete' as const), pick }),
  fc.record({ kind: fc.constant('expireTokens' as const) }),
);
const names = ['Trips', 'Receipts', 'Family', 'Projects', 'Ünïcödé 📁', 'Old', 'Newsletters', 'Taxes 2025'];
const wellKnownNames = { inbox: 'inbox', drafts: 'drafts', sent: 'sentitems', deleted: 'deleteditems', junk: 'junkemail', archive: 'archive', outbox: 'outbox', root: 'msgfolderroot' };

export const foldersConvergence: ConvergenceCollection<[Step[], number]> = {
  name: 'folders',
  arbitraries: [fc.array(step, { minLength: 1, maxLength: 30, size: 'max' }), fc.nat()],
  async run(context, [steps, deviceSeed]) {
    const devices = [context.device(deviceSeed), context.device(deviceSeed + 1)] as const;
    const view = () => context.stack.sim.state.mailbox(context.upn)!;
    const wellKnown = Object.fromEntries(Object.entries(wellKnownNames).map(([kind, name]) => [kind, view().folder(name)?.id as string | undefined])) as WellKnownFolderIds;
    const wellKnownIds = new Set(Object.values(wellKnown));
    const userFolders = () => view().folders().map((f) => String(f.id)).filter((id) => !wellKnownIds.has(id));
    const anyFolder = () => view().folders().map((f) => String(f.id));
    const chosen = (list: string[], index: number) => (list.length === 0 ? undefined : list[index % list.length]);
    const path = (id: string) => `/me/mailFolders/${encodeURIComponent(id)}`;

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
  },
};

