import { findUser } from '../../../directory';
import type { SimServices } from '../../core/simContext';
import { createMailState } from '../mail/mailState';
import type { CalendarStore } from './calendarStore';
import { calendarStores } from './calendarStores';
import type { EventRecord } from './calendarTypes';
import { eventFields } from './demoCalendars';

/**
 * A new meeting reaches its attendees (user-post-events: "an invitation is sent to each attendee"):
 * after the delivery delay, each attendee who is a simulated user gets a copy in their calendar (same
 * iCalUId, `notResponded`, shown tentative) and the invitation in their Inbox. Others are dropped.
 * UNVERIFIED (simplified): the Inbox item is a plain message, not a microsoft.graph.eventMessage.
 */
export function deliverInvitations(sim: SimServices, organizer: CalendarStore, record: EventRecord): void {
  const attendees = record.attendees.map((a) => a.emailAddress);
  if (attendees.length === 0) return;
  const from = { name: organizer.owner.displayName, address: organizer.owner.upn };
  const snapshot = structuredClone({ ...record, overrides: undefined, extendedProperties: undefined });
  sim.scheduleDelivery(() => {
    const seen = new Set<string>();
    for (const address of attendees) {
      const user = findUser(address.address);
      const theirs = user && sim.stores.get(calendarStores, user.oid);
      if (!user || !theirs || seen.has(user.oid) || user.oid === organizer.owner.oid) continue;
      seen.add(user.oid);
      const copy = theirs.insert(
        eventFields(organizer.owner, {
          subject: snapshot.subject, bodyHtml: snapshot.bodyHtml, startMs: snapshot.startMs, endMs: snapshot.endMs, isAllDay: snapshot.isAllDay, timeZone: snapshot.timeZone,
          location: snapshot.location, attendees: snapshot.attendees, isOrganizer: false, myResponse: 'notResponded', showAs: 'tentative', categories: [],
        }),
        snapshot.recurrence,
      );
      copy.iCalUId = snapshot.iCalUId;
      const mail = createMailState(sim);
      if (mail.mailbox(user.oid)) mail.simulateArrival(user.oid, { subject: snapshot.subject, from, to: [address], bodyHtml: snapshot.bodyHtml });
    }
  });
}
