import type { GraphSimFlags } from '../../dev/graphSim/core/simContext';
import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * The simulator's calendarView delta where Graph's docs are silent or say "may", each point a flag run
 * both ways (dev/graphSim/README.md, Flags).
 * - https://learn.microsoft.com/en-us/graph/api/event-delta, Response: "you may find a delta call
 *   returning two types of events under @removed with the reason deleted: Events that are within the
 *   date range and that have been deleted since the previous delta call. Events that are outside the
 *   date range and that have been added, deleted, or updated since the previous delta call." (flag
 *   `removedOutsideWindow`, set by the chaos profile's oddity of that name).
 * - The same page: "Expect a delta function call on a calendarView to return the same properties you'd
 *   normally get from a GET /calendarView request". Reported otherwise (issue #17): occurrences as five
 *   fields `id, seriesMasterId, type, start, end` (`calendarOccurrenceStubs`, on), series masters in the
 *   delta (`calendarMastersInDelta`, on), a series change sent as its master alone
 *   (`calendarSeriesChangeMasterOnly`), a deleted occurrence without `@removed`
 *   (`calendarDeletedOccurrenceSilent`); tokens much longer than the docs' samples
 *   (`calendarLongDeltaTokens`, 2,000 characters).
 * - Recurrence (https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence;
 *   https://learn.microsoft.com/en-us/graph/api/resources/recurrencepattern: "daily, weekly,
 *   absoluteMonthly, relativeMonthly, absoluteYearly, relativeYearly";
 *   https://learn.microsoft.com/en-us/graph/api/resources/recurrencerange: "endDate, noEnd, numbered",
 *   recurrenceTimeZone "The time zone for the startDate and endDate properties"): a master renders its
 *   pattern and range; its occurrences keep the wall time of that zone across DST; an occurrence keeps
 *   its id whatever happens to its series (UNVERIFIED how Exchange builds it: ours is the master's id
 *   and the original start).
 */
const dayInMs = 24 * 3600 * 1000;
// A replaced calendar is generated around today: the window is too.
const anchorInMs = Math.floor(Date.now() / dayInMs) * dayInMs;
const iso = (ms: number) => new Date(ms).toISOString();
const windowQuery = `startDateTime=${iso(anchorInMs - 30 * dayInMs)}&endDateTime=${iso(anchorInMs + 60 * dayInMs)}`;
const alice = 'alice@contoso.test';
const stubKeys = ['@odata.type', 'end', 'id', 'seriesMasterId', 'start', 'type'];

describe('graphSim calendarView delta: flagged points, both ways', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());
  const defaults = { calendarOccurrenceStubs: true, calendarMastersInDelta: true, calendarSeriesChangeMasterOnly: false, calendarDeletedOccurrenceSilent: false, calendarLongDeltaTokens: true, removedOutsideWindow: false };
  beforeEach(() => {
    h.sim.state.replaceMailbox({ user: alice, seed: 7 });
    h.sim.state.setFlags(defaults);
  });
  afterAll(() => h.sim.state.setFlags(defaults));
  const first = () => drain(h, `/me/calendarView/delta?${windowQuery}`, { headers: { Prefer: 'odata.maxpagesize=50' } });
  const set = (flags: Partial<GraphSimFlags>) => h.sim.state.setFlags(flags);

  it.each([true, false])('calendarOccurrenceStubs %s: an occurrence comes as five fields, or whole', async (on) => {
    set({ calendarOccurrenceStubs: on });
    const { entries } = await first();
    const occurrences = entries.filter((e) => e.type === 'occurrence');
    expect(occurrences.length).toBeGreaterThan(5);
    for (const occurrence of occurrences) {
      if (on) expect(Object.keys(occurrence).sort()).toEqual(stubKeys);
      else expect(occurrence).toMatchObject({ subject: expect.any(String), organizer: expect.any(Object), attendees: expect.any(Array) });
    }
    // Exceptions always come whole.
    expect(entries.filter((e) => e.type === 'exception').every((e) => typeof e.subject === 'string')).toBe(true);
  });

  it.each([true, false])('calendarMastersInDelta %s: the masters of the window\'s occurrences come in the delta, before their first instance', async (on) => {
    set({ calendarMastersInDelta: on });
    const { entries } = await first();
    const masters = entries.filter((e) => e.type === 'seriesMaster');
    const named = new Set(entries.map((e) => e.seriesMasterId).filter(Boolean));
    if (!on) return expect(masters).toEqual([]);
    expect(new Set(masters.map((m) => m.id))).toEqual(named);
    for (const master of masters) {
      const firstInstance = entries.findIndex((e) => e.seriesMasterId === master.id);
      expect(entries.indexOf(master)).toBeLessThan(firstInstance);
      expect(master.recurrence).toMatchObject({ pattern: { type: expect.any(String) }, range: { type: expect.any(String), recurrenceTimeZone: expect.any(String) } });
    }
  });

  it.each([true, false])('calendarSeriesChangeMasterOnly %s: a change to a whole series comes as its master alone, or with each occurrence', async (on) => {
    set({ calendarSeriesChangeMasterOnly: on });
    const round = await first();
    const occurrence = round.entries.find((e) => e.type === 'occurrence')!;
    h.sim.state.simulateEventChange(alice, occurrence.seriesMasterId as string, { subject: 'Renamed series' });
    const next = await drain(h, round.deltaLink!);
    const ofSeries = next.entries.filter((e) => e.id === occurrence.seriesMasterId || e.seriesMasterId === occurrence.seriesMasterId);
    expect(ofSeries.some((e) => e.id === occurrence.seriesMasterId)).toBe(true);
    expect(ofSeries.some((e) => e.type === 'occurrence')).toBe(!on);
  });

  it.each([true, false])('calendarSeriesChangeMasterOnly %s with masters out of the delta: the master comes (tracked for it), or not', async (on) => {
    set({ calendarSeriesChangeMasterOnly: on, calendarMastersInDelta: false });
    const round = await first();
    const occurrence = round.entries.find((e) => e.type === 'occurrence')!;
    h.sim.state.simulateEventChange(alice, occurrence.seriesMasterId as string, { subject: 'Renamed series' });
    const next = await drain(h, round.deltaLink!);
    expect(next.entries.some((e) => e.id === occurrence.seriesMasterId)).toBe(on);
  });

  it.each([true, false])('calendarDeletedOccurrenceSilent %s: a deleted occurrence brings no @removed, or one', async (on) => {
    set({ calendarDeletedOccurrenceSilent: on });
    const round = await first();
    const occurrence = round.entries.find((e) => e.type === 'occurrence')!;
    h.sim.state.simulateEventDelete(alice, occurrence.id as string);
    const next = await drain(h, round.deltaLink!);
    expect(next.entries.some((e) => e.id === occurrence.id && e['@removed'])).toBe(!on);
    // A whole series deleted is reported either way.
    h.sim.state.simulateEventDelete(alice, occurrence.seriesMasterId as string);
    const after = await drain(h, next.deltaLink!);
    expect(after.entries.filter((e) => e['@removed']).length).toBeGreaterThan(1);
  });

  it.each([[true, 2000], [false, 44]])('calendarLongDeltaTokens %s: tokens of %i characters', async (on, length) => {
    set({ calendarLongDeltaTokens: on });
    const page = await h.get(`/me/calendarView/delta?${windowQuery}`, { headers: { Prefer: 'odata.maxpagesize=2' } });
    const token = /\$skiptoken=([\w-]+)$/.exec(page.body['@odata.nextLink'] as string)![1]!;
    expect(token).toHaveLength(length);
    expect((await h.get(page.body['@odata.nextLink'] as string)).status).toBe(200);
  });

  it.each([true, false])('removedOutsideWindow %s: events outside the window that were added, changed or deleted come as @removed (id only)', async (on) => {
    set({ removedOutsideWindow: on });
    const round = await first();
    const far = h.sim.state.simulateEventCreate(alice, { subject: 'Far away', start: iso(anchorInMs + 300 * dayInMs), end: iso(anchorInMs + 300 * dayInMs + 3600_000) });
    const next = await drain(h, round.deltaLink!);
    const entry = next.entries.find((e) => e.id === far);
    if (on) expect(entry).toEqual({ '@odata.type': '#microsoft.graph.event', id: far, '@removed': { reason: 'deleted' } });
    else expect(entry).toBeUndefined();
    h.sim.state.simulateEventDelete(alice, far);
    const after = await drain(h, next.deltaLink!);
    expect(after.entries.some((e) => e.id === far)).toBe(on);
  });

  it('a weekly series in New York keeps 09:00 local across DST: its UTC time moves an hour', async () => {
    const id = h.sim.state.simulateEventCreate(alice, {
      subject: 'NY weekly', start: '2026-03-02T14:00:00Z', end: '2026-03-02T14:30:00Z', timeZone: 'America/New_York',
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 3, recurrenceTimeZone: 'America/New_York' } },
    });
    const view = h.sim.state.calendar(alice)!.view('2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z').filter((e) => e.seriesMasterId === id);
    expect(view.map((e) => (e.start as { dateTime: string }).dateTime)).toEqual(['2026-03-02T14:00:00.0000000', '2026-03-09T13:00:00.0000000', '2026-03-16T13:00:00.0000000']);
    const master = await h.get(`/me/events/${encodeURIComponent(id)}`);
    expect(master.body.recurrence).toMatchObject({ pattern: { type: 'weekly', daysOfWeek: ['monday'] }, range: { type: 'numbered', numberOfOccurrences: 3, recurrenceTimeZone: 'America/New_York' } });
  });

  it('occurrence ids are stable: the same in two rounds, after the series is renamed and after the occurrence became an exception', async () => {
    const round = await first();
    const ids = round.entries.filter((e) => e.type === 'occurrence').map((e) => e.id as string);
    const occurrence = round.entries.find((e) => e.type === 'occurrence')!;
    h.sim.state.simulateEventChange(alice, occurrence.seriesMasterId as string, { subject: 'Renamed series' });
    h.sim.state.simulateEventChange(alice, occurrence.id as string, { subject: 'Once' });
    const again = await first();
    expect(again.entries.filter((e) => e.type === 'occurrence' || e.type === 'exception').map((e) => e.id)).toEqual(expect.arrayContaining(ids));
    expect(again.entries.find((e) => e.id === occurrence.id)).toMatchObject({ type: 'exception', subject: 'Once' });
  });

  it('the seeded calendar holds every pattern type, an exception and a cancelled occurrence', () => {
    const masters = h.sim.state.calendar(alice)!.events().filter((e) => e.type === 'seriesMaster');
    expect(new Set(masters.map((m) => (m.recurrence as { pattern: { type: string } }).pattern.type))).toEqual(new Set(['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly']));
    expect(new Set(masters.map((m) => (m.recurrence as { range: { type: string } }).range.type))).toEqual(new Set(['endDate', 'noEnd', 'numbered']));
  });
});
