import type { DeltaRound, DeltaState, RoundEntry } from '../../core/delta/deltaPaging';
import type { DeltaCollection } from '../../core/delta/serveDelta';
import { GraphError } from '../../core/graphError';
import type { GraphSimFlags, HandlerContext } from '../../core/simContext';
import { parseOccurrenceId, type CalendarStore } from './calendarStore';
import type { EventInstance } from './calendarTypes';
import { requireCalendar } from './calendarHandlers';
import { answerZone, appliedZone, toGraphEvent } from './toGraphEvent';

/** What a calendarView deltaLink keeps: the window (fixed by the first request) and what each id looked like. */
export interface CalendarDeltaParams {
  startMs: number;
  endMs: number;
  /** Each reported item's rendering in UTC: a later round reports those that differ. */
  prints: ReadonlyMap<string, string>;
  /** For items reported partially (`partialUpdates`): their rendering before the change. */
  before?: ReadonlyMap<string, string>;
}

/** UNVERIFIED (`calendarLongDeltaTokens`): bytes of a calendar token, 2,000 base64url characters. */
const longTokenBytes = 1500;

type Flags = Pick<GraphSimFlags, 'calendarOccurrenceStubs' | 'calendarMastersInDelta' | 'calendarSeriesChangeMasterOnly' | 'calendarDeletedOccurrenceSilent' | 'removedOutsideWindow' | 'partialUpdates'>;

/**
 * GET /me/calendarView/delta?startDateTime=&endDateTime= (https://learn.microsoft.com/graph/api/event-delta,
 * https://learn.microsoft.com/graph/delta-query-events): the primary calendar's instances in a window.
 * "Delta query doesn't support $select, $filter, $expand ... for calendarView": those are refused. The
 * window travels in the token, so links carry only `$skiptoken`/`$deltatoken`. Every instance that
 * leaves the window or is deleted comes as `@removed` (reason `deleted`). The flags choose where the
 * docs are silent (dev/graphSim/README.md): occurrence stubs, masters in the delta, series changes
 * by the master alone, silent occurrence deletions, long tokens, `@removed` for events outside the window.
 */
export function calendarViewDelta(ctx: HandlerContext): DeltaCollection<CalendarDeltaParams> {
  const store = requireCalendar(ctx);
  const query = ctx.request.query;
  for (const option of ['$select', '$filter', '$expand', '$orderby', '$search']) {
    // UNVERIFIED: the exact code and message; the docs only say the options are not supported.
    if (query.get(option) !== null) throw new GraphError(400, 'ErrorInvalidUrlQuery', `The query parameter '${option}' is not supported with delta for calendarView.`);
  }
  const zone = answerZone(ctx.prefer.timeZone);
  const flags: Flags = { ...ctx.sim.flags };
  let current: Map<string, EventInstance> | undefined;
  const itemsOf = (params: CalendarDeltaParams) => (current ??= viewItems(store, params, flags));
  return {
    key: 'calendar.view',
    path: 'calendarView/delta',
    itemType: 'event',
    start: () => startCalendarRound(store, firstWindow(ctx), flags),
    continueFrom: (state) => continueCalendarRound(store, state, flags, () => ctx.sim.random.chance(0.5)),
    render: (entry, round) => renderEntry(entry, round, itemsOf, zone, flags),
    appliedPreferences: { timeZone: appliedZone(ctx.prefer.timeZone) },
    ...(ctx.sim.flags.calendarLongDeltaTokens ? { tokenBytes: longTokenBytes } : {}),
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

/**
 * What the delta tracks in a window, in order: the instances, and with `calendarMastersInDelta` (or
 * `calendarSeriesChangeMasterOnly`) each instance's master just before its first instance (UNVERIFIED:
 * where Exchange puts it).
 */
function viewItems(store: CalendarStore, window: { startMs: number; endMs: number }, flags: Flags): Map<string, EventInstance> {
  const items = new Map<string, EventInstance>();
  for (const instance of store.instances(window.startMs, window.endMs)) {
    // A series change sent as its master alone needs the master tracked too.
    if ((flags.calendarMastersInDelta || flags.calendarSeriesChangeMasterOnly) && instance.seriesMasterId && !items.has(instance.seriesMasterId)) {
      const master = store.find(instance.seriesMasterId);
      if (master) items.set(master.id, master);
    }
    items.set(instance.id, instance);
  }
  return items;
}

const printOf = (instance: EventInstance) => JSON.stringify(toGraphEvent(instance, 'UTC'));

function printsOf(items: Map<string, EventInstance>): Map<string, string> {
  return new Map([...items].map(([id, instance]) => [id, printOf(instance)] as const));
}

function startCalendarRound(store: CalendarStore, window: { startMs: number; endMs: number }, flags: Flags): DeltaRound<CalendarDeltaParams> {
  const prints = printsOf(viewItems(store, window, flags));
  const state: DeltaState<CalendarDeltaParams> = { collection: 'calendar.view', seq: store.sequence, known: new Set(prints.keys()), params: { ...window, prints } };
  return { state, sinceSeq: 0, entries: [...prints.keys()].map((id) => ({ id, removed: false, partial: false })) };
}

/** An occurrence's own part (`calendarSeriesChangeMasterOnly`): what a change to its series alone does not touch. */
function ownPart(print: string | undefined): string | undefined {
  if (print === undefined) return undefined;
  const event = JSON.parse(print) as Record<string, unknown>;
  return JSON.stringify([event.start, event.end]);
}

/** Removed (gone or out of the window) first, then new and changed items. */
function continueCalendarRound(store: CalendarStore, from: DeltaState<CalendarDeltaParams>, flags: Flags, drawPartial: () => boolean): DeltaRound<CalendarDeltaParams> {
  const { startMs, endMs, prints: before } = from.params;
  const items = viewItems(store, { startMs, endMs }, flags);
  const prints = printsOf(items);
  const removed: RoundEntry[] = [...from.known].filter((id) => !prints.has(id) && !silentlyDeleted(store, id, flags)).map((id) => ({ id, removed: true, partial: false }));
  const changedSince = (instance: EventInstance) => {
    const was = before.get(instance.id);
    const now = prints.get(instance.id);
    if (flags.calendarSeriesChangeMasterOnly && instance.type === 'occurrence' && was !== undefined) return ownPart(was) !== ownPart(now);
    return was !== now;
  };
  const changed: RoundEntry[] = [...items.values()]
    .filter(changedSince)
    // Partial updates: an updated (not new) item, never an occurrence stub, sometimes comes with only what changed.
    .map((i) => ({ id: i.id, removed: false, partial: flags.partialUpdates && before.has(i.id) && !isStub(i, flags) && drawPartial() }));
  const outside = flags.removedOutsideWindow ? removedOutsideWindow(store, from.seq, prints, new Set(removed.map((r) => r.id))) : [];
  const partialBefore = new Map(changed.filter((c) => c.partial).map((c) => [c.id, before.get(c.id)!] as const));
  return {
    state: { ...from, seq: store.sequence, known: new Set(prints.keys()), params: { startMs, endMs, prints, before: partialBefore } },
    sinceSeq: from.seq,
    entries: [...removed, ...outside, ...changed],
  };
}

/**
 * `calendarDeletedOccurrenceSilent`: an occurrence deleted from a series that still exists is not
 * reported (UNVERIFIED: reported to happen; a full round finds it gone).
 */
function silentlyDeleted(store: CalendarStore, id: string, flags: Flags): boolean {
  if (!flags.calendarDeletedOccurrenceSilent) return false;
  const parsed = parseOccurrenceId(id);
  return parsed !== undefined && store.events.get(parsed.masterId)?.overrides.get(parsed.originalStartMs)?.deleted === true;
}

/**
 * Events outside the window "that have been added, deleted, or updated since the previous delta call"
 * come as `@removed` (https://learn.microsoft.com/graph/api/event-delta, Response), id only: singles
 * and series by their own (master's) id. UNVERIFIED: which ids Exchange sends for a series.
 */
function removedOutsideWindow(store: CalendarStore, sinceSeq: number, inWindow: ReadonlyMap<string, string>, alreadyRemoved: ReadonlySet<string>): RoundEntry[] {
  const ids: string[] = [];
  for (const record of store.events.values()) {
    if (record.seq <= sinceSeq || inWindow.has(record.id)) continue;
    const hasInstanceInWindow = [...inWindow.keys()].some((id) => id === record.id || parseOccurrenceId(id)?.masterId === record.id);
    if (!hasInstanceInWindow) ids.push(record.id);
  }
  for (const [id, seq] of store.removedAt) if (seq > sinceSeq) ids.push(id);
  return [...new Set(ids)].filter((id) => !alreadyRemoved.has(id)).map((id) => ({ id, removed: true, partial: false }));
}

const isStub = (instance: EventInstance, flags: Flags) => flags.calendarOccurrenceStubs && instance.type === 'occurrence';

function renderEntry(entry: RoundEntry, round: DeltaRound<CalendarDeltaParams>, itemsOf: (p: CalendarDeltaParams) => Map<string, EventInstance>, zone: string, flags: Flags): Record<string, unknown> | undefined {
  if (entry.removed) return { '@odata.type': '#microsoft.graph.event', id: entry.id, '@removed': { reason: 'deleted' } };
  const instance = itemsOf(round.state.params).get(entry.id);
  if (!instance) return undefined;
  const event = toGraphEvent(instance, zone);
  // UNVERIFIED (`calendarOccurrenceStubs`, reported): a plain occurrence comes as five fields.
  if (isStub(instance, flags)) return { '@odata.type': event['@odata.type'], id: event.id, seriesMasterId: event.seriesMasterId, type: event.type, start: event.start, end: event.end };
  const was = entry.partial ? round.state.params.before?.get(entry.id) : undefined;
  if (was === undefined) return event;
  // Only what changed (compared in UTC), the id and the type annotation.
  const old = JSON.parse(was) as Record<string, unknown>;
  const utc = toGraphEvent(instance, 'UTC');
  const changedKeys = Object.keys(event).filter((key) => JSON.stringify(utc[key]) !== JSON.stringify(old[key]));
  return Object.fromEntries([['@odata.type', event['@odata.type']], ['id', event.id], ...changedKeys.map((key) => [key, event[key]] as const)]);
}
