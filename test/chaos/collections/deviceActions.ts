import fc from 'fast-check';
import { describeMoveMissTally, expectFolderHealed, newMoveMissTally, tallyRun, type Healing } from '../../device/moveMissHealing';
import type { BulkOutcome, ReferenceDevice } from '../../device/referenceDevice';
import type { BodyPreference } from '../../../shared/protocol/schemas/mail';
import type { ConvergenceCollection, RunContext } from '../convergenceCollection';

/**
 * The devices' own changes: two devices of one user sync four folders (Inbox, Archive, Deleted Items,
 * Junk) and, between syncs, update, move and delete mail with the bulk commands, following the
 * per-item rule (test/device/referenceDevice.ts `bulk`), while Graph faults under the chaos profile.
 * After each command, every id the device took as done must show it in the mailbox (read, flag,
 * categories; the folder a move names; a delete out of its folder), `not_found` only for ids the
 * mailbox does not hold; an id the device gave up on (`failed` past its rule) may be either way. At
 * the end, faults off, every device holds exactly each folder, field by field.
 */
type Action =
  | { kind: 'update'; set: Record<string, unknown> }
  | { kind: 'move'; destination: 'inbox' | 'archive' | 'deleted' | 'junk' | 'byId' }
  | { kind: 'delete'; permanent: boolean };
type Step = { kind: 'sync'; device: 0 | 1; folder: number; window: number } | { kind: 'act'; device: 0 | 1; picks: number[]; unknown: boolean; action: Action };

const folderNames = ['inbox', 'archive', 'deleteditems', 'junkemail'] as const;
const destinationNames = { inbox: 'inbox', archive: 'archive', deleted: 'deleteditems', junk: 'junkemail', byId: 'archive' } as const;
const device = fc.constantFrom(0 as const, 1 as const);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('update' as const),
    set: fc.oneof(
      fc.record({ read: fc.boolean() }),
      fc.record({ flag: fc.constantFrom('none', 'flagged', 'complete') }),
      fc.record({ categories: fc.subarray(['Red', 'Blue', 'Travel']) }),
      fc.record({ addCategories: fc.subarray(['Red', 'Blue'], { minLength: 1 }), removeCategories: fc.subarray(['Travel']) }),
      fc.record({ read: fc.boolean(), flag: fc.constantFrom('none', 'flagged') }),
    ),
  }),
  fc.record({ kind: fc.constant('move' as const), destination: fc.constantFrom('inbox' as const, 'archive' as const, 'deleted' as const, 'junk' as const, 'byId' as const) }),
  fc.record({ kind: fc.constant('delete' as const), permanent: fc.boolean() }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, folder: fc.nat({ max: folderNames.length - 1 }), window: fc.integer({ min: 1, max: 12 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('act' as const), device, picks: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 6 }), unknown: fc.boolean(), action }),
  },
);
type Args = [Step[], number, BodyPreference];

const tally = newMoveMissTally();
/** Final per-id results over all runs, and ids the device sent more than once (the per-item rule at work). */
const results = { ok: 0, not_found: 0, failed: 0, repeated: 0 };
const flagStatuses: Record<string, string> = { none: 'notFlagged', flagged: 'flagged', complete: 'complete' };

interface GraphMessage {
  id: string;
  parentFolderId: string;
  isRead: boolean;
  flag: { flagStatus: string };
  categories: string[];
}

export const deviceActions: ConvergenceCollection<Args> = {
  name: 'device actions',
  arbitraries: [fc.array(step, { minLength: 1, maxLength: 24, size: 'max' }), fc.nat(), fc.constantFrom<BodyPreference>({ type: 'none' }, { type: 'text', maxChars: 40 })],
  async run(context, [steps, deviceSeed, body]) {
    const { upn } = context;
    const missesAtStart = context.stack.sim.state.moveMisses(upn);
    const view = () => context.stack.sim.state.mailbox(upn)!;
    const folders = folderNames.map((name) => String(view().folder(name)!.id));
    const devices = [context.device(deviceSeed), context.device(deviceSeed + 1)] as const;
    for (const s of steps) {
      if (s.kind === 'sync') await devices[s.device].syncMailOnce(folders[s.folder]!, { window: s.window, body });
      else {
        await act(context, devices[s.device], s, folders);
        for (const d of devices) d.noticeMailboxChanged();
      }
    }
    await context.faults.off();
    const healings: Healing[] = [];
    for (const d of devices as readonly ReferenceDevice[]) {
      for (const folderId of folders) healings.push(await expectFolderHealed({ stack: context.stack, upn, device: d, folderId, window: 50, body, maxCalls: 20 }, missesAtStart));
      const seen = new Map<string, string>();
      for (const folderId of folders) for (const id of d.mail.get(folderId)!.replica.items.keys()) expect([id, seen.get(id)]).toEqual([id, undefined]), seen.set(id, folderId);
    }
    tallyRun(tally, healings, missesAtStart, context.stack.sim.state.moveMisses(upn));
  },
  report: () =>
    `${describeMoveMissTally('chaos device actions', tally)}; bulk results: ${results.ok} ok, ${results.not_found} not_found, ${results.failed} failed, ${results.repeated} ids repeated by the per-item rule`,
};

/** One bulk command of the device, then its results checked against the mailbox. */
async function act(context: RunContext, device: ReferenceDevice, s: Extract<Step, { kind: 'act' }>, folders: string[]): Promise<void> {
  const view = context.stack.sim.state.mailbox(context.upn)!;
  const visible = new Set(folders);
  const messages = folders.flatMap((folder) => view.messages(folder) as unknown as GraphMessage[]);
  if (messages.length === 0) return;
  const ids = [...new Set(s.picks.map((pick) => messages[pick % messages.length]!.id))];
  const unknownId = 'AAMkAGChaosUnknownMessage';
  if (s.unknown) ids.splice(ids.length >> 1, 0, unknownId);
  const before = new Map(messages.map((m) => [m.id, m]));
  const { action } = s;
  let outcome: BulkOutcome;
  if (action.kind === 'update') outcome = await device.bulk('mail/update', { ids, set: action.set });
  else if (action.kind === 'move') {
    const destinationId = action.destination === 'byId' ? String(view.folder('archive')!.id) : action.destination;
    outcome = await device.bulk('mail/move', { ids, destinationId });
  } else outcome = await device.bulk('mail/delete', { ids, ...(action.permanent ? { permanent: true } : {}) });
  expect(outcome.stop).toBeUndefined();
  for (const result of outcome.results.values()) results[result.status ?? 'ok']++;
  results.repeated += outcome.rounds.slice(1).reduce((sum, round) => sum + round.length, 0);

  const after = context.stack.sim.state.mailbox(context.upn)!;
  const deletedItems = String(after.folder('deleteditems')!.id);
  for (const id of ids) {
    const result = outcome.results.get(id)!;
    const now = after.message(id) as unknown as GraphMessage | undefined;
    const label = `${action.kind} ${JSON.stringify(action)} of ${id}: ${JSON.stringify(result)}`;
    if (result.status === 'not_found') {
      expect([label, before.has(id)]).toEqual([label, false]);
      continue;
    }
    if (result.status === 'failed') continue;
    expect([label, before.has(id)]).toEqual([label, true]);
    if (action.kind === 'update') {
      const set = action.set as { read?: boolean; flag?: string; categories?: string[]; addCategories?: string[]; removeCategories?: string[] };
      if (set.read !== undefined) expect([label, now!.isRead]).toEqual([label, set.read]);
      if (set.flag !== undefined) expect([label, now!.flag.flagStatus]).toEqual([label, flagStatuses[set.flag]]);
      if (set.categories !== undefined) expect([label, now!.categories]).toEqual([label, set.categories]);
      for (const category of set.addCategories ?? []) expect([label, now!.categories]).toEqual([label, expect.arrayContaining([category])]);
      for (const category of set.removeCategories ?? []) expect([label, now!.categories.includes(category)]).toEqual([label, false]);
    } else if (action.kind === 'move') {
      const target = String(after.folder(destinationNames[action.destination])!.id);
      expect([label, now!.parentFolderId, result.folderId]).toEqual([label, target, target]);
    } else if (action.permanent || before.get(id)!.parentFolderId === deletedItems) {
      expect([label, visible.has(now?.parentFolderId ?? '')]).toEqual([label, false]);
    } else if (result.folderId !== undefined) {
      expect([label, now!.parentFolderId, result.folderId]).toEqual([label, deletedItems, deletedItems]);
    } else {
      // Moved to Deleted Items by a try whose answer was lost, then deleted there by the repeat.
      expect([label, outcome.rounds.length > 1, visible.has(now?.parentFolderId ?? '')]).toEqual([label, true, false]);
    }
  }
}
