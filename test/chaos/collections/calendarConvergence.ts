import fc from 'fast-check';
import { applyCalendarChange, calendarChangeArbitraries, calendarWindowOf, expectCalendarConverged, type CalendarChange } from '../../device/calendarChanges';
import type { ReferenceDevice } from '../../device/referenceDevice';
import type { ConvergenceCollection } from '../convergenceCollection';

/**
 * Calendar: two devices of one user sync the primary calendar with calendar/sync, each over its own
 * random window and zone, while another client changes the calendar (test/device/calendarChanges.ts:
 * singles, series of every pattern, exceptions, occurrences and deletions, moves across the window's
 * edges, expired tokens) and Graph faults as the chaos profile says (its oddities too: partial items,
 * an item twice in a page, `@removed` for events outside the window). The simulator sends occurrence
 * stubs and masters in the delta (its defaults), so Ferry completes occurrences from their masters. A
 * device sometimes loses Ferry's answer and repeats its previous state. At the end every device holds
 * exactly the calendarView of its window plus its masters, field by field: nothing lost, nothing
 * doubled (the reference device refuses an answer naming an id twice).
 */
type Step = CalendarChange | { kind: 'sync'; device: 0 | 1; window: number; lose: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    // Half the steps are device syncs, so Ferry meets enough faults in every run.
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device: fc.constantFrom(0 as const, 1 as const),
      window: fc.integer({ min: 1, max: 30 }),
      lose: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
  },
  ...calendarChangeArbitraries,
);
// Windows up to 120 days keep a run's syncs within the suite's bounds under faults (the property suite draws up to 200).
const windowArbitrary = fc.record({ back: fc.integer({ min: 0, max: 60 }), days: fc.integer({ min: 1, max: 120 }) });
const zone = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata');
type Args = [Step[], [{ back: number; days: number }, { back: number; days: number }], [string, string], number, number];

const dayInMs = 24 * 3600 * 1000;

export const calendarConvergence: ConvergenceCollection<Args> = {
  name: 'calendar',
  arbitraries: [fc.array(step, { minLength: 1, maxLength: 30, size: 'max' }), fc.tuple(windowArbitrary, windowArbitrary), fc.tuple(zone, zone), fc.integer({ min: 10, max: 50 }), fc.nat()],
  async run(context, [steps, windows, zones, finalWindow, deviceSeed]) {
    const { upn, stack } = context;
    const today = Math.floor(Date.now() / dayInMs) * dayInMs;
    const devices = [context.device(deviceSeed), context.device(deviceSeed + 1)] as const;
    const choices = [0, 1].map((i) => ({ ...calendarWindowOf(windows[i]!, today), timeZone: zones[i]! }));
    const started = [false, false];
    for (const s of steps) {
      if (s.kind === 'sync') {
        if (s.lose) devices[s.device].loseNextAnswer();
        await devices[s.device].syncCalendarOnce(started[s.device] ? undefined : choices[s.device], { window: s.window });
        started[s.device] = true;
      } else {
        applyCalendarChange(s, stack, upn, today);
        for (const device of devices) device.noticeMailboxChanged(); // the push a change notification brings
      }
    }
    await context.faults.off();
    for (const [index, device] of (devices as readonly ReferenceDevice[]).entries()) {
      device.noticeMailboxChanged();
      await device.syncCalendar(started[index] ? undefined : choices[index], { window: finalWindow, maxCalls: 20 });
      expectCalendarConverged(stack, upn, device, !stack.sim.state.flags.calendarMastersInDelta);
    }
  },
};
