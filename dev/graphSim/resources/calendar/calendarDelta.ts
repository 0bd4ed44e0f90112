import type { DeltaRound, DeltaState, RoundEntry } from '../../core/delta/deltaPaging';
import type { DeltaCollection } from '../../core/delta/serveDelta';
import { GraphError } from '../../core/graphError';
import type { HandlerContext } from '../../core/simContext';
import type { CalendarStore } from './calendarStore';
import type { EventInstance } from './calendarTypes';
import { requireCalendar } from './calendarHandlers';
import { answerZone, toGraphEvent } from './toGraphEvent';

/** What a calendarView deltaLink keeps: the window (fixed by the first request) and what each id looked like. */
export interface CalendarDeltaParams {
  startMs: number;
  endMs: number;
  /** Each reported instance's rendering in UTC: a later round reports those that differ. */
  prints: ReadonlyMap<string, string>;
}

/**
 * GET /me/calendarView/delta?startDateTime=&endDateTime= (https://learn.microsoft.com/graph/api/event-delta,
 * https://learn.microsoft.com/graph/delta-query-events): the primary calendar's instances in a window.
 * "Delta query doesn't support $select, $filter, $expand ... for calendarView": those are refused. The
 * window travels in the token, so links carry only `$skiptoken`/`$deltatoken`. Every instance that
 * leaves the window or is deleted comes as `@removed` (reason `deleted`).
 */
export function calendarViewDelta(ctx: HandlerContext): DeltaCollection<CalendarDeltaParams> {
  const store = requireCalendar(ctx);
  const query = ctx.request.query;
  for (const option of ['$select', '$filter', '$expand', '$orderby', '$search']) {
    // UNVERIFIED: the exact code and message; the docs only say the options are not supported.
    if (query.get(option) !== null) throw new GraphError(400, 'ErrorInvalidUrlQuery', `The query parameter '${option}' is not supported with delta for calendarView.`);
  }
  const zone = answerZone(ctx.prefer.timeZone);
  let current: Map<string, EventInstance> | undefined;
  const instancesOf = (params: CalendarDeltaParams) => (current ??= new Map(store.instances(params.startMs, params.endMs).map((i) => [i.id, i] as const)));
  return {
    key: 'calendar.view',
    path: 'calendarView/delta',
    itemType: 'event',
    start: () => startCalendarRound(store, firstWindow(ctx)),
    continueFrom: (state) => continueCalendarRound(store, state),
    render: (entry, round) => renderEntry(entry, round, instancesOf, zone),
    appliedPreferences: { timeZone: ctx.prefer.timeZone && zone },
  };
}

/** The first request's window; both ends required (UNVERIFIED: the code; the message is Exchange's). */
function firstWindow(ctx: HandlerContext): { startMs: number; endMs: number } {
  const query = ctx.request.query;
  const start = Date.parse(query.get('startdatetime') ?? '');
  const end = Date.parse(query.get('enddatetime') ?? '');
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new GraphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  }
  return { startMs: start, endMs: end };
}

const printOf = (instance: EventInstance) => JSON.stringify(toGraphEvent(instance, 'UTC'));

function startCalendarRound(store: CalendarStore, window: { startMs: number; endMs: number }): DeltaRound<CalendarDeltaParams> {
  const instances = store.instances(window.startMs, window.endMs);
  const prints = new Map(instances.map((i) => [i.id, printOf(i)] as const));
  const state: DeltaState<CalendarDeltaParams> = { collection: 'calendar.view', seq: 0, known: new Set(prints.keys()), params: { ...window, prints } };
  return { state, sinceSeq: 0, entries: instances.map((i) => ({ id: i.id, removed: false, partial: false })) };
}

/** Removed (gone or out of the window) first, then new and changed instances. */
function continueCalendarRound(store: CalendarStore, from: DeltaState<CalendarDeltaParams>): DeltaRound<CalendarDeltaParams> {
  const { startMs, endMs, prints: before } = from.params;
  const instances = store.instances(startMs, endMs);
  const prints = new Map(instances.map((i) => [i.id, printOf(i)] as const));
  const removed: RoundEntry[] = [...from.known].filter((id) => !prints.has(id)).map((id) => ({ id, removed: true, partial: false }));
  const changed: RoundEntry[] = instances.filter((i) => before.get(i.id) !== prints.get(i.id)).map((i) => ({ id: i.id, removed: false, partial: false }));
  return { state: { ...from, known: new Set(prints.keys()), params: { startMs, endMs, prints } }, sinceSeq: 0, entries: [...removed, ...changed] };
}

function renderEntry(entry: RoundEntry, round: DeltaRound<CalendarDeltaParams>, instancesOf: (p: CalendarDeltaParams) => Map<string, EventInstance>, zone: string): Record<string, unknown> | undefined {
  if (entry.removed) return { '@odata.type': '#microsoft.graph.event', id: entry.id, '@removed': { reason: 'deleted' } };
  const instance = instancesOf(round.state.params).get(entry.id);
  return instance && toGraphEvent(instance, zone);
}
