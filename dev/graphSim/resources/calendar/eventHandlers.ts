import { expandedProperties, matchesExtendedPropertyFilter, parseExtendedPropertyExpand, parseExtendedPropertyFilter, setExtendedProperties, toExtendedProperties } from '../../core/extendedProperties';
import { foreignItemError } from '../../core/foreignItemError';
import { GraphError, graphErrors } from '../../core/graphError';
import { isWellFormedGraphId } from '../../core/graphIds';
import { parseSelect } from '../../core/odataQuery';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { contextUrl, json, noContent, pageList, preferenceApplied } from '../../core/simResponses';
import { requireObjectBody } from '../mail/resolveTargets';
import { requireCalendar } from './calendarHandlers';
import { createCalendarState, type EventChange, type EventInput } from './calendarState';
import type { CalendarStore } from './calendarStore';
import type { EventInstance, RecurrenceRecord } from './calendarTypes';
import { ianaOfZoneName, instantOfRequestTime } from './requestTimes';
import { answerZone, appliedZone, toGraphEvent } from './toGraphEvent';
import { deliverInvitations } from './meetingInvitations';

/** The event resource's properties as toGraphEvent renders them: what `$select` may name. */
export const eventProperties = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'transactionId', 'originalStartTimeZone', 'originalEndTimeZone',
  'iCalUId', 'uid', 'reminderMinutesBeforeStart', 'isReminderOn', 'hasAttachments', 'subject', 'bodyPreview', 'importance', 'sensitivity',
  'isAllDay', 'isCancelled', 'isOrganizer', 'responseRequested', 'seriesMasterId', 'showAs', 'type', 'webLink', 'onlineMeetingUrl',
  'isOnlineMeeting', 'onlineMeetingProvider', 'allowNewTimeProposals', 'isDraft', 'hideAttendees', 'responseStatus', 'body', 'start', 'end',
  'originalStart', 'location', 'locations', 'recurrence', 'attendees', 'organizer', 'onlineMeeting',
] as const;

/**
 * An event rendered with the request's `$select` applied: the named properties, `id` and `@odata.etag`
 * always ("$select ... the id is always returned", query-parameters). A name the event type lacks is
 * 400, as Graph answers.
 */
export function selectedEvent(ctx: HandlerContext, event: Record<string, unknown>): Record<string, unknown> {
  const fields = parseSelect(ctx.request.query.get('$select'), eventProperties, 'event');
  if (!fields) return event;
  return Object.fromEntries(Object.entries(event).filter(([name]) => name === 'id' || name === '@odata.etag' || fields.includes(name as (typeof eventProperties)[number])));
}

function requireInstance(ctx: HandlerContext, store: CalendarStore, id: string): EventInstance {
  const instance = store.find(id);
  if (instance) return instance;
  const foreign = foreignItemError(id, store.owner.oid);
  if (foreign) throw foreign;
  throw isWellFormedGraphId(id) ? graphErrors.itemNotFound() : graphErrors.idMalformed();
}

/**
 * GET /me/events (https://learn.microsoft.com/graph/api/user-list-events): the primary calendar's single
 * events and series masters (occurrences and exceptions only through calendarView), `$select`, paged;
 * start/end in `Prefer: outlook.timezone`. `$filter` takes only the extended-property lambda and
 * `$expand` only `singleValueExtendedProperties($filter=id eq '...')`
 * (https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get lists events).
 */
export function listEvents(ctx: HandlerContext): SimResponse {
  const store = requireCalendar(ctx);
  const zone = answerZone(ctx.prefer.timeZone);
  const filter = parseExtendedPropertyFilter(ctx.request.query.get('$filter'));
  if (filter === undefined && ctx.request.query.get('$filter') !== null) throw graphErrors.invalidFilter();
  const expand = parseExtendedPropertyExpand(ctx.request.query.get('$expand'));
  const events = [...store.events.values()]
    .filter((record) => !filter || matchesExtendedPropertyFilter(record, filter))
    .map((record) => {
      const graph = selectedEvent(ctx, toGraphEvent(store.find(record.id)!, zone));
      return expand === undefined ? graph : { ...graph, singleValueExtendedProperties: expandedProperties(record, expand) };
    });
  const page = pageList(ctx, events, 'events');
  return json(
    200,
    { '@odata.context': contextUrl(ctx, 'events'), value: page.value, ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}) },
    preferenceApplied({ maxPageSize: page.appliedPageSize, timeZone: appliedZone(ctx.prefer.timeZone) }),
  );
}

const showAsValues = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'] as const;

/** The writable properties the simulator models, read from an event body. */
function changeOf(body: Record<string, unknown>): EventChange & { isAllDay?: boolean; timeZone?: string } {
  const change: EventChange & { isAllDay?: boolean; timeZone?: string } = {};
  if (typeof body.subject === 'string') change.subject = body.subject;
  if (body.start !== undefined) change.start = new Date(instantOfRequestTime(body.start, 'start')).toISOString();
  if (body.end !== undefined) change.end = new Date(instantOfRequestTime(body.end, 'end')).toISOString();
  const timeZone = (body.start as { timeZone?: unknown } | undefined)?.timeZone;
  if (typeof timeZone === 'string') change.timeZone = ianaOfZoneName(timeZone);
  if (typeof body.isAllDay === 'boolean') change.isAllDay = body.isAllDay;
  const location = (body.location as { displayName?: unknown } | undefined)?.displayName;
  if (typeof location === 'string') change.location = location;
  const content = (body.body as { content?: unknown } | undefined)?.content;
  if (typeof content === 'string') change.bodyHtml = content;
  if (typeof body.showAs === 'string') {
    if (!(showAsValues as readonly string[]).includes(body.showAs)) throw graphErrors.invalidRequest(`'${body.showAs}' is not a freeBusyStatus.`);
    change.showAs = body.showAs as EventChange['showAs'];
  }
  if (Array.isArray(body.categories)) change.categories = body.categories.filter((c): c is string => typeof c === 'string');
  return change;
}

/** A body's patternedRecurrence, if any; the simulator expands daily and weekly patterns only (calendarStore.ts). */
function recurrenceOf(value: unknown): RecurrenceRecord | undefined {
  if (value === undefined || value === null) return undefined;
  const { pattern, range } = value as { pattern?: Record<string, unknown>; range?: Record<string, unknown> };
  if (!pattern || !range || typeof range.startDate !== 'string') throw graphErrors.invalidRequest('recurrence needs a pattern and a range with a startDate.');
  if (pattern.type !== 'daily' && pattern.type !== 'weekly') throw new GraphError(400, 'ErrorInvalidRequest', `The simulator expands daily and weekly patterns only, not '${String(pattern.type)}'.`);
  return {
    pattern: { type: pattern.type, interval: typeof pattern.interval === 'number' ? pattern.interval : 1, ...(Array.isArray(pattern.daysOfWeek) ? { daysOfWeek: pattern.daysOfWeek as string[] } : {}) },
    range: {
      type: range.type === 'endDate' || range.type === 'numbered' ? range.type : 'noEnd',
      startDate: range.startDate,
      ...(typeof range.endDate === 'string' ? { endDate: range.endDate } : {}),
      ...(typeof range.numberOfOccurrences === 'number' ? { numberOfOccurrences: range.numberOfOccurrences } : {}),
    },
  };
}

function answer(ctx: HandlerContext, status: number, store: CalendarStore, id: string): SimResponse {
  const zone = answerZone(ctx.prefer.timeZone);
  return json(status, { '@odata.context': contextUrl(ctx, 'events/$entity'), ...toGraphEvent(store.find(id)!, zone) }, preferenceApplied({ timeZone: appliedZone(ctx.prefer.timeZone) }));
}

/**
 * POST /me/events (https://learn.microsoft.com/graph/api/user-post-events): 201 with the new event in
 * the primary calendar. `start` and `end` are required; an all-day event's are its dates (midnights).
 * `transactionId` ("A custom identifier specified by a client app for the server to avoid redundant POST
 * operations in case of client retries to create the same event", resources/event): a create repeating
 * one of an event still in the calendar answers that event (201, nothing made), or with the flag
 * `eventDuplicateTransactionIdError` 400 ErrorDuplicateTransactionId (UNVERIFIED which; reported).
 * `singleValueExtendedProperties` are stored. Attendees who are simulated users get the invitation
 * (meetingInvitations.ts).
 */
export function createEvent(ctx: HandlerContext): SimResponse {
  const store = requireCalendar(ctx);
  const body = requireObjectBody(ctx);
  if (body.start === undefined || body.end === undefined) throw graphErrors.invalidRequest('start and end are required.');
  const transactionId = typeof body.transactionId === 'string' && body.transactionId !== '' ? body.transactionId : undefined;
  const earlier = transactionId === undefined ? undefined : [...store.events.values()].find((r) => r.transactionId === transactionId);
  if (earlier) {
    if (ctx.sim.flags.eventDuplicateTransactionIdError) throw new GraphError(400, 'ErrorDuplicateTransactionId', 'An item with the same transaction id already exists.');
    return answer(ctx, 201, store, earlier.id);
  }
  const properties = body.singleValueExtendedProperties === undefined ? [] : toExtendedProperties(body.singleValueExtendedProperties);
  const change = changeOf(body);
  const attendees = Array.isArray(body.attendees)
    ? body.attendees.flatMap((a) => {
        const email = (a as { emailAddress?: { name?: unknown; address?: unknown } }).emailAddress;
        return typeof email?.address === 'string' ? [{ name: typeof email.name === 'string' ? email.name : email.address, address: email.address }] : [];
      })
    : [];
  const day = (value: unknown) => `${String((value as { dateTime: string }).dateTime).slice(0, 10)}T00:00:00Z`;
  const [start, end] = change.isAllDay ? [day(body.start), day(body.end)] : [change.start!, change.end!];
  const reminderMinutes = body.isReminderOn === false ? null : typeof body.reminderMinutesBeforeStart === 'number' ? body.reminderMinutesBeforeStart : undefined;
  const input: EventInput = { ...change, start, end, attendees, recurrence: recurrenceOf(body.recurrence), ...(reminderMinutes !== undefined ? { reminderMinutes } : {}) };
  const id = createCalendarState(ctx.sim).simulateEventCreate(ctx.oid, input);
  const record = store.events.get(id)!;
  if (transactionId !== undefined) record.transactionId = transactionId;
  setExtendedProperties(record, properties);
  deliverInvitations(ctx.sim, store, record);
  return answer(ctx, 201, store, id);
}

/** PATCH /me/events/{id} (event-update): a single event or master; an occurrence becomes an exception. */
export function updateEvent(ctx: HandlerContext, id: string): SimResponse {
  const store = requireCalendar(ctx);
  requireInstance(ctx, store, id);
  const { isAllDay: _allDay, timeZone: _zone, ...change } = changeOf(requireObjectBody(ctx));
  createCalendarState(ctx.sim).simulateEventChange(ctx.oid, id, change);
  return answer(ctx, 200, store, id);
}

/** DELETE /me/events/{id} (event-delete): 204; a whole series by its master, one occurrence by its id. */
export function deleteEvent(ctx: HandlerContext, id: string): SimResponse {
  const store = requireCalendar(ctx);
  requireInstance(ctx, store, id);
  createCalendarState(ctx.sim).simulateEventDelete(ctx.oid, id);
  return noContent();
}
