import type { EventFields, EventInstance, ResponseType } from './calendarTypes';
import { occurrenceStarts } from './calendarStore';
import { ianaOfZoneName, midnightOf, wallTimeIn } from './zoneTime';

/**
 * The zone an answer's start/end are given in, named as asked: `Prefer: outlook.timezone` when it names
 * a Windows zone ("Pacific Standard Time") or an IANA one (https://learn.microsoft.com/graph/api/resources/datetimetimezone,
 * https://learn.microsoft.com/graph/api/user-list-calendarview#request-headers), else UTC (Graph's
 * default). The event-get sample shows UTC although "Pacific Standard Time" was asked
 * (test/fixtures/graph-samples/event-get.source.txt); the calendarView sample shows the asked zone, as here.
 */
export function answerZone(asked: string | undefined): string {
  return appliedZone(asked) ?? 'UTC';
}

/**
 * The `outlook.timezone` echoed in `Preference-Applied`: the name as asked, when known. UNVERIFIED: an
 * unknown name (the docs are silent) is ignored like any preference a server cannot honour (RFC 7240):
 * the answer is in UTC and `Preference-Applied` leaves the zone out.
 */
export function appliedZone(asked: string | undefined): string | undefined {
  return asked !== undefined && ianaOfZoneName(asked) !== undefined ? asked : undefined;
}

function dateTimeIn(ms: number, fields: EventFields, zone: string) {
  // All-day events run midnight to midnight in whatever zone is asked (event resource: isAllDay).
  return { dateTime: fields.isAllDay ? midnightOf(ms) : wallTimeIn(ms, zone), timeZone: zone };
}

function responseStatus(response: ResponseType) {
  return { response, time: '0001-01-01T00:00:00Z' };
}

/**
 * An event as Graph's event resource gives it (https://learn.microsoft.com/graph/api/resources/event),
 * in the shape of test/fixtures/graph-samples/event-get.json. A master's start/end are its first
 * occurrence's, as Exchange gives them.
 */
export function toGraphEvent(instance: EventInstance, zone: string): Record<string, unknown> {
  const { fields, record } = instance;
  const preview = fields.bodyHtml.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);
  const master = instance.type === 'seriesMaster';
  return {
    '@odata.type': '#microsoft.graph.event',
    '@odata.etag': `W/"${record.changeKey}"`,
    id: instance.id,
    createdDateTime: record.createdDateTime,
    lastModifiedDateTime: record.lastModifiedDateTime,
    changeKey: record.changeKey,
    categories: [...fields.categories],
    transactionId: record.transactionId ?? null,
    originalStartTimeZone: fields.timeZone,
    originalEndTimeZone: fields.timeZone,
    iCalUId: record.iCalUId,
    uid: record.iCalUId,
    reminderMinutesBeforeStart: fields.reminderMinutes ?? 15,
    isReminderOn: fields.reminderMinutes !== null,
    hasAttachments: false,
    subject: fields.subject,
    bodyPreview: preview,
    importance: 'normal',
    sensitivity: fields.sensitivity,
    isAllDay: fields.isAllDay,
    isCancelled: fields.isCancelled,
    isOrganizer: fields.isOrganizer,
    responseRequested: true,
    seriesMasterId: instance.seriesMasterId ?? null,
    showAs: fields.showAs,
    type: instance.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(instance.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: fields.joinUrl !== null,
    onlineMeetingProvider: fields.joinUrl !== null ? 'teamsForBusiness' : 'unknown',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: responseStatus(fields.myResponse),
    body: { contentType: 'html', content: fields.bodyHtml },
    start: dateTimeIn(master ? firstStart(instance) : fields.startMs, fields, zone),
    end: dateTimeIn(master ? firstStart(instance) + (fields.endMs - fields.startMs) : fields.endMs, fields, zone),
    ...(instance.originalStartMs !== undefined ? { originalStart: new Date(instance.originalStartMs).toISOString().replace('.000Z', 'Z') } : {}),
    location: fields.location ? { displayName: fields.location, locationType: 'default', uniqueId: fields.location, uniqueIdType: 'private' } : { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
    locations: fields.location ? [{ displayName: fields.location, locationType: 'default', uniqueIdType: 'unknown' }] : [],
    recurrence: master && record.recurrence ? { pattern: { firstDayOfWeek: 'sunday', index: 'first', month: 0, dayOfMonth: 0, daysOfWeek: [], ...record.recurrence.pattern }, range: { recurrenceTimeZone: record.timeZone, endDate: '0001-01-01', numberOfOccurrences: 0, ...record.recurrence.range } } : null,
    attendees: fields.attendees.map((a) => ({ type: a.type, status: responseStatus(a.response), emailAddress: { ...a.emailAddress } })),
    organizer: { emailAddress: { ...fields.organizer } },
    onlineMeeting: fields.joinUrl !== null ? { joinUrl: fields.joinUrl } : null,
  };
}

function firstStart(instance: EventInstance): number {
  return occurrenceStarts(instance.record, Number.POSITIVE_INFINITY).find((s) => !instance.record.overrides.get(s)?.deleted) ?? instance.record.startMs;
}
