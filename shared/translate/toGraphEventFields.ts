import { FerryError } from '../protocol/ferryError';
import type { CalendarCreateRequest } from '../protocol/schemas/calendar';
import { formatInZone, windowsOfIana } from './zoneTimes';

type EventWrite = Omit<CalendarCreateRequest, 'clientEventId' | 'timeZone'>;

const isDate = (value: string) => /^\d{4}-\d\d-\d\d$/.test(value);

/**
 * Checks what the schema cannot: timed events take date-times with an offset, all-day ones dates, and
 * the end comes after the start (400 before anything is sent). Pure.
 */
export function checkEventTimes(event: Pick<EventWrite, 'start' | 'end' | 'allDay'>): void {
  const allDay = event.allDay === true;
  if (isDate(event.start) !== allDay || isDate(event.end) !== allDay) {
    throw new FerryError('bad_request', { detail: allDay ? 'An all-day event takes dates (`YYYY-MM-DD`) as `start` and `end`.' : '`start` and `end` are date-times with an offset (or set `allDay`).' });
  }
  if (!(Date.parse(event.end) > Date.parse(event.start))) throw new FerryError('bad_request', { detail: '`end` must be after `start`.' });
}

/**
 * The device's event fields as Graph's event body (user-post-events): times as wall times of the
 * event's zone under its Windows name (an all-day event's midnights), attendees as
 * `{emailAddress, type}`, the reminder as reminderMinutesBeforeStart/isReminderOn. Pure.
 */
export function toGraphEventFields(event: EventWrite, zone: string): Record<string, unknown> {
  const timeZone = windowsOfIana(zone);
  const at = (value: string) => ({ dateTime: isDate(value) ? `${value}T00:00:00` : formatInZone(Date.parse(value), zone).slice(0, 19), timeZone });
  return {
    subject: event.subject,
    start: at(event.start),
    end: at(event.end),
    ...(event.allDay !== undefined ? { isAllDay: event.allDay } : {}),
    ...(event.location !== undefined ? { location: { displayName: event.location } } : {}),
    ...(event.attendees !== undefined
      ? { attendees: event.attendees.map((a) => ({ emailAddress: { address: a.address, ...(a.name !== undefined ? { name: a.name } : {}) }, type: a.type ?? 'required' })) }
      : {}),
    ...(event.body !== undefined ? { body: { contentType: event.body.contentType, content: event.body.content } } : {}),
    ...(event.showAs !== undefined ? { showAs: event.showAs } : {}),
    ...(event.reminderMinutes === null ? { isReminderOn: false } : event.reminderMinutes !== undefined ? { isReminderOn: true, reminderMinutesBeforeStart: event.reminderMinutes } : {}),
    ...(event.categories !== undefined ? { categories: event.categories } : {}),
  };
}
