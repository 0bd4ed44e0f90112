import { z } from 'zod';
import { graphId, syncAnswerFields, syncStateToken } from './common';
import { plainAddress } from './drafts';
import { addressSchema, bodySchema } from './mail';

/*
 * Answer fields with a `.default(...)` are left out of the answer when they hold that default
 * (omitDefaults). The Event is one object (omitDefaults walks no union): timed events carry
 * `start`/`end`, all-day events `startDate`/`endDate`.
 */

const response = z.enum(['none', 'accepted', 'tentative', 'declined', 'notResponded']);
const offsetDateTime = z.iso.datetime({ offset: true });

export const attendeeSchema = z
  .object({ name: z.string(), address: z.string(), type: z.enum(['required', 'optional', 'resource']).default('required'), response: response.default('none') })
  .meta({ id: 'Attendee' });

export const recurrenceSchema = z
  .object({
    pattern: z.object({
      type: z.enum(['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly']),
      interval: z.number().int(),
      daysOfWeek: z.array(z.string()).default([]),
      dayOfMonth: z.number().int().default(0),
      month: z.number().int().default(0),
      index: z.string().default('first'),
      firstDayOfWeek: z.string().default('sunday'),
    }),
    range: z.object({
      type: z.enum(['endDate', 'noEnd', 'numbered']),
      startDate: z.iso.date(),
      endDate: z.iso.date().nullable(),
      numberOfOccurrences: z.number().int().default(0),
      timeZone: z.string().nullable().meta({ description: "The recurrence's zone as IANA; a Windows name becomes its IANA zone; null when Graph gave none, `tzone://Microsoft/Custom`, or a name Ferry does not know." }),
    }),
  })
  .meta({ id: 'Recurrence', description: "Graph's patternedRecurrence; `range.timeZone` is its recurrenceTimeZone as IANA." });

/** The Event's fields an `unavailable` list may name (every one but `id`). */
const eventFieldNames = [
  'type', 'seriesMasterId', 'subject', 'allDay', 'start', 'end', 'startZone', 'endZone', 'location', 'organizer', 'isOrganizer', 'attendees', 'myResponse',
  'responseRequested', 'allowNewTimeProposals', 'showAs', 'sensitivity', 'isCancelled', 'isOnline', 'joinUrl', 'preview', 'reminderMinutes', 'categories', 'recurrence',
] as const;
export type EventFieldName = (typeof eventFieldNames)[number];

export const eventSchema = z
  .object({
    id: graphId,
    type: z.enum(['single', 'occurrence', 'exception', 'seriesMaster']).default('single').meta({ description: "`single` is Graph's singleInstance." }),
    seriesMasterId: graphId.optional(),
    subject: z.string(),
    allDay: z.boolean().default(false),
    start: offsetDateTime.optional().meta({ description: 'Timed events: the start with the offset of the zone the sync asked for (`2026-03-10T09:00:00+01:00`).' }),
    end: offsetDateTime.optional(),
    startDate: z.iso.date().optional().meta({ description: 'All-day events: the first day (`YYYY-MM-DD`); Graph gives all-day events midnight to midnight in any zone.' }),
    endDate: z.iso.date().optional().meta({ description: 'All-day events: the day after the last (exclusive).' }),
    startZone: z.string().nullable().meta({ description: "The zone the organizer created the start in (originalStartTimeZone) as IANA; a Windows name becomes its IANA zone (windows-iana); null for `tzone://Microsoft/Custom` or a name Ferry does not know." }),
    endZone: z.string().nullable(),
    location: z.string().nullable().default(null),
    organizer: addressSchema.nullable(),
    isOrganizer: z.boolean().default(false),
    attendees: z.array(attendeeSchema).default([]),
    myResponse: response.nullable().default(null).meta({ description: 'null for the organizer.' }),
    // Graph's documented defaults (event resource: "Default is true"), the value of nearly every event.
    responseRequested: z.boolean().default(true),
    allowNewTimeProposals: z.boolean().default(true),
    showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).default('busy'),
    sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).default('normal'),
    isCancelled: z.boolean().default(false),
    isOnline: z.boolean().default(false),
    joinUrl: z.string().nullable().default(null),
    preview: z.string().default('').meta({ description: "Graph's bodyPreview on one line (each run of white space is one space)." }),
    reminderMinutes: z.number().int().nullable().default(15).meta({ description: "null when the reminder is off; default 15, Outlook's default reminder." }),
    categories: z.array(z.string()).default([]),
    recurrence: recurrenceSchema.optional().meta({ description: 'Series masters only.' }),
    unavailable: z
      .array(z.enum(eventFieldNames))
      .default([])
      .meta({
        description:
          "Fields Ferry could not translate for this event (Graph left one out, or sent a zone or shape no translator reads): each carries its empty value here (a listed `start` or `end` is left out), not the calendar's, so a device keeps what it had for it. Such an event still moves the calendar's sync on.",
      }),
  })
  .meta({ id: 'Event', description: 'An event of the primary calendar: a single event, an occurrence or exception of a series, or a series master.' });
export type Event = z.infer<typeof eventSchema>;

const timeZoneField = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: 'IANA zone (default `UTC`) for `start`/`end` of timed events. With `state`: omit it or repeat it.' });

export const calendarSyncRequest = z
  .strictObject({
    start: offsetDateTime.optional().meta({ description: 'The window\'s start (ISO 8601 with offset). Required without `state`; with it, omit or repeat. Advice: 30 days back.' }),
    end: offsetDateTime.optional().meta({ description: 'The window\'s end, after `start`, at most 731 days later. Advice: 180 days ahead.' }),
    timeZone: timeZoneField.optional(),
    state: syncStateToken.optional(),
    window: z.number().int().min(1).max(200).optional().meta({ description: 'Most entries (upserts + removed) in one answer. Default 50.' }),
  })
  .meta({ id: 'CalendarSyncRequest' });
export const calendarSyncResponse = z
  .object({ ...syncAnswerFields, upserts: z.array(eventSchema), removed: z.array(graphId) })
  .meta({ id: 'CalendarSyncResponse' });

export const fullEventSchema = eventSchema.extend({ body: bodySchema }).meta({ id: 'FullEvent', description: 'An Event with its body as Graph gives it.' });
export type FullEvent = z.infer<typeof fullEventSchema>;

export const calendarGetRequest = z
  .strictObject({ id: graphId, timeZone: timeZoneField.optional() })
  .meta({ id: 'CalendarGetRequest' });
export const calendarGetResponse = z.object({ event: fullEventSchema }).meta({ id: 'CalendarGetResponse' });

export const calendarRespondRequest = z
  .strictObject({
    id: graphId.describe('The event: a single event, an occurrence or a series master.'),
    response: z.enum(['accept', 'tentative', 'decline']),
    scope: z.enum(['occurrence', 'series']).default('occurrence').describe('`series`: the answer goes to the series master of an occurrence (`seriesMasterId`).'),
    comment: z.string().max(10_000).optional(),
    sendResponse: z.boolean().default(true).describe('false: the organizer is not told (no reply is sent).'),
    proposedNewTime: z
      .strictObject({ start: offsetDateTime, end: offsetDateTime })
      .optional()
      .describe('Only with `tentative` or `decline`, `sendResponse` true and an event that allows proposals (else 400, before anything is sent).'),
  })
  .meta({ id: 'CalendarRespondRequest' });
export type CalendarRespondRequest = z.infer<typeof calendarRespondRequest>;
export const calendarRespondResponse = z
  .object({ status: z.enum(['responded', 'unchanged']).describe('`unchanged`: the event already had this answer; nothing was sent (a repeat sends no second reply).') })
  .meta({ id: 'CalendarRespondResponse' });

const dateOrDateTime = z.union([offsetDateTime, z.iso.date()]);

/** An event's writable fields as calendar/create takes them (calendar/update's `set` will take the same but `clientEventId`). */
export const eventWriteFields = {
  subject: z.string().max(255),
  start: dateOrDateTime.describe('ISO 8601 with offset; with `allDay`, a date (`YYYY-MM-DD`).'),
  end: dateOrDateTime.describe('After `start`; with `allDay`, the day after the last (exclusive).'),
  timeZone: z.string().min(1).max(64).describe("The event's zone (IANA; sent to Graph as its Windows name): recurrence and DST follow it."),
  allDay: z.boolean().optional(),
  location: z.string().max(255).optional(),
  attendees: z
    .array(z.strictObject({ address: plainAddress, name: z.string().max(255).optional(), type: z.enum(['required', 'optional', 'resource']).optional() }))
    .max(500)
    .optional()
    .describe('Each gets an invitation from Graph.'),
  body: z.strictObject({ contentType: z.enum(['text', 'html']), content: z.string().max(1_000_000) }).optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere']).optional(),
  reminderMinutes: z.number().int().min(0).max(40_320).nullable().optional().describe('null: no reminder.'),
  categories: z.array(z.string().min(1).max(255)).max(50).optional(),
};

export const calendarCreateRequest = z
  .strictObject({
    clientEventId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .describe('The device\'s id for this create: a repeat with the same id and request answers the event made before; another request with it is 409 `idempotency_key_reused`.'),
    ...eventWriteFields,
  })
  .meta({ id: 'CalendarCreateRequest' });
export type CalendarCreateRequest = z.infer<typeof calendarCreateRequest>;
export const calendarCreateResponse = z.object({ event: fullEventSchema }).meta({ id: 'CalendarCreateResponse' });

export const calendarDeleteRequest = z
  .strictObject({
    id: graphId,
    scope: z.enum(['occurrence', 'series']).default('occurrence').describe('`series`: the whole series of an occurrence.'),
    comment: z.string().max(10_000).optional().describe("The organizer's cancellation message to the attendees."),
    silent: z.boolean().default(false).describe("An attendee's meeting: remove it without telling the organizer (only on the user's word; else 409 `use_respond`)."),
  })
  .meta({ id: 'CalendarDeleteRequest' });
export const calendarDeleteResponse = z
  .object({ status: z.enum(['cancelled', 'deleted']).describe('`cancelled`: the attendees were sent a cancellation.') })
  .meta({ id: 'CalendarDeleteResponse' });
