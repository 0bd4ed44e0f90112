import type { Event as GraphEvent, DateTimeTimeZone, PatternedRecurrence } from '@microsoft/microsoft-graph-types';
import type { Event, FullEvent } from '../protocol/schemas/calendar';
import { assertNoMissingFields } from './missingGraphFields';
import { formatInZone, instantOfWallTime, isKnownTimeZone } from './zoneTimes';

/** What calendar/sync asks of every event (its `$select` for fill-ins: calendarView delta itself takes none). */
export const eventFields = [
  'id', 'type', 'seriesMasterId', 'subject', 'isAllDay', 'start', 'end', 'originalStartTimeZone', 'originalEndTimeZone', 'location', 'organizer', 'isOrganizer',
  'attendees', 'responseStatus', 'responseRequested', 'allowNewTimeProposals', 'showAs', 'sensitivity', 'isCancelled', 'isOnlineMeeting', 'onlineMeeting',
  'bodyPreview', 'isReminderOn', 'reminderMinutesBeforeStart', 'categories', 'recurrence',
] as const;

/** Fields without which an event cannot be shown at all; the others may be absent (a partial item is filled in first). */
const requiredFields = ['id', 'start', 'end'] as const;

const types = { singleInstance: 'single', occurrence: 'occurrence', exception: 'exception', seriesMaster: 'seriesMaster' } as const;
const responses = { none: 'none', organizer: 'accepted', tentativelyAccepted: 'tentative', accepted: 'accepted', declined: 'declined', notResponded: 'notResponded' } as const;

/** The device's name of an attendee's or the user's response. UNVERIFIED: `organizer` as an attendee's status reads as accepted. */
function responseOf(value: string | null | undefined): Event['myResponse'] {
  return (responses as Record<string, Event['myResponse']>)[value ?? 'none'] ?? 'none';
}

/** An IANA zone name as it is, else null (Windows names and `tzone://Microsoft/Custom` are not mapped yet). */
function ianaOrNull(zone: string | null | undefined): string | null {
  return zone && isKnownTimeZone(zone) ? zone : null;
}

/** A dateTimeTimeZone as an instant with the offset of `zone`. Graph answers in the zone asked, or UTC (the event-get sample). */
function instantIn(value: DateTimeTimeZone, zone: string): string {
  const from = value.timeZone ?? 'UTC';
  if (!value.dateTime || !isKnownTimeZone(from)) throw new TypeError('toDeviceEvent: a start or end in a zone Ferry cannot read');
  return formatInZone(instantOfWallTime(value.dateTime, from), zone);
}

function recurrenceOf(recurrence: PatternedRecurrence): NonNullable<Event['recurrence']> {
  const pattern = recurrence.pattern ?? {};
  const range = recurrence.range ?? {};
  return {
    pattern: {
      type: (pattern.type ?? 'daily') as NonNullable<Event['recurrence']>['pattern']['type'],
      interval: pattern.interval ?? 1,
      daysOfWeek: [...(pattern.daysOfWeek ?? [])],
      dayOfMonth: pattern.dayOfMonth ?? 0,
      month: pattern.month ?? 0,
      index: pattern.index ?? 'first',
      firstDayOfWeek: pattern.firstDayOfWeek ?? 'sunday',
    },
    range: {
      type: (range.type ?? 'noEnd') as NonNullable<Event['recurrence']>['range']['type'],
      startDate: range.startDate ?? '0001-01-01',
      endDate: range.endDate && range.endDate !== '0001-01-01' ? range.endDate : null,
      numberOfOccurrences: range.numberOfOccurrences ?? 0,
      timeZone: ianaOrNull(range.recurrenceTimeZone),
    },
  };
}

/**
 * Graph's event as the device's Event: timed events' start/end as instants with the offset of `zone`
 * (the zone the sync asked for), all-day events as dates (end exclusive), ids and enums renamed,
 * absent or switched-off values as null. Pure; throws TypeError on an event without id, start or end.
 */
export function toDeviceEvent(event: GraphEvent, options: { timeZone: string }): Event {
  assertNoMissingFields('toDeviceEvent', event, requiredFields);
  const allDay = event.isAllDay === true;
  const isOrganizer = event.isOrganizer === true;
  const location = event.location?.displayName;
  return {
    id: event.id!,
    type: types[(event.type ?? 'singleInstance') as keyof typeof types] ?? 'single',
    ...(event.seriesMasterId ? { seriesMasterId: event.seriesMasterId } : {}),
    subject: event.subject ?? '',
    allDay,
    ...(allDay
      ? { startDate: event.start!.dateTime!.slice(0, 10), endDate: event.end!.dateTime!.slice(0, 10) }
      : { start: instantIn(event.start!, options.timeZone), end: instantIn(event.end!, options.timeZone) }),
    startZone: ianaOrNull(event.originalStartTimeZone),
    endZone: ianaOrNull(event.originalEndTimeZone),
    location: location ? location : null,
    organizer: event.organizer?.emailAddress ? { name: event.organizer.emailAddress.name ?? '', address: event.organizer.emailAddress.address ?? '' } : null,
    isOrganizer,
    attendees: (event.attendees ?? []).map((a) => ({
      name: a.emailAddress?.name ?? '',
      address: a.emailAddress?.address ?? '',
      type: (a.type ?? 'required') as Event['attendees'][number]['type'],
      response: responseOf(a.status?.response) ?? 'none',
    })),
    myResponse: isOrganizer ? null : responseOf(event.responseStatus?.response),
    responseRequested: event.responseRequested === true,
    allowNewTimeProposals: event.allowNewTimeProposals === true,
    showAs: (event.showAs ?? 'busy') as Event['showAs'],
    sensitivity: (event.sensitivity ?? 'normal') as Event['sensitivity'],
    isCancelled: event.isCancelled === true,
    isOnline: event.isOnlineMeeting === true,
    joinUrl: event.onlineMeeting?.joinUrl ?? null,
    preview: (event.bodyPreview ?? '').replace(/\s+/g, ' ').trim(),
    reminderMinutes: event.isReminderOn === false ? null : (event.reminderMinutesBeforeStart ?? null),
    categories: [...(event.categories ?? [])],
    ...(event.type === 'seriesMaster' && event.recurrence ? { recurrence: recurrenceOf(event.recurrence) } : {}),
  };
}

/** calendar/get's event: the Event plus its body as Graph gave it. */
export function toDeviceFullEvent(event: GraphEvent, options: { timeZone: string }): FullEvent {
  const body = event.body ?? {};
  return { ...toDeviceEvent(event, options), body: { type: body.contentType === 'text' ? 'text' : 'html', content: body.content ?? '', truncated: false } };
}
