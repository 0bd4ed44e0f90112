import fc from 'fast-check';
import type { RecurrenceRecord } from '../../dev/graphSim/resources/calendar/calendarTypes';
import type { Event } from '../../shared/protocol/schemas/calendar';
import type { Stack } from '../helpers/startStack';
import { expectedCalendar } from './calendarExpected';
import type { ReferenceDevice } from './referenceDevice';

/**
 * Random changes to a primary calendar as another client (Outlook) makes them, for the calendar
 * convergence suites (test/property/calendarConvergence.test.ts, test/chaos/collections/calendarConvergence.ts):
 * singles and series created, renamed and moved (across the window's edges too), occurrences changed
 * into exceptions or moved, occurrences, singles and series deleted, delta tokens expired. Targets are
 * picked by index among what exists when the change runs.
 */
export type CalendarChange =
  | { kind: 'createSingle'; dayOffset: number; hours: number; allDay: boolean }
  | { kind: 'createSeries'; dayOffset: number; pattern: number; count: number }
  | { kind: 'renameEvent'; pick: number }
  | { kind: 'moveEvent'; pick: number; days: number }
  | { kind: 'changeOccurrence'; pick: number; hours: number }
  | { kind: 'deleteOccurrence'; pick: number }
  | { kind: 'deleteEvent'; pick: number }
  | { kind: 'expireTokens' };

const dayInMs = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

const patterns: RecurrenceRecord['pattern'][] = [
  { type: 'daily', interval: 2 },
  { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'] },
  { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 },
  { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' },
  { type: 'absoluteYearly', interval: 1, month: 1, dayOfMonth: 15 },
  { type: 'relativeYearly', interval: 1, month: 6, daysOfWeek: ['tuesday'], index: 'second' },
];
const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

export const calendarChangeArbitraries: fc.WeightedArbitrary<CalendarChange>[] = [
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('createSingle' as const), dayOffset: fc.integer({ min: -90, max: 220 }), hours: fc.integer({ min: 1, max: 30 }), allDay: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('createSeries' as const), dayOffset: fc.integer({ min: -90, max: 200 }), pattern: fc.nat({ max: patterns.length - 1 }), count: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('renameEvent' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('moveEvent' as const), pick: fc.nat(), days: fc.integer({ min: -120, max: 120 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('changeOccurrence' as const), pick: fc.nat(), hours: fc.integer({ min: -2000, max: 2000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteOccurrence' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteEvent' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expireTokens' as const) }) },
];

/** A device window: start some days back, some days long. */
export const calendarWindowArbitrary = fc.record({ back: fc.integer({ min: 0, max: 60 }), days: fc.integer({ min: 1, max: 200 }) });
export function calendarWindowOf(choice: { back: number; days: number }, today: number): { start: string; end: string } {
  return { start: iso(today - choice.back * dayInMs), end: iso(today + (choice.days - choice.back) * dayInMs) };
}

export function applyCalendarChange(change: CalendarChange, stack: Stack, upn: string, today: number): void {
  const sim = stack.sim.state;
  const calendar = sim.calendar(upn)!;
  const events = calendar.events();
  const occurrences = calendar.view(iso(today - 120 * dayInMs), iso(today + 320 * dayInMs)).filter((e) => e.seriesMasterId);
  const pick = <T>(list: T[], index: number) => (list.length > 0 ? list[index % list.length] : undefined);
  const startOf = (event: Record<string, unknown>) => Date.parse(`${(event.start as { dateTime: string }).dateTime.slice(0, 19)}Z`);
  const endOf = (event: Record<string, unknown>) => Date.parse(`${(event.end as { dateTime: string }).dateTime.slice(0, 19)}Z`);
  switch (change.kind) {
    case 'createSingle': {
      const day = today + change.dayOffset * dayInMs;
      if (change.allDay) sim.simulateEventCreate(upn, { subject: `All day ${change.dayOffset}`, isAllDay: true, start: iso(day), end: iso(day + Math.ceil(change.hours / 10) * dayInMs) });
      else sim.simulateEventCreate(upn, { subject: `Single ${change.dayOffset}`, start: iso(day + 9 * 3600_000), end: iso(day + (9 + change.hours) * 3600_000), timeZone: zones[change.hours % zones.length] });
      return;
    }
    case 'createSeries': {
      const day = today + change.dayOffset * dayInMs;
      const zone = zones[change.count % zones.length]!;
      sim.simulateEventCreate(upn, {
        subject: `Series ${change.pattern}`, start: iso(day + 10 * 3600_000), end: iso(day + 11 * 3600_000), timeZone: zone,
        recurrence: { pattern: patterns[change.pattern]!, range: { type: 'numbered', startDate: iso(day).slice(0, 10), numberOfOccurrences: change.count, recurrenceTimeZone: zone } },
      });
      return;
    }
    case 'renameEvent': {
      const target = pick(events, change.pick);
      if (target) sim.simulateEventChange(upn, target.id as string, { subject: `Renamed ${change.pick}`, location: `Room ${change.pick % 7}` });
      return;
    }
    case 'moveEvent': {
      // A single or a whole series, by whole days: across the window's edges too.
      const target = pick(events, change.pick);
      if (!target) return;
      const shift = change.days * dayInMs;
      sim.simulateEventChange(upn, target.id as string, { start: iso(startOf(target) + shift), end: iso(endOf(target) + shift) });
      return;
    }
    case 'changeOccurrence': {
      const target = pick(occurrences, change.pick);
      if (!target) return;
      const shift = change.hours * 3600_000;
      sim.simulateEventChange(upn, target.id as string, { subject: `Exception ${change.pick}`, start: iso(startOf(target) + shift), end: iso(endOf(target) + shift) });
      return;
    }
    case 'deleteOccurrence': {
      const target = pick(occurrences, change.pick);
      if (target) sim.simulateEventDelete(upn, target.id as string);
      return;
    }
    case 'deleteEvent': {
      const target = pick(events, change.pick);
      if (target) sim.simulateEventDelete(upn, target.id as string);
      return;
    }
    case 'expireTokens':
      sim.expireDeltaTokens(upn);
      return;
  }
}

/**
 * The device's calendar against the plain calendarView of its window plus the masters of what is in
 * it, field by field. `masterMayLinger`: a master whose instances all left may stay until the full
 * round (masters out of the delta: nothing reports them gone); then it is the only difference allowed.
 */
export function expectCalendarConverged(stack: Stack, upn: string, device: ReferenceDevice, masterMayLinger: boolean): void {
  const window = device.calendarWindow!;
  const expected = expectedCalendar(stack.sim, upn, window, window.timeZone ?? 'UTC');
  const held = new Map<string, Event>(device.calendar.items);
  if (masterMayLinger) {
    for (const [id, event] of held) if (event.type === 'seriesMaster' && !expected.has(id)) held.delete(id);
  }
  expect(held).toEqual(expected);
}
