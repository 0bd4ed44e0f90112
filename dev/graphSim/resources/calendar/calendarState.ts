import { findUser } from '../../../directory';
import type { SimServices } from '../../core/simContext';
import { occurrenceStarts, type CalendarStore } from './calendarStore';
import { calendarStores } from './calendarStores';
import type { EventFields, RecurrenceRecord } from './calendarTypes';
import { eventFields } from './demoCalendars';
import { answerZone, toGraphEvent } from './toGraphEvent';

/** A new event as another client would create it: ISO instants (an all-day one's dates at UTC midnight). */
export interface EventInput {
  subject?: string;
  start: string;
  end: string;
  isAllDay?: boolean;
  /** IANA; default UTC. */
  timeZone?: string;
  location?: string;
  bodyHtml?: string;
  attendees?: { name: string; address: string }[];
  showAs?: EventFields['showAs'];
  categories?: string[];
  recurrence?: RecurrenceRecord;
  /** null: no reminder; default 15. */
  reminderMinutes?: number | null;
}

/** What can change on an event or one occurrence (an occurrence becomes an exception). */
export type EventChange = Partial<Pick<EventInput, 'subject' | 'start' | 'end' | 'location' | 'bodyHtml' | 'showAs' | 'categories'>>;

/** A read-only look at one primary calendar, as Graph JSON. */
export interface CalendarView {
  /** Singles and series masters. */
  events(): Record<string, unknown>[];
  /** The calendarView of [start, end) (ISO instants), as GET /me/calendarView gives it, in `zone` (default UTC). */
  view(start: string, end: string, zone?: string): Record<string, unknown>[];
  event(id: string, zone?: string): Record<string, unknown> | undefined;
}

/** What calendar adds to `sim.state`: inspection and the changes another client (Outlook) would make. */
export interface CalendarState {
  calendar(oidOrUpn: string): CalendarView | undefined;
  /** Creates a single event or a series; returns its id. */
  simulateEventCreate(oidOrUpn: string, input: EventInput): string;
  /**
   * A meeting `organizer` sends `attendee` (both simulated users): the organizer's event with the
   * attendee (not yet answered) and the attendee's copy (same iCalUId, `notResponded`) as delivered.
   * Returns both ids. UNVERIFIED (not modelled): the meetingRequest message in the attendee's Inbox.
   */
  simulateInvitation(organizer: string, attendee: string, input: EventInput): { organizerEventId: string; attendeeEventId: string };
  /** Changes a single event or master; an occurrence's id changes only that occurrence (an exception). */
  simulateEventChange(oidOrUpn: string, id: string, change: EventChange): void;
  /** Deletes a single event or a whole series; an occurrence's id deletes that occurrence only. */
  simulateEventDelete(oidOrUpn: string, id: string): void;
}

export function createCalendarState(sim: SimServices): CalendarState {
  const storeOf = (oidOrUpn: string) => sim.stores.get(calendarStores, findUser(oidOrUpn)?.oid ?? oidOrUpn.toLowerCase());
  const requireStore = (oidOrUpn: string): CalendarStore => {
    const store = storeOf(oidOrUpn);
    if (!store) throw new RangeError(`graphSim: no calendar for '${oidOrUpn}'`);
    return store;
  };
  const requireInstance = (store: CalendarStore, id: string) => {
    const instance = store.find(id);
    if (!instance) throw new RangeError(`graphSim: no event '${id}'`);
    return instance;
  };
  return {
    calendar: (oidOrUpn) => {
      const store = storeOf(oidOrUpn);
      if (!store) return undefined;
      return {
        events: () => [...store.events.keys()].map((id) => toGraphEvent(store.find(id)!, 'UTC')),
        view: (start, end, zone) => store.instances(Date.parse(start), Date.parse(end)).map((i) => toGraphEvent(i, answerZone(zone))),
        event: (id, zone) => {
          const instance = store.find(id);
          return instance && toGraphEvent(instance, answerZone(zone));
        },
      };
    },
    simulateEventCreate: (oidOrUpn, input) => {
      const store = requireStore(oidOrUpn);
      const fields = eventFields(store.owner, {
        subject: input.subject ?? 'Simulated event', startMs: Date.parse(input.start), endMs: Date.parse(input.end), isAllDay: input.isAllDay ?? false,
        timeZone: input.timeZone ?? 'UTC', location: input.location ?? null, bodyHtml: input.bodyHtml ?? '', showAs: input.showAs ?? 'busy', categories: input.categories ?? [],
        attendees: (input.attendees ?? []).map((emailAddress) => ({ emailAddress, type: 'required' as const, response: 'none' as const })),
        ...(input.reminderMinutes !== undefined ? { reminderMinutes: input.reminderMinutes } : {}),
      });
      return store.insert(fields, input.recurrence).id;
    },
    simulateInvitation: (organizer, attendee, input) => {
      const theirs = requireStore(organizer);
      const mine = requireStore(attendee);
      const me = { name: mine.owner.displayName, address: mine.owner.upn };
      const base = {
        subject: input.subject ?? 'Simulated meeting', startMs: Date.parse(input.start), endMs: Date.parse(input.end), isAllDay: input.isAllDay ?? false,
        timeZone: input.timeZone ?? 'UTC', location: input.location ?? null, bodyHtml: input.bodyHtml ?? '', showAs: input.showAs ?? 'busy', categories: input.categories ?? [],
        attendees: [me, ...(input.attendees ?? [])].map((emailAddress) => ({ emailAddress, type: 'required' as const, response: 'none' as const })),
      };
      const made = theirs.insert(eventFields(theirs.owner, base), input.recurrence);
      const copy = mine.insert(
        eventFields(theirs.owner, { ...base, isOrganizer: false, myResponse: 'notResponded', showAs: 'tentative' }),
        input.recurrence && structuredClone(input.recurrence),
      );
      copy.iCalUId = made.iCalUId;
      return { organizerEventId: made.id, attendeeEventId: copy.id };
    },
    simulateEventChange: (oidOrUpn, id, change) => {
      const store = requireStore(oidOrUpn);
      const instance = requireInstance(store, id);
      const fields: Partial<EventFields> = {
        ...(change.subject !== undefined ? { subject: change.subject } : {}),
        ...(change.start !== undefined ? { startMs: Date.parse(change.start) } : {}),
        ...(change.end !== undefined ? { endMs: Date.parse(change.end) } : {}),
        ...(change.location !== undefined ? { location: change.location } : {}),
        ...(change.bodyHtml !== undefined ? { bodyHtml: change.bodyHtml } : {}),
        ...(change.showAs !== undefined ? { showAs: change.showAs } : {}),
        ...(change.categories !== undefined ? { categories: change.categories } : {}),
      };
      if (instance.originalStartMs !== undefined) {
        const before = instance.record.overrides.get(instance.originalStartMs);
        instance.record.overrides.set(instance.originalStartMs, { deleted: false, fields: { ...before?.fields, ...fields } });
      } else {
        Object.assign(instance.record, fields);
        // A series moved in time keeps only the exceptions and deletions that still fall on an occurrence
        // (UNVERIFIED: Exchange may drop them all).
        if (instance.record.recurrence && (fields.startMs !== undefined || fields.endMs !== undefined)) {
          const starts = new Set(occurrenceStarts(instance.record, Number.POSITIVE_INFINITY));
          for (const original of [...instance.record.overrides.keys()]) if (!starts.has(original)) instance.record.overrides.delete(original);
        }
      }
      store.touch(instance.record);
    },
    simulateEventDelete: (oidOrUpn, id) => {
      const store = requireStore(oidOrUpn);
      const instance = requireInstance(store, id);
      if (instance.originalStartMs !== undefined) {
        instance.record.overrides.set(instance.originalStartMs, { deleted: true, fields: {} });
        store.touch(instance.record);
      } else {
        store.remove(instance.record.id);
      }
    },
  };
}
