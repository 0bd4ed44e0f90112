import { DateTime } from 'luxon';
import { RRule, type Options, type Weekday } from 'rrule';
import type { RecurrenceRecord } from './calendarTypes';

/** Occurrences a series yields at most, and how far a `noEnd` series is expanded. */
const maxOccurrences = 5000;
const noEndYears = 10;

const weekdays: Record<string, Weekday> = { sunday: RRule.SU, monday: RRule.MO, tuesday: RRule.TU, wednesday: RRule.WE, thursday: RRule.TH, friday: RRule.FR, saturday: RRule.SA };
const weekIndex: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };

/** What expanding a series needs of its master. */
export interface SeriesStart {
  /** The master's start (epoch ms): its wall time in the recurrence zone is every occurrence's. */
  startMs: number;
  isAllDay: boolean;
  /** The event's zone (IANA), the recurrence's when the range names none. */
  timeZone: string;
  recurrence: RecurrenceRecord;
}

/**
 * Graph's patternedRecurrence (https://learn.microsoft.com/graph/api/resources/patternedrecurrence,
 * recurrencepattern, recurrencerange) as an RFC 5545 rule: the six pattern types and three range types.
 * Days of the month past the 28th fall on the month's last day when the month is shorter (Outlook's
 * "day 31 of every month"; UNVERIFIED that Exchange does so for Graph's absoluteMonthly/absoluteYearly).
 */
function ruleOptions(recurrence: RecurrenceRecord, dtstart: Date, until: Date | undefined): Partial<Options> {
  const { pattern, range } = recurrence;
  const days = (pattern.daysOfWeek ?? []).map((d) => weekdays[d.toLowerCase()]!).filter(Boolean);
  const setpos = weekIndex[pattern.index ?? 'first'] ?? 1;
  const monthDay = (day: number) => (day > 28 ? { bymonthday: Array.from({ length: day - 27 }, (_, i) => 28 + i), bysetpos: [-1] } : { bymonthday: [day] });
  const common: Partial<Options> = {
    dtstart,
    interval: Math.max(1, pattern.interval),
    wkst: weekdays[(pattern.firstDayOfWeek ?? 'sunday').toLowerCase()] ?? RRule.SU,
    ...(range.type === 'numbered' ? { count: Math.min(maxOccurrences, Math.max(1, range.numberOfOccurrences ?? 1)) } : {}),
    ...(until ? { until } : {}),
  };
  switch (pattern.type) {
    case 'daily':
      return { ...common, freq: RRule.DAILY };
    case 'weekly':
      return { ...common, freq: RRule.WEEKLY, byweekday: days.length > 0 ? days : [weekdayOf(dtstart)] };
    case 'absoluteMonthly':
      return { ...common, freq: RRule.MONTHLY, ...monthDay(pattern.dayOfMonth ?? dtstart.getUTCDate()) };
    case 'relativeMonthly':
      return { ...common, freq: RRule.MONTHLY, byweekday: days, bysetpos: [setpos] };
    case 'absoluteYearly':
      return { ...common, freq: RRule.YEARLY, bymonth: [pattern.month ?? dtstart.getUTCMonth() + 1], ...monthDay(pattern.dayOfMonth ?? dtstart.getUTCDate()) };
    case 'relativeYearly':
      return { ...common, freq: RRule.YEARLY, bymonth: [pattern.month ?? dtstart.getUTCMonth() + 1], byweekday: days, bysetpos: [setpos] };
  }
}

function weekdayOf(date: Date): Weekday {
  return [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA][date.getUTCDay()]!;
}

const cache = new WeakMap<SeriesStart, { key: string; starts: number[] }>();

/**
 * Original starts (epoch ms, ascending) of a series' occurrences, deleted ones included. The pattern is
 * stepped in wall time of the recurrence's zone (`range.recurrenceTimeZone`, else the event's) with
 * rrule, then each wall time is read in that zone with luxon: a 09:00 meeting in New York stays at 09:00
 * across a DST change (its UTC instant moves an hour), as Exchange keeps it. All-day series step whole
 * days. Cached per master until its start, zone or recurrence changes.
 */
export function expandSeries(master: SeriesStart): number[] {
  const key = JSON.stringify([master.startMs, master.isAllDay, master.timeZone, master.recurrence]);
  const cached = cache.get(master);
  if (cached?.key === key) return cached.starts;
  const zone = master.isAllDay ? 'UTC' : (master.recurrence.range.recurrenceTimeZone ?? master.timeZone);
  const wall = DateTime.fromMillis(master.startMs, { zone });
  const [y, m, d] = master.recurrence.range.startDate.split('-').map(Number) as [number, number, number];
  // rrule works on "floating" times: wall times written as UTC.
  const dtstart = new Date(Date.UTC(y, m - 1, d, wall.hour, wall.minute, wall.second));
  const { range } = master.recurrence;
  const until =
    range.type === 'endDate' && range.endDate
      ? new Date(`${range.endDate}T23:59:59Z`)
      : range.type === 'noEnd'
        ? new Date(Date.UTC(y + noEndYears, m - 1, d))
        : undefined;
  const rule = new RRule(ruleOptions(master.recurrence, dtstart, until));
  const starts = rule
    .all((_, i) => i < maxOccurrences)
    .map((f) => DateTime.fromObject({ year: f.getUTCFullYear(), month: f.getUTCMonth() + 1, day: f.getUTCDate(), hour: f.getUTCHours(), minute: f.getUTCMinutes(), second: f.getUTCSeconds() }, { zone }).toMillis());
  cache.set(master, { key, starts });
  return starts;
}
