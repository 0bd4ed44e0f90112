import fc from 'fast-check';
import { applyMailboxChange, bodyPreferenceArbitrary, mailboxChangeArbitraries, type MailboxChange } from '../../device/mailboxChanges';
import { describeMoveMissTally, expectFolderHealed, newMoveMissTally, tallyRun, type Healing } from '../../device/moveMissHealing';
import type { ReferenceDevice } from '../../device/referenceDevice';
import type { BodyPreference } from '../../../shared/protocol/schemas/mail';
import type { ConvergenceCollection } from '../convergenceCollection';

/**
 * Mail: two devices of one user sync two folders (the Inbox and the Archive) with mail/sync, each with
 * its own random windows and body type, while the mailbox changes through Graph as in Foundation 2's
 * convergence property (deliveries, mail from bob, read, flag, categories, moves out, in and back,
 * deletes, forced token expiry, partial items). At the end every device holds exactly each folder,
 * field by field, and no message in two folders. The simulator's immutable-id move miss is on
 * (mgdc#72): the final check (test/device/moveMissHealing.ts) allows a full round only where a message
 * moved back after a device saw it leave; a message moved out and back between two syncs must be healed
 * by Ferry's check of removed ids. `report` says which cure healed how many runs. A device sometimes
 * loses Ferry's answer on the way (`lose`) and repeats its previous state, as after no answer; with
 * Graph's short pages (`shortPages`, half the runs) an answer drains several pages, so the repeat may
 * carry a link older than the generations Graph keeps (mgdc#7975) and become a reset round.
 */
type Step = MailboxChange | { kind: 'sync'; device: 0 | 1; folder: 0 | 1; window: number; lose: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    // Half the steps are device syncs, so Ferry meets enough faults in every run.
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device: fc.constantFrom(0 as const, 1 as const),
      folder: fc.constantFrom(0 as const, 1 as const),
      window: fc.integer({ min: 1, max: 12 }),
      // One sync in five loses its answer.
      lose: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
  },
  ...mailboxChangeArbitraries,
);
type Args = [Step[], [BodyPreference, BodyPreference], number, number, boolean];

const tally = newMoveMissTally();

export const mailConvergence: ConvergenceCollection<Args> = {
  name: 'mail',
  arbitraries: [fc.array(step, { minLength: 1, maxLength: 30, size: 'max' }), fc.tuple(bodyPreferenceArbitrary, bodyPreferenceArbitrary), fc.integer({ min: 10, max: 50 }), fc.nat(), fc.boolean()],
  async run(context, [steps, bodies, finalWindow, deviceSeed, shortPages]) {
    const { upn } = context;
    context.stack.sim.state.setFlags({ immutableIdMoveMiss: true });
    const missesAtStart = context.stack.sim.state.moveMisses(upn);
    const view = () => context.stack.sim.state.mailbox(upn)!;
    const folders = [String(view().folder('inbox')!.id), String(view().folder('archive')!.id)] as const;
    const devices = [context.device(deviceSeed), context.device(deviceSeed + 1)] as const;
    const [target, other] = folders;

    const changes = { stack: context.stack, upn, target, other, graph: context.graph };
    // Short pages for the whole run, final syncs included; the flag is global, so it is put back after.
    context.stack.sim.state.setFlags({ shortPages });
    const healings: Healing[] = [];
    try {
      for (const s of steps) {
        if (s.kind === 'sync') {
          if (s.lose) devices[s.device].loseNextAnswer();
          await devices[s.device].syncMailOnce(folders[s.folder], { window: s.window, body: bodies[s.device] });
        } else {
          await applyMailboxChange(s, changes);
          for (const device of devices) device.noticeMailboxChanged(); // the push a change notification brings
        }
      }
      await context.faults.off();
      await context.stack.sim.state.deliveriesSettled();
      for (const device of devices) device.noticeMailboxChanged(); // mail delivered late is notified when it lands

      for (const [index, device] of (devices as readonly ReferenceDevice[]).entries()) {
        for (const folder of folders) {
          healings.push(await expectFolderHealed({ stack: context.stack, upn, device, folderId: folder, window: finalWindow, body: bodies[index]!, maxCalls: 20 }, missesAtStart));
        }
        const inBoth = [...device.mail.get(target)!.replica.items.keys()].filter((id) => device.mail.get(other)!.replica.items.has(id));
        expect(inBoth).toEqual([]);
      }
    } finally {
      context.stack.sim.state.setFlags({ shortPages: false });
    }
    tallyRun(tally, healings, missesAtStart, context.stack.sim.state.moveMisses(upn));
  },
  report: () => describeMoveMissTally('chaos mail', tally),
};
