import fc from 'fast-check';
import { ReferenceDevice } from '../device/referenceDevice';
import { applyCalendarChange, calendarChangeArbitraries, calendarWindowArbitrary, calendarWindowOf, expectCalendarConverged, type CalendarChange } from '../device/calendarChanges';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * Convergence of calendar/sync: whatever another client does to the primary calendar (singles, series
 * of every pattern, exceptions, occurrences and events moved across the window's edges, deletions,
 * expired delta tokens), under partial delta items, short pages, occurrence stubs and masters in or out
 * of the delta, with random windows and answer sizes, a device that follows only docs/device-api.md
 * and is told of each change (a notice per change) ends with the plain calendarView of its window plus
 * the masters of what is in it, field by field. With masters out of the delta, a master whose
 * instances all left may stay until the full round (nothing reports it gone).
 * Runs: FERRY_CONVERGENCE_RUNS (default 100); seed: FERRY_CONVERGENCE_SEED. A fresh calendar per run.
 */
const runs = Number(process.env.FERRY_CONVERGENCE_RUNS ?? 100);
const seed = Number(process.env.FERRY_CONVERGENCE_SEED ?? 20261208);
const upn = 'alice@contoso.test';
const dayInMs = 24 * 3600 * 1000;

type Step = CalendarChange | { kind: 'sync'; window: number };
const step: fc.Arbitrary<Step> = fc.oneof({ weight: 6, arbitrary: fc.record({ kind: fc.constant('sync' as const), window: fc.integer({ min: 1, max: 50 }) }) }, ...calendarChangeArbitraries);
const flagsArbitrary = fc.record({ partialUpdates: fc.boolean(), shortPages: fc.boolean(), calendarOccurrenceStubs: fc.boolean(), calendarMastersInDelta: fc.boolean(), removedOutsideWindow: fc.boolean() });

describe('calendar/sync convergence (property)', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: [{ user: upn, messageCount: 2, folderCount: 0 }, { user: 'bob@contoso.test', messageCount: 1, folderCount: 0 }] } });
    token = await stack.token(upn);
  });
  afterAll(async () => {
    stack.sim.state.setFlags({ partialUpdates: false, shortPages: false, calendarOccurrenceStubs: true, calendarMastersInDelta: true, removedOutsideWindow: false });
    await stack.close();
  });

  it(`a device converges to the calendarView of its window plus its masters (${runs} runs)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), calendarWindowArbitrary, fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'), flagsArbitrary, async (steps, windowChoice, timeZone, flags) => {
        stack.sim.state.replaceMailbox({ user: upn, messageCount: 2, folderCount: 0, seed: ++run });
        stack.sim.state.setFlags(flags);
        const today = Math.floor(Date.now() / dayInMs) * dayInMs;
        const device = new ReferenceDevice({ hostUrl: stack.hostUrl, getToken: async () => token });
        const choice = { ...calendarWindowOf(windowChoice, today), timeZone };
        let first = true;
        for (const s of steps) {
          if (s.kind === 'sync') {
            await device.syncCalendarOnce(first ? choice : undefined, { window: s.window });
            first = false;
          } else {
            applyCalendarChange(s, stack, upn, today);
            device.noticeMailboxChanged(); // the push a change notification brings
          }
        }
        device.noticeMailboxChanged();
        await device.syncCalendar(first ? choice : undefined, { window: 50, maxCalls: 40 });
        expectCalendarConverged(stack, upn, device, !flags.calendarMastersInDelta);
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  }, 600_000);
});
