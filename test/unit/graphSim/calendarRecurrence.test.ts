import type { RecurrenceRecord } from '../../../dev/graphSim/resources/calendar/calendarTypes';
import { expandSeries } from '../../../dev/graphSim/resources/calendar/expandRecurrence';

/**
 * The simulator's series expansion (rrule and luxon) against Graph's recurrence docs:
 * https://learn.microsoft.com/graph/api/resources/recurrencepattern (daily, weekly, absoluteMonthly,
 * relativeMonthly, absoluteYearly, relativeYearly) and
 * https://learn.microsoft.com/graph/api/resources/recurrencerange (endDate, noEnd, numbered;
 * recurrenceTimeZone: "the time zone for the startDate and endDate properties").
 */
const iso = (ms: number) => new Date(ms).toISOString();
const expand = (start: string, recurrence: RecurrenceRecord, timeZone = 'UTC', isAllDay = false) => expandSeries({ startMs: Date.parse(start), isAllDay, timeZone, recurrence }).map(iso);

describe('graphSim recurrence expansion', () => {
  it('daily every 2 days, numbered', () => {
    expect(expand('2026-03-02T09:00:00Z', { pattern: { type: 'daily', interval: 2 }, range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 3 } })).toEqual([
      '2026-03-02T09:00:00.000Z', '2026-03-04T09:00:00.000Z', '2026-03-06T09:00:00.000Z',
    ]);
  });

  it('weekly on Monday and Thursday, every other week from the firstDayOfWeek, to an end date (inclusive)', () => {
    expect(
      expand('2026-03-02T09:00:00Z', { pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'sunday' }, range: { type: 'endDate', startDate: '2026-03-02', endDate: '2026-03-16' } }),
    ).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-05T09:00:00.000Z', '2026-03-16T09:00:00.000Z']);
  });

  it('absoluteMonthly on day 31 falls on the last day of shorter months', () => {
    expect(expand('2026-01-31T12:00:00Z', { pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 }, range: { type: 'numbered', startDate: '2026-01-31', numberOfOccurrences: 4 } })).toEqual([
      '2026-01-31T12:00:00.000Z', '2026-02-28T12:00:00.000Z', '2026-03-31T12:00:00.000Z', '2026-04-30T12:00:00.000Z',
    ]);
  });

  it('relativeMonthly: the last Friday; the first weekday', () => {
    expect(expand('2026-01-30T12:00:00Z', { pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, range: { type: 'numbered', startDate: '2026-01-01', numberOfOccurrences: 3 } })).toEqual([
      '2026-01-30T12:00:00.000Z', '2026-02-27T12:00:00.000Z', '2026-03-27T12:00:00.000Z',
    ]);
    const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
    expect(expand('2026-02-02T08:00:00Z', { pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: weekdays, index: 'first' }, range: { type: 'numbered', startDate: '2026-02-01', numberOfOccurrences: 3 } })).toEqual([
      '2026-02-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z', '2026-04-01T08:00:00.000Z',
    ]);
  });

  it('absoluteYearly and relativeYearly', () => {
    expect(expand('2026-03-15T10:00:00Z', { pattern: { type: 'absoluteYearly', interval: 1, month: 3, dayOfMonth: 15 }, range: { type: 'numbered', startDate: '2026-03-15', numberOfOccurrences: 2 } })).toEqual([
      '2026-03-15T10:00:00.000Z', '2027-03-15T10:00:00.000Z',
    ]);
    // Thanksgiving: the fourth Thursday of November.
    expect(expand('2026-11-26T17:00:00Z', { pattern: { type: 'relativeYearly', interval: 1, month: 11, daysOfWeek: ['thursday'], index: 'fourth' }, range: { type: 'numbered', startDate: '2026-11-01', numberOfOccurrences: 2 } })).toEqual([
      '2026-11-26T17:00:00.000Z', '2027-11-25T17:00:00.000Z',
    ]);
  });

  it('noEnd goes on (capped), and keeps the wall time of the recurrence zone across DST', () => {
    // 09:00 in New York: 14:00Z in winter, 13:00Z after 2026-03-08 (DST starts).
    const starts = expand('2026-03-02T14:00:00Z', { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'noEnd', startDate: '2026-03-02' } }, 'America/New_York');
    expect(starts.slice(0, 3)).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-16T13:00:00.000Z']);
    expect(starts.length).toBeGreaterThan(500);
    // recurrenceTimeZone decides, not the event's zone.
    const berlinRecurrence = expand('2026-03-02T14:00:00Z', { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 2, recurrenceTimeZone: 'Europe/Berlin' } }, 'America/New_York');
    expect(berlinRecurrence).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-09T14:00:00.000Z']);
    const berlin = expand('2026-03-23T08:00:00Z', { pattern: { type: 'daily', interval: 7 }, range: { type: 'numbered', startDate: '2026-03-23', numberOfOccurrences: 2 } }, 'Europe/Berlin');
    expect(berlin).toEqual(['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('all-day series step whole UTC days', () => {
    expect(expand('2026-03-02T00:00:00Z', { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 3 } }, 'America/New_York', true)).toEqual([
      '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z',
    ]);
  });
});
