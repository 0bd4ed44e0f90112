import { findUser } from '../../../directory';
import { GraphError, graphErrors } from '../../core/graphError';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { createMailState } from '../mail/mailState';
import { requireObjectBody } from '../mail/resolveTargets';
import { requireCalendar } from './calendarHandlers';
import { createCalendarState } from './calendarState';
import { calendarStores } from './calendarStores';
import { occurrenceIdOf } from './calendarStore';

/**
 * POST /me/events/{id}/cancel (https://learn.microsoft.com/graph/api/event-cancel): "This action
 * allows the organizer of a meeting to send a cancellation message and cancel the event. The action
 * moves the event to the Deleted Items folder. The organizer can also cancel an occurrence of a
 * recurring meeting"; "If successful, this method returns 202 Accepted"; body `comment`. An attendee
 * "gets an error message" (UNVERIFIED which: 400 ErrorAccessDenied here). The event leaves the
 * organizer's calendar at once; after the delivery delay each simulated attendee's copy (by iCalUId)
 * becomes `isCancelled` and a `Canceled:` message reaches their Inbox.
 */
export function cancelEvent(ctx: HandlerContext, id: string): SimResponse {
  const store = requireCalendar(ctx);
  const body = requireObjectBody(ctx);
  if (body.comment !== undefined && typeof body.comment !== 'string') throw graphErrors.invalidRequest('comment must be a string.');
  const instance = store.find(id);
  if (!instance) throw graphErrors.itemNotFound();
  if (!instance.fields.isOrganizer) throw new GraphError(400, 'ErrorAccessDenied', 'Your request can\'t be completed. You need to be an organizer to cancel a meeting.');
  const { iCalUId } = instance.record;
  const subject = `Canceled: ${instance.fields.subject}`;
  const attendees = instance.fields.attendees.map((a) => a.emailAddress);
  const originalStartMs = instance.originalStartMs;
  const from = { name: store.owner.displayName, address: store.owner.upn };
  createCalendarState(ctx.sim).simulateEventDelete(ctx.oid, id);
  ctx.sim.scheduleDelivery(() => {
    for (const address of attendees) {
      const user = findUser(address.address);
      const theirs = user && ctx.sim.stores.get(calendarStores, user.oid);
      const copy = theirs && [...theirs.events.values()].find((r) => r.iCalUId === iCalUId);
      if (!user || !theirs || !copy) continue;
      if (originalStartMs === undefined) copy.isCancelled = true;
      else {
        const occurrence = theirs.find(occurrenceIdOf(copy.id, originalStartMs));
        if (occurrence) copy.overrides.set(originalStartMs, { deleted: false, fields: { ...copy.overrides.get(originalStartMs)?.fields, isCancelled: true } });
      }
      theirs.touch(copy);
      const mail = createMailState(ctx.sim);
      if (mail.mailbox(user.oid)) mail.simulateArrival(user.oid, { subject, from, to: [address], bodyText: typeof body.comment === 'string' ? body.comment : '' });
    }
  });
  return { status: 202, headers: {} };
}
