import type { HasExtendedProperties } from '../../core/extendedProperties';
import type { EmailAddress } from '../../core/graphTypes';

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export type ResponseType = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface AttendeeRecord {
  emailAddress: EmailAddress;
  type: 'required' | 'optional' | 'resource';
  response: ResponseType;
}

export type PatternType = 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';

/**
 * A recurrence as Graph writes it (https://learn.microsoft.com/graph/api/resources/patternedrecurrence):
 * the six pattern types and three range types; `recurrenceTimeZone` (IANA here) defaults to the event's
 * zone. Expanded by expandRecurrence.ts.
 */
export interface RecurrenceRecord {
  pattern: { type: PatternType; interval: number; daysOfWeek?: string[]; dayOfMonth?: number; month?: number; index?: 'first' | 'second' | 'third' | 'fourth' | 'last'; firstDayOfWeek?: string };
  range: { type: 'endDate' | 'noEnd' | 'numbered'; startDate: string; endDate?: string; numberOfOccurrences?: number; recurrenceTimeZone?: string };
}

/** What an event says; an exception overrides some of these for one occurrence. */
export interface EventFields {
  subject: string;
  bodyHtml: string;
  /** Epoch ms; an all-day event's are UTC midnights (end exclusive). */
  startMs: number;
  endMs: number;
  isAllDay: boolean;
  /** originalStartTimeZone/originalEndTimeZone (IANA here; Exchange gives Windows names). */
  timeZone: string;
  location: string | null;
  organizer: EmailAddress;
  isOrganizer: boolean;
  attendees: AttendeeRecord[];
  myResponse: ResponseType;
  showAs: ShowAs;
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
  isCancelled: boolean;
  joinUrl: string | null;
  reminderMinutes: number | null;
  categories: string[];
}

/** An occurrence changed (an exception) or deleted, by its original start. */
export interface OccurrenceOverride {
  deleted: boolean;
  fields: Partial<EventFields>;
}

/** A single event or a series master in the primary calendar. */
export interface EventRecord extends EventFields, HasExtendedProperties {
  id: string;
  /** The create's `transactionId`, if a client gave one (user-post-events: against duplicate creates on retries). */
  transactionId?: string;
  iCalUId: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  recurrence?: RecurrenceRecord;
  /** By original start (epoch ms). */
  overrides: Map<number, OccurrenceOverride>;
  /** The store's sequence at this record's last write. */
  seq: number;
}

/** One item of a calendar view: a single event, an occurrence or exception of a series, or (asked for) its master. */
export interface EventInstance {
  id: string;
  type: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string;
  originalStartMs?: number;
  record: EventRecord;
  fields: EventFields;
}
