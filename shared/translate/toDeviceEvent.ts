import type { Event as GraphEvent, DateTimeTimeZone, PatternedRecurrence } from '@microsoft/microsoft-graph-types';
import { eventSchema, type Event, type EventFieldName, type FullEvent } from '../protocol/schemas/calendar';
import { assertNoMissingFields } from './missingGraphFields';
import { formatInZone, ianaOfGraphZone, instantOfWallTime } from './zoneTimes';

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

/** A dateTimeTimeZone as an instant with the offset of `zone`. Graph answers in the zone asked (IANA or Windows name), or UTC (the event-get sample). */
export function instantIn(value: DateTimeTimeZone, zone: string): string {
  const from = ianaOfGraphZone(value.timeZone ?? 'UTC');
  if (!value.dateTime || from === null) throw new TypeError('toDeviceEvent: a start or end in a zone Ferry cannot read');
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
      timeZone: ianaOfGraphZone(range.recurrenceTimeZone),
    },
  };
}

type Part = Partial<Event>;
type Translate = (event: GraphEvent, zone: string) => Part;

const isAllDay = (event: GraphEvent): boolean => event.isAllDay === true;
const isOrganizer = (event: GraphEvent): boolean => event.isOrganizer === true;

/**
 * Each device field, how it is translated (into one or two Event keys: a time is `start` or `startDate`),
 * and its empty value. A translator may throw (a field Graph left out, a zone Ferry cannot read).
 */
const deviceFields: ReadonlyArray<readonly [EventFieldName | 'id', Translate, Part]> = [
  ['id', (e) => ({ id: e.id! }), {}],
  ['type', (e) => ({ type: types[(e.type ?? 'singleInstance') as keyof typeof types] ?? 'single' }), { type: 'single' }],
  ['seriesMasterId', (e) => (e.seriesMasterId ? { seriesMasterId: e.seriesMasterId } : {}), {}],
  ['subject', (e) => ({ subject: e.subject ?? '' }), { subject: '' }],
  ['allDay', (e) => ({ allDay: isAllDay(e) }), { allDay: false }],
  ['start', (e, zone) => (isAllDay(e) ? { startDate: e.start!.dateTime!.slice(0, 10) } : { start: instantIn(e.start!, zone) }), {}],
  ['end', (e, zone) => (isAllDay(e) ? { endDate: e.end!.dateTime!.slice(0, 10) } : { end: instantIn(e.end!, zone) }), {}],
  ['startZone', (e) => ({ startZone: ianaOfGraphZone(e.originalStartTimeZone) }), { startZone: null }],
  ['endZone', (e) => ({ endZone: ianaOfGraphZone(e.originalEndTimeZone) }), { endZone: null }],
  ['location', (e) => ({ location: e.location?.displayName || null }), { location: null }],
  ['organizer', (e) => ({ organizer: e.organizer?.emailAddress ? { name: e.organizer.emailAddress.name ?? '', address: e.organizer.emailAddress.address ?? '' } : null }), { organizer: null }],
  ['isOrganizer', (e) => ({ isOrganizer: isOrganizer(e) }), { isOrganizer: false }],
  [
    'attendees',
    (e) => ({
      attendees: (e.attendees ?? []).map((a) => ({
        name: a.emailAddress?.name ?? '',
        address: a.emailAddress?.address ?? '',
        type: (a.type ?? 'required') as Event['attendees'][number]['type'],
        response: responseOf(a.status?.response) ?? 'none',
      })),
    }),
    { attendees: [] },
  ],
  ['myResponse', (e) => ({ myResponse: isOrganizer(e) ? null : responseOf(e.responseStatus?.response) }), { myResponse: null }],
  ['responseRequested', (e) => ({ responseRequested: e.responseRequested === true }), { responseRequested: false }],
  ['allowNewTimeProposals', (e) => ({ allowNewTimeProposals: e.allowNewTimeProposals === true }), { allowNewTimeProposals: false }],
  ['showAs', (e) => ({ showAs: (e.showAs ?? 'busy') as Event['showAs'] }), { showAs: 'busy' }],
  ['sensitivity', (e) => ({ sensitivity: (e.sensitivity ?? 'normal') as Event['sensitivity'] }), { sensitivity: 'normal' }],
  ['isCancelled', (e) => ({ isCancelled: e.isCancelled === true }), { isCancelled: false }],
  ['isOnline', (e) => ({ isOnline: e.isOnlineMeeting === true }), { isOnline: false }],
  ['joinUrl', (e) => ({ joinUrl: e.onlineMeeting?.joinUrl ?? null }), { joinUrl: null }],
  ['preview', (e) => ({ preview: (e.bodyPreview ?? '').replace(/\s+/g, ' ').trim() }), { preview: '' }],
  ['reminderMinutes', (e) => ({ reminderMinutes: e.isReminderOn === false ? null : (e.reminderMinutesBeforeStart ?? null) }), { reminderMinutes: null }],
  ['categories', (e) => ({ categories: [...(e.categories ?? [])] }), { categories: [] }],
  ['recurrence', (e) => (e.type === 'seriesMaster' && e.recurrence ? { recurrence: recurrenceOf(e.recurrence) } : {}), {}],
];

/**
 * Graph's event as the device's Event: timed events' start/end as instants with the offset of `zone`
 * (the zone the sync asked for), all-day events as dates (end exclusive), ids and enums renamed,
 * absent or switched-off values as null. Pure; throws TypeError on an event without id, start or end,
 * with a start or end in a zone Ferry cannot read, or with a field of a shape the device schema does
 * not allow (the TypeError names fields, never their values): toDeviceDegradedEvent sends such an event.
 */
export function toDeviceEvent(event: GraphEvent, options: { timeZone: string }): Event {
  assertNoMissingFields('toDeviceEvent', event, requiredFields);
  const parts = deviceFields.map(([, translate]) => translate(event, options.timeZone));
  const device = Object.assign({}, ...parts, { unavailable: [] }) as Event;
  const checked = eventSchema.safeParse(device);
  if (checked.success) return device;
  const fields = [...new Set(checked.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  throw new TypeError(`toDeviceEvent: Graph sent ${fields.join(', ')} in a shape the device schema does not allow.`);
}

/**
 * The device form of an event toDeviceEvent threw on (a start in a zone Ferry cannot read, a field Graph
 * left out, a shape no translator expects): one event must not block the calendar. Each field is
 * translated on its own and checked against its schema; one that throws or does not fit carries its
 * empty value (a `start` or `end` is left out) and is named in `unavailable`. Never throws, given an
 * event with an `id` (every delta entry has one).
 */
export function toDeviceDegradedEvent(event: GraphEvent, options: { timeZone: string }): Event {
  const unavailable: EventFieldName[] = [];
  const device: Record<string, unknown> = {};
  for (const [field, translate, empty] of deviceFields) {
    const part = attempt(() => translate(event, options.timeZone));
    const fits = part !== undefined && Object.entries(part).every(([key, value]) => eventSchema.shape[key as keyof Event].safeParse(value).success);
    if (fits) Object.assign(device, part);
    else if (field === 'id') device.id = event.id;
    else {
      Object.assign(device, empty);
      unavailable.push(field);
    }
  }
  return { ...(device as Event), unavailable };
}

/** The event, or its degraded form when it cannot be translated whole (calendar/get answers it as calendar/sync does). */
export function toDeviceEventOrDegraded(event: GraphEvent, options: { timeZone: string }): Event {
  try {
    return toDeviceEvent(event, options);
  } catch {
    return toDeviceDegradedEvent(event, options);
  }
}

function attempt<T>(translate: () => T): T | undefined {
  try {
    return translate();
  } catch {
    return undefined;
  }
}

/** calendar/get's event: the Event plus its body as Graph gave it. */
export function toDeviceFullEvent(event: GraphEvent, options: { timeZone: string }): FullEvent {
  const body = event.body ?? {};
  return { ...toDeviceEventOrDegraded(event, options), body: { type: body.contentType === 'text' ? 'text' : 'html', content: body.content ?? '', truncated: false } };
}
