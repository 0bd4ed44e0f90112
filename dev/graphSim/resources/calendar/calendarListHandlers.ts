import { parseSelect } from '../../core/odataQuery';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { contextUrl, json, pageList, preferenceApplied } from '../../core/simResponses';
import { requireCalendar } from './calendarHandlers';
import { calendarSharesOf, calendarsOf, toGraphCalendar } from './calendarList';

const calendarProperties = [
  'id', 'name', 'color', 'hexColor', 'isDefaultCalendar', 'changeKey', 'canShare', 'canViewPrivateItems', 'canEdit',
  'allowedOnlineMeetingProviders', 'defaultOnlineMeetingProvider', 'isTallyingResponses', 'isRemovable', 'owner',
] as const;

function selected(ctx: HandlerContext, calendar: Record<string, unknown>): Record<string, unknown> {
  const fields = parseSelect(ctx.request.query.get('$select'), calendarProperties, 'calendar');
  if (!fields) return calendar;
  return Object.fromEntries(calendarProperties.filter((n) => n === 'id' || fields.includes(n)).map((n) => [n, calendar[n]]));
}

/**
 * GET /me/calendars (https://learn.microsoft.com/graph/api/user-list-calendars): "all the user's
 * calendars": own ones and those shared with the user, paged like any plain list, `$select` applied.
 */
export function listCalendars(ctx: HandlerContext): SimResponse {
  const store = requireCalendar(ctx);
  const calendars = calendarsOf(ctx.sim.stores, store, calendarSharesOf(ctx.sim)).map((c) => selected(ctx, toGraphCalendar(c)));
  const page = pageList(ctx, calendars, 'calendars');
  return json(
    200,
    { '@odata.context': contextUrl(ctx, 'calendars'), value: page.value, ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}) },
    preferenceApplied({ maxPageSize: page.appliedPageSize }),
  );
}

/** GET /me/calendar (https://learn.microsoft.com/graph/api/calendar-get): the primary calendar. */
export function getPrimaryCalendar(ctx: HandlerContext): SimResponse {
  const store = requireCalendar(ctx);
  const primary = calendarsOf(ctx.sim.stores, store, calendarSharesOf(ctx.sim)).find((c) => c.isDefaultCalendar)!;
  return json(200, { '@odata.context': contextUrl(ctx, 'calendars/$entity'), ...selected(ctx, toGraphCalendar(primary)) });
}
