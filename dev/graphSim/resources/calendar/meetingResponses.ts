import { findUser } from '../../../directory';
import { graphErrors } from '../../core/graphError';
import { isWellFormedGraphId } from '../../core/graphIds';
import { foreignItemError } from '../../core/foreignItemError';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { createMailState } from '../mail/mailState';
import { requireObjectBody } from '../mail/resolveTargets';
import { requireCalendar } from './calendarHandlers';
import type { CalendarStore } from './calendarStore';
import { calendarStores } from './calendarStores';
import type { EventInstance, ResponseType } from './calendarTypes';
import { instantOfRequestTime } from './requestTimes';

export type MeetingAction = 'accept' | 'tentativelyAccept' | 'decline';

const responseOf: Record<MeetingAction, ResponseType> = { accept: 'accepted', tentativelyAccept: 'tentativelyAccepted', decline: 'declined' };
const subjectPrefix: Record<MeetingAction, string> = { accept: 'Accepted', tentativelyAccept: 'Tentative', decline: 'Declined' };

function requireInstance(ctx: HandlerContext, store: CalendarStore, id: string): EventInstance {
  const instance = store.find(id);
  if (instance) return instance;
  const foreign = foreignItemError(id, store.owner.oid);
  if (foreign) throw foreign;
  throw isWellFormedGraphId(id) ? graphErrors.itemNotFound() : graphErrors.idMalformed();
}

/**
 * POST /me/events/{id}/accept | tentativelyAccept | decline
 * (https://learn.microsoft.com/graph/api/event-accept, event-tentativelyaccept, event-decline):
 * "If successful, this method returns 202 Accepted response code." Body: `comment`, `sendResponse`
 * ("true if a response is to be sent to the organizer; otherwise, false. Optional. Default is true."),
 * and for tentativelyAccept/decline `proposedNewTime` ("can only be set if sendResponse is true"... an
 * invitee "can propose an alternative meeting time, only if allowNewTimeProposals is true").
 * The answer changes the attendee's own copy (its responseStatus) and, with sendResponse, after the
 * delivery delay puts a reply in the organizer's Inbox and sets the attendee's status on the organizer's
 * copy (found by iCalUId). A master's answer covers the series; an occurrence's, that occurrence
 * (it becomes an exception).
 * UNVERIFIED: the organizer answering his own meeting is 400 ErrorInvalidRequest (Exchange refuses it; the
 * exact code is not documented); a declined event stays in the calendar (Outlook may remove it); the
 * organizer's copy records the answer on the series whatever the scope.
 */
export function respondToEvent(ctx: HandlerContext, id: string, action: MeetingAction): SimResponse {
  const store = requireCalendar(ctx);
  const body = requireObjectBody(ctx);
  const instance = requireInstance(ctx, store, id);
  if (body.comment !== undefined && typeof body.comment !== 'string') throw graphErrors.invalidRequest('comment must be a string.');
  if (body.sendResponse !== undefined && typeof body.sendResponse !== 'boolean') throw graphErrors.invalidRequest('sendResponse must be a boolean.');
  const sendResponse = body.sendResponse !== false;
  if (body.proposedNewTime !== undefined && body.proposedNewTime !== null) {
    if (action === 'accept') throw graphErrors.invalidRequest("The property 'proposedNewTime' does not exist on type 'accept'.");
    if (!sendResponse) throw graphErrors.invalidRequest('proposedNewTime can only be set if sendResponse is true.');
    const slot = body.proposedNewTime as { start?: unknown; end?: unknown };
    instantOfRequestTime(slot.start, 'start');
    instantOfRequestTime(slot.end, 'end');
  }
  if (instance.fields.isOrganizer) throw graphErrors.invalidRequest("Your request can't be completed. You can't respond to this meeting because you're the meeting organizer.");
  if (instance.fields.isCancelled) throw graphErrors.invalidRequest("Your request can't be completed. The meeting was cancelled.");

  const response = responseOf[action];
  if (instance.originalStartMs !== undefined) {
    const before = instance.record.overrides.get(instance.originalStartMs);
    instance.record.overrides.set(instance.originalStartMs, { deleted: false, fields: { ...before?.fields, myResponse: response } });
  } else {
    instance.record.myResponse = response;
    // The series' answer holds for its exceptions too (UNVERIFIED: Exchange may keep an exception's own answer).
    for (const override of instance.record.overrides.values()) delete override.fields.myResponse;
  }
  store.touch(instance.record);

  if (sendResponse) {
    const organizer = instance.fields.organizer;
    const attendee = { name: store.owner.displayName, address: store.owner.upn };
    const iCalUId = instance.record.iCalUId;
    const subject = `${subjectPrefix[action]}: ${instance.fields.subject}`;
    const comment = typeof body.comment === 'string' ? body.comment : '';
    ctx.sim.scheduleDelivery(() => {
      const user = findUser(organizer.address);
      if (!user) return;
      const mail = createMailState(ctx.sim);
      if (mail.mailbox(user.oid)) mail.simulateArrival(user.oid, { subject, from: attendee, to: [organizer], bodyText: comment });
      const theirs = ctx.sim.stores.get(calendarStores, user.oid);
      const copy = theirs && [...theirs.events.values()].find((r) => r.iCalUId === iCalUId);
      const entry = copy?.attendees.find((a) => a.emailAddress.address.toLowerCase() === attendee.address.toLowerCase());
      if (copy && entry) {
        entry.response = response;
        theirs!.touch(copy);
      }
    });
  }
  return { status: 202, headers: {} };
}
