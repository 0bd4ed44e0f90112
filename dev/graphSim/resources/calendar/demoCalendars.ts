import { devUsers, findUser } from '../../../directory';
import { createIdFactory } from '../../core/graphIds';
import { createRandom, deriveSeed } from '../../core/random';
import type { UserSpec } from '../../core/simResource';
import { DateTime } from 'luxon';
import { CalendarStore, occurrenceStarts, type CalendarOwner } from './calendarStore';
import type { EventFields } from './calendarTypes';

const dayInMs = 24 * 3600 * 1000;
const hourInMs = 3600 * 1000;

/** Plain fields of a new event; what is not given takes Outlook's defaults for a meeting-less event. */
export function eventFields(owner: CalendarOwner, fields: Partial<EventFields> & Pick<EventFields, 'startMs' | 'endMs'>): EventFields {
  return {
    subject: 'Event', bodyHtml: '', isAllDay: false, timeZone: 'UTC', location: null,
    organizer: { name: owner.displayName, address: owner.upn }, isOrganizer: true, attendees: [], myResponse: 'organizer',
    showAs: 'busy', sensitivity: 'normal', isCancelled: false, joinUrl: null, reminderMinutes: 15, categories: [],
    ...fields,
  };
}

/**
 * A small primary calendar around the anchor day: single meetings, a weekly series with an exception
 * and a deleted occurrence, a daily stand-up, a multi-day all-day event, a Teams meeting in New York
 * and one in Kolkata. Same seed, same calendar.
 */
export function createCalendar(owner: CalendarOwner, options: { seed: number; now: () => number; anchorInMs?: number }): CalendarStore {
  const random = createRandom(deriveSeed(options.seed, `calendar:${owner.upn}`));
  const ids = createIdFactory(createRandom(deriveSeed(options.seed, `calendar-ids:${owner.oid}`)), owner.oid);
  const store = new CalendarStore(owner, ids, options.now);
  const today = options.anchorInMs ?? Math.floor(options.now() / dayInMs) * dayInMs;
  const bob = { name: 'Bob Kelly', address: 'bob@contoso.test' };
  const at = (day: number, hour: number) => today + day * dayInMs + hour * hourInMs;
  for (let i = 0; i < 6; i++) {
    const day = random.between(-20, 60);
    const hour = random.between(8, 16);
    store.insert(eventFields(owner, { subject: `Review ${i + 1}`, startMs: at(day, hour), endMs: at(day, hour + 1), location: i % 2 ? 'Room 2' : null, attendees: [{ emailAddress: bob, type: 'required', response: 'accepted' }] }));
  }
  const weekly = store.insert(
    eventFields(owner, { subject: 'Weekly sync', startMs: at(-14, 10), endMs: at(-14, 11), attendees: [{ emailAddress: bob, type: 'required', response: 'none' }], bodyHtml: '<p>Agenda</p>' }),
    { pattern: { type: 'weekly', interval: 1, daysOfWeek: [weekdayOf(at(-14, 10))] }, range: { type: 'numbered', startDate: dateOf(at(-14, 0)), numberOfOccurrences: 12 } },
  );
  weekly.overrides.set(at(7, 10), { deleted: false, fields: { startMs: at(7, 13), endMs: at(7, 14), subject: 'Weekly sync (moved)' } });
  weekly.overrides.set(at(14, 10), { deleted: true, fields: {} });
  store.insert(eventFields(owner, { subject: 'Stand-up', startMs: at(-3, 9), endMs: at(-3, 9) + 15 * 60 * 1000 }), {
    pattern: { type: 'daily', interval: 1 },
    range: { type: 'endDate', startDate: dateOf(at(-3, 0)), endDate: dateOf(at(10, 0)) },
  });
  store.insert(eventFields(owner, { subject: 'Offsite', isAllDay: true, startMs: at(20, 0), endMs: at(23, 0), showAs: 'oof', reminderMinutes: null }));
  store.insert(eventFields(owner, { subject: 'New York call', timeZone: 'America/New_York', startMs: at(2, 15), endMs: at(2, 16), joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_demo', bodyHtml: '<div>Microsoft Teams meeting</div>' }));
  store.insert(eventFields(owner, { subject: 'Kolkata review', timeZone: 'Asia/Kolkata', startMs: at(3, 5) + 30 * 60 * 1000, endMs: at(3, 6) + 30 * 60 * 1000 }));
  addSeries(store, owner, at);
  return store;
}

/**
 * Series of every pattern type after the calendar's first events (their ids and counts stay as they
 * were): a weekly New York meeting with the other dev user (crossing a DST change within half a year
 * of any anchor, so its UTC time moves an hour), with an exception and a cancelled occurrence; a
 * monthly review on the first Tuesday, in Kolkata; a month-end report on day 31; a yearly all-day
 * anniversary and a relative-yearly planning day.
 */
function addSeries(store: CalendarStore, owner: CalendarOwner, at: (day: number, hour: number) => number): void {
  const other = owner.upn === 'bob@contoso.test' ? { name: 'Alice Smith', address: 'alice@contoso.test' } : { name: 'Bob Kelly', address: 'bob@contoso.test' };
  const attendees = [{ emailAddress: other, type: 'required' as const, response: 'accepted' as const }];
  const ny = wallTime(at(-10, 0), 9, 0, 'America/New_York');
  const oneOnOne = store.insert(eventFields(owner, { subject: '1:1', timeZone: 'America/New_York', startMs: ny, endMs: ny + 30 * 60 * 1000, attendees }), {
    pattern: { type: 'weekly', interval: 1, daysOfWeek: [weekdayOf(ny)], firstDayOfWeek: 'sunday' },
    range: { type: 'noEnd', startDate: dateOf(at(-10, 0)), recurrenceTimeZone: 'America/New_York' },
  });
  const starts = occurrenceStarts(oneOnOne, at(60, 0));
  const moved = starts[3]!;
  oneOnOne.overrides.set(moved, { deleted: false, fields: { startMs: moved + 2 * 3600 * 1000, endMs: moved + 2.5 * 3600 * 1000, subject: '1:1 (later)' } });
  oneOnOne.overrides.set(starts[5]!, { deleted: true, fields: {} });
  const kolkata = wallTime(at(-40, 0), 15, 0, 'Asia/Kolkata');
  store.insert(eventFields(owner, { subject: 'Monthly review', timeZone: 'Asia/Kolkata', startMs: kolkata, endMs: kolkata + 3600 * 1000, attendees }), {
    pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'first' },
    range: { type: 'numbered', startDate: dateOf(at(-40, 0)), numberOfOccurrences: 12 },
  });
  store.insert(eventFields(owner, { subject: 'Month-end report', startMs: at(-60, 16), endMs: at(-60, 17) }), {
    pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 },
    range: { type: 'endDate', startDate: dateOf(at(-60, 0)), endDate: dateOf(at(300, 0)) },
  });
  const anniversary = at(25, 0);
  store.insert(eventFields(owner, { subject: 'Anniversary', isAllDay: true, startMs: anniversary, endMs: anniversary + dayInMs, showAs: 'free', reminderMinutes: null }), {
    pattern: { type: 'absoluteYearly', interval: 1, month: new Date(anniversary).getUTCMonth() + 1, dayOfMonth: new Date(anniversary).getUTCDate() },
    range: { type: 'noEnd', startDate: dateOf(anniversary) },
  });
  // A master's own start need not be an occurrence: only its time of day counts (toGraphEvent gives the first occurrence's).
  store.insert(eventFields(owner, { subject: 'Planning day', startMs: at(0, 13), endMs: at(0, 15) }), {
    pattern: { type: 'relativeYearly', interval: 1, month: new Date(at(45, 0)).getUTCMonth() + 1, daysOfWeek: ['wednesday'], index: 'second' },
    range: { type: 'numbered', startDate: dateOf(at(0, 0)), numberOfOccurrences: 3 },
  });
  // An invitation from the other dev user, not yet answered (calendar/respond's scenario answers it).
  store.insert(eventFields(owner, {
    subject: 'Design review', startMs: at(4, 11), endMs: at(4, 12), organizer: other, isOrganizer: false, myResponse: 'notResponded', showAs: 'tentative',
    attendees: [{ emailAddress: { name: owner.displayName, address: owner.upn }, type: 'required', response: 'none' }],
  }));
}

/** The instant of `hour:minute` on the UTC day of `dayMs`, read as a wall time of `zone`. */
function wallTime(dayMs: number, hour: number, minute: number, zone: string): number {
  const day = new Date(dayMs);
  return DateTime.fromObject({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute }, { zone }).toMillis();
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function weekdayOf(ms: number): string {
  return ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][new Date(ms).getUTCDay()]!;
}

export function createDemoCalendars(options: { seed: number; specs?: readonly UserSpec[]; now: () => number; anchorInMs?: number }, defaults: readonly UserSpec[]): Map<string, CalendarStore> {
  const calendars = new Map<string, CalendarStore>();
  for (const spec of options.specs ?? defaults) {
    const user = findUser(spec.user);
    if (!user) throw new RangeError(`graphSim: no dev user '${spec.user}' (known: ${devUsers.map((u) => u.upn).join(', ')})`);
    calendars.set(user.oid, createCalendar({ oid: user.oid, upn: user.upn, displayName: user.displayName }, { seed: spec.seed ?? options.seed, now: options.now, anchorInMs: options.anchorInMs }));
  }
  return calendars;
}
