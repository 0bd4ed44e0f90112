import { devUsers, findUser } from '../../../directory';
import { createIdFactory } from '../../core/graphIds';
import { createRandom, deriveSeed } from '../../core/random';
import type { UserSpec } from '../../core/simResource';
import { CalendarStore, type CalendarOwner } from './calendarStore';
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
  return store;
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
