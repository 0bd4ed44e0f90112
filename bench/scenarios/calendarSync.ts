import { eventFields } from '../../shared/translate/toDeviceEvent';
import type { LinkClient } from '../clients/linkClient';
import { pathOf } from '../direct/directSync';
import { row } from '../report/rows';
import { benchUser, demoUser } from '../stack/benchMailboxes';
import type { BenchContext, RunOutcome } from './benchContext';
import { runRepeats } from './runRepeats';
import { absoluteRows, bytesRow, ratioRow, type Breakdown, type Scenario } from './scenario';

const dayInMs = 24 * 3600 * 1000;
/** The device's zone: Graph renders times in it on the direct path, Ferry converts to it. */
const timeZone = 'Europe/Berlin';
/** Entries per answer (Ferry's largest `window`) and per Graph page on the direct path. */
const pageSize = 200;

interface Window {
  start: string;
  end: string;
}

/** A device syncing its calendar window through Ferry: calendar/sync until `more: false`. */
async function ferryCalendar(client: LinkClient, token: string, window: Window): Promise<RunOutcome & { events: number }> {
  const answers: unknown[] = [];
  let wireBodyBytes = 0;
  let events = 0;
  let state: string | undefined;
  for (let call = 1; ; call++) {
    const body = state ? { state, window: pageSize } : { ...window, timeZone, window: pageSize };
    const answer = await client.request({ method: 'POST', path: '/api/v1/calendar/sync', headers: { authorization: `Bearer ${token}` }, body });
    if (answer.status !== 200) throw new Error(`calendar/sync answered ${answer.status} ${(answer.json as { code?: string } | undefined)?.code ?? ''}`);
    const json = answer.json as { state: string; more: boolean; upserts: unknown[] };
    answers.push(json);
    wireBodyBytes += answer.wireBodyBytes;
    events += json.upserts.length;
    state = json.state;
    if (!json.more) return { roundTrips: call, wireBodyBytes, answers, events };
    if (call >= 50) throw new Error('calendar/sync kept answering more: true');
  }
}

/** Follows a Graph collection's nextLinks (and a delta's to its deltaLink), counting round trips and bytes. */
async function directPages(client: LinkClient, token: string, first: string, prefer: string): Promise<RunOutcome & { events: number }> {
  const headers = { authorization: `Bearer ${token}`, prefer };
  const answers: unknown[] = [];
  let wireBodyBytes = 0;
  let events = 0;
  let path: string | undefined = first;
  for (let page = 1; path; page++) {
    const answer = await client.request({ method: 'GET', path, headers });
    if (answer.status !== 200) throw new Error(`Graph answered ${answer.status}`);
    const json = answer.json as { value: unknown[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    answers.push(json);
    wireBodyBytes += answer.wireBodyBytes;
    events += json.value.length;
    if (json['@odata.deltaLink'] || !json['@odata.nextLink']) return { roundTrips: page, wireBodyBytes, answers, events };
    path = pathOf(json['@odata.nextLink']);
    if (page >= 50) throw new Error('Graph kept answering nextLinks');
  }
  throw new Error('unreachable');
}

/**
 * The best direct client for "today": a plain calendarView of the day with `$select` of exactly the
 * fields Ferry maps, `$top` of a whole page, times in the device's zone, immutable ids, gzip.
 */
function directToday(client: LinkClient, token: string, window: Window) {
  const query = new URLSearchParams({ startDateTime: window.start, endDateTime: window.end, $select: eventFields.join(','), $top: String(pageSize) });
  return directPages(client, token, `/v1.0/me/calendarView?${query.toString()}`, `outlook.timezone="${timeZone}", IdType="ImmutableId"`);
}

/** The best direct client for the whole window: calendarView delta (it takes no `$select`), pages of 200, to the deltaLink. */
function directWindow(client: LinkClient, token: string, window: Window) {
  const query = new URLSearchParams({ startDateTime: window.start, endDateTime: window.end });
  return directPages(client, token, `/v1.0/me/calendarView/delta?${query.toString()}`, `odata.maxpagesize=${pageSize}, outlook.timezone="${timeZone}", IdType="ImmutableId"`);
}

/** The advised window: 30 days back to 180 ahead. */
const windowDays = { from: -30, to: 180 };

/** Samples of "today" and of the advised window for one user's calendar, and the events each path got. */
async function measureCalendar(context: BenchContext, user: string) {
  const ferryToken = await context.ferryToken(user);
  const graphToken = await context.graphToken(user);
  const midnight = Math.floor(Date.now() / dayInMs) * dayInMs;
  const today = { start: new Date(midnight).toISOString(), end: new Date(midnight + dayInMs).toISOString() };
  const advised = { start: new Date(midnight + windowDays.from * dayInMs).toISOString(), end: new Date(midnight + windowDays.to * dayInMs).toISOString() };
  // Untimed warm-up, one run per path (connections, JIT, Ferry's token cache).
  await ferryCalendar(context.setup.ferry, ferryToken, today);
  await directToday(context.setup.graph, graphToken, today);
  const counts = { todayFerry: [] as number[], todayDirect: [] as number[], windowFerry: [] as number[], windowDirect: [] as number[] };
  const measured = (variant: 'ferry-br' | 'direct-gzip', run: (client: LinkClient) => Promise<RunOutcome & { events: number }>, into: number[]) =>
    context.measure(variant, user, async (client) => {
      const outcome = await run(client);
      into.push(outcome.events);
      return outcome;
    });
  const todaySamples = await runRepeats(context.options.repeats, [
    { variant: 'ferry-br', run: () => measured('ferry-br', (c) => ferryCalendar(c, ferryToken, today), counts.todayFerry) },
    { variant: 'direct-gzip', run: () => measured('direct-gzip', (c) => directToday(c, graphToken, today), counts.todayDirect) },
  ]);
  const windowSamples = await runRepeats(context.options.repeats, [
    { variant: 'ferry-br', run: () => measured('ferry-br', (c) => ferryCalendar(c, ferryToken, advised), counts.windowFerry) },
    { variant: 'direct-gzip', run: () => measured('direct-gzip', (c) => directWindow(c, graphToken, advised), counts.windowDirect) },
  ]);
  return { todaySamples, windowSamples, counts };
}

/**
 * 13. Calendar: "today", the day's events (Ferry's calendar/sync over the day against a plain
 * calendarView with `$select`), and the advised window 30 days back to 180 ahead (a first calendar/sync
 * against calendarView delta, which takes no `$select`: Graph sends whole events). The targets are
 * measured on the bench's own calendar, a working user's (bob's demo calendar plus three to six seeded
 * meetings a weekday, bench/stack/busyCalendar.ts): alice's small demo calendar (a few events a day) is
 * printed too, as `demo-today`/`demo-calendar`, without targets: there headers and the sealed state
 * outweigh the events (docs/performance.md, "Calendar").
 */
export const calendarSync: Scenario = {
  name: 'calendar',
  title: 'calendar: today, and a first sync of -30..+180 days (a working calendar; the demo one printed too)',
  budgetInSeconds: 20,
  async run(context) {
    const demo = await measureCalendar(context, demoUser);
    await context.stack.sim.busyCalendar(benchUser, context.options.seed, windowDays.from - 1, windowDays.to + 1);
    const busy = await measureCalendar(context, benchUser);
    const breakdowns: Breakdown[] = [];
    const counted = (prefix: string, counts: typeof busy.counts) => [
      row(`${prefix}today.events.ferry`, counts.todayFerry, null, 'count'),
      row(`${prefix}today.events.direct`, counts.todayDirect, null, 'count'),
      row(`${prefix}calendar.events.ferry`, counts.windowFerry, null, 'count'),
      row(`${prefix}calendar.events.direct`, counts.windowDirect, null, 'count'),
    ];
    return {
      rows: [
        bytesRow(busy.todaySamples, 'today', 'ferry-br', 'direct-gzip', 0.7, breakdowns),
        ratioRow(busy.todaySamples, 'today.round-trips.ferry/direct', 'ferry-br', 'direct-gzip', (s) => s.roundTrips, 1.0),
        bytesRow(busy.windowSamples, 'calendar', 'ferry-br', 'direct-gzip', 0.5, breakdowns),
        ratioRow(busy.windowSamples, 'calendar.round-trips.ferry/direct', 'ferry-br', 'direct-gzip', (s) => s.roundTrips, 1.0),
        ratioRow(demo.todaySamples, 'demo-today.bytes.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.deviceBytes, null),
        ratioRow(demo.windowSamples, 'demo-calendar.bytes.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.deviceBytes, null),
        ...counted('', busy.counts),
        ...counted('demo-', demo.counts),
        row('calendar.graph-calls.ferry', busy.windowSamples['ferry-br']!.map((s) => s.graphCalls + s.batches), null, 'count'),
        ...absoluteRows(busy.todaySamples, 'today'),
        ...absoluteRows(busy.windowSamples, 'calendar'),
        ...absoluteRows(demo.todaySamples, 'demo-today'),
        ...absoluteRows(demo.windowSamples, 'demo-calendar'),
      ],
      breakdowns,
    };
  },
};
