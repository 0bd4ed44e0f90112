import { foreignItemError } from '../../core/foreignItemError';
import { GraphError, graphErrors } from '../../core/graphError';
import { isWellFormedGraphId } from '../../core/graphIds';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { contextUrl, json, pageList, preferenceApplied } from '../../core/simResponses';
import type { CalendarStore } from './calendarStore';
import { calendarStores } from './calendarStores';
import { selectedEvent } from './eventHandlers';
import { answerZone, appliedZone, toGraphEvent } from './toGraphEvent';

export function requireCalendar(ctx: HandlerContext): CalendarStore {
  const store = ctx.sim.stores.get(calendarStores, ctx.oid);
  if (!store) throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  return store;
}

/**
 * GET /me/events/{id} (https://learn.microsoft.com/graph/api/event-get): a single event, a series
 * master, or an occurrence or exception by its own id; start/end in `Prefer: outlook.timezone`; `$select`.
 */
export function getEvent(ctx: HandlerContext, id: string): SimResponse {
  const store = requireCalendar(ctx);
  const instance = store.find(id);
  if (!instance) {
    const foreign = foreignItemError(id, store.owner.oid);
    if (foreign) throw foreign;
    throw isWellFormedGraphId(id) ? graphErrors.itemNotFound() : graphErrors.idMalformed();
  }
  const zone = answerZone(ctx.prefer.timeZone);
  return json(200, { '@odata.context': contextUrl(ctx, 'events/$entity'), ...selectedEvent(ctx, toGraphEvent(instance, zone)) }, preferenceApplied({ timeZone: appliedZone(ctx.prefer.timeZone) }));
}

/**
 * GET /me/calendarView?startDateTime=&endDateTime= (https://learn.microsoft.com/graph/api/user-list-calendarview):
 * the instances in the window, paged as a plain list, `$select` applied, start/end in `Prefer: outlook.timezone`.
 */
export function listCalendarView(ctx: HandlerContext): SimResponse {
  const store = requireCalendar(ctx);
  const start = Date.parse(ctx.request.query.get('startdatetime') ?? '');
  const end = Date.parse(ctx.request.query.get('enddatetime') ?? '');
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new GraphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  }
  const zone = answerZone(ctx.prefer.timeZone);
  const page = pageList(ctx, store.instances(start, end), 'calendarView');
  return json(
    200,
    { '@odata.context': contextUrl(ctx, 'calendarView'), value: page.value.map((i) => selectedEvent(ctx, toGraphEvent(i, zone))), ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}) },
    preferenceApplied({ maxPageSize: page.appliedPageSize, timeZone: appliedZone(ctx.prefer.timeZone) }),
  );
}
