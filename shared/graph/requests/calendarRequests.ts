import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';
import { linkRequest, preferHeaders } from './linkRequest';

/**
 * First page of the primary calendar's calendarView delta over a window (UTC instants), events'
 * times in `timeZone`. https://learn.microsoft.com/graph/api/event-delta
 */
export function calendarViewDeltaRequest(window: { start: string; end: string; timeZone: string }, maxPageSize: number): GraphRequest {
  return buildRequest('calendarView.delta', {}, { query: { startDateTime: window.start, endDateTime: window.end }, headers: preferHeaders({ maxPageSize, timeZone: window.timeZone }) });
}

/** Later pages and rounds: the link as Graph gave it (the window is in its token), the Prefer headers again. */
export function calendarViewDeltaLinkRequest(link: string, maxPageSize: number, timeZone: string): GraphRequest {
  return linkRequest('calendarView.delta', link, preferHeaders({ maxPageSize, timeZone }));
}

/** One event (a single event, a master, an occurrence by its own id); `select` undefined: all of it. */
export function eventGetRequest(eventId: string, timeZone: string, select?: readonly string[]): GraphRequest {
  return buildRequest('events.get', { eventId }, { query: select ? { $select: select.join(',') } : {}, headers: preferHeaders({ timeZone }) });
}

export type MeetingAnswer = 'accept' | 'tentativelyAccept' | 'decline';

/**
 * A meeting answer (https://learn.microsoft.com/graph/api/event-accept and its siblings): body
 * `{comment?, sendResponse, proposedNewTime?}` as the event-*-request.json samples. Never repeated.
 */
export function eventAnswerRequest(
  eventId: string,
  action: MeetingAnswer,
  body: { comment?: string; sendResponse: boolean; proposedNewTime?: { start: { dateTime: string; timeZone: string }; end: { dateTime: string; timeZone: string } } },
): GraphRequest {
  return buildRequest(`events.${action}`, { eventId }, { body });
}

/** POST /me/events: the answer's times in `timeZone`. Never repeated (calendar/create looks its stamp up). */
export function eventCreateRequest(body: Record<string, unknown>, timeZone: string): GraphRequest {
  return buildRequest('events.create', {}, { body, headers: preferHeaders({ timeZone }) });
}

/** The primary calendar's events whose named property `keyId` is `key`, with the property `hashId` expanded. */
export function eventFindByPropertyRequest(keyId: string, key: string, hashId: string, top: number, timeZone: string): GraphRequest {
  const quote = (text: string) => text.replace(/'/g, "''");
  return buildRequest('events.findByProperty', {}, {
    query: {
      $filter: `singleValueExtendedProperties/Any(ep: ep/id eq '${quote(keyId)}' and ep/value eq '${quote(key)}')`,
      $expand: `singleValueExtendedProperties($filter=id eq '${quote(hashId)}')`,
      $top: String(top),
    },
    headers: preferHeaders({ timeZone }),
  });
}

/** The organizer cancels a meeting or one occurrence (event-cancel); never repeated. */
export function eventCancelRequest(eventId: string, comment: string | undefined): GraphRequest {
  return buildRequest('events.cancel', { eventId }, { body: comment === undefined ? {} : { comment } });
}

export function eventDeleteRequest(eventId: string): GraphRequest {
  return buildRequest('events.delete', { eventId });
}
