import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * The simulator's calendar against Microsoft's documentation:
 * - GET /me/calendarView/delta (https://learn.microsoft.com/graph/delta-query-events, sample
 *   test/fixtures/graph-samples/event-delta-page1.json: "GET .../me/calendarView/delta?startdatetime=
 *   2016-12-01T00:00:00Z&enddatetime=2016-12-30T00:00:00Z", `Prefer: odata.maxpagesize=2`, answered by a
 *   page of events and an `@odata.nextLink` with `$skiptoken`). The docs: "Delta query doesn't support
 *   $select, $filter, $expand ... for calendarView"; a later round reports "the changes since the last
 *   round", deletions as `@removed` ("reason": "deleted").
 * - GET /me/events/{id} (https://learn.microsoft.com/graph/api/event-get, sample event-get.json); with
 *   `Prefer: outlook.timezone` "the start and end ... are returned in the specified time zone".
 * - All-day events (https://learn.microsoft.com/graph/api/resources/event, isAllDay): "start and end time
 *   must be set to midnight".
 */
const samplesDir = join(__dirname, '..', 'fixtures', 'graph-samples');
const sample = (name: string) => JSON.parse(readFileSync(join(samplesDir, `${name}.json`), 'utf8'));

function expectShape(ours: unknown, theirs: unknown, path = '$'): void {
  if (theirs === null) return void expect(ours).not.toBeUndefined();
  if (Array.isArray(theirs)) {
    expect(Array.isArray(ours)).toBe(true);
    if (theirs.length > 0) (ours as unknown[]).forEach((item) => expectShape(item, theirs[0], `${path}[]`));
    return;
  }
  if (typeof theirs === 'object') {
    expect(typeof ours).toBe('object');
    for (const [key, value] of Object.entries(theirs as Record<string, unknown>)) {
      if (!(key in (ours as object))) throw new Error(`${path}.${key}: missing`);
      expectShape((ours as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  if (typeof ours !== typeof theirs) throw new Error(`${path}: expected ${typeof theirs}, got ${JSON.stringify(ours)}`);
}

const dayInMs = 24 * 3600 * 1000;
const anchorInMs = Date.UTC(2026, 2, 2); // a Monday; Europe/Berlin is UTC+1 then
const iso = (ms: number) => new Date(ms).toISOString();
const window = `startDateTime=${iso(anchorInMs - 30 * dayInMs)}&endDateTime=${iso(anchorInMs + 60 * dayInMs)}`;

describe('graphSim calendar: calendarView delta and events', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, anchorInMs });
  });
  afterAll(() => h.close());
  const alice = () => h.sim.state.calendar('alice@contoso.test')!;

  it('a first calendarView delta page matches event-delta-page1.json, pages by odata.maxpagesize, links carry only the token', async () => {
    const page1 = await h.get(`/me/calendarView/delta?${window}`, { headers: { Prefer: 'odata.maxpagesize=2' } });
    expect(page1.status).toBe(200);
    const { value: sampleItems, ...sampleEnvelope } = sample('event-delta-page1');
    expectShape(page1.body, sampleEnvelope);
    expect(page1.body.value).toHaveLength(2);
    expect(page1.body['@odata.nextLink']).toMatch(/\/me\/calendarView\/delta\?\$skiptoken=[\w-]+$/);
    const all = await drain(h, `/me/calendarView/delta?${window}`, { headers: { Prefer: 'odata.maxpagesize=5' } });
    // Whole events (not the occurrence stubs of calendarOccurrenceStubs) have the sample's shape.
    for (const event of all.entries.filter((e) => e.type !== 'occurrence')) expectShape(event, sampleItems[0]);
    const view = alice().view(iso(anchorInMs - 30 * dayInMs), iso(anchorInMs + 60 * dayInMs));
    const masters = [...new Set(view.map((e) => e.seriesMasterId).filter((id): id is string => typeof id === 'string'))];
    expect(all.entries.map((e) => e.id).sort()).toEqual([...view.map((e) => e.id), ...masters].sort());
    expect(new Set(all.entries.map((e) => e.type))).toEqual(new Set(['singleInstance', 'occurrence', 'exception', 'seriesMaster']));
  });

  it.each(['$select=subject', '$filter=subject eq \'x\'', '$expand=attachments'])('calendarView delta refuses %s, and a first request without a window', async (option) => {
    expect((await h.get(`/me/calendarView/delta?${window}&${option}`)).status).toBe(400);
    expect((await h.get('/me/calendarView/delta')).status).toBe(400);
  });

  it('a later round reports creates, changes, an occurrence deleted, and an event moved out of the window as @removed', async () => {
    const first = await drain(h, `/me/calendarView/delta?${window}`);
    const series = first.entries.find((e) => e.type === 'occurrence')!;
    const single = first.entries.find((e) => e.type === 'singleInstance')!;
    const changed = first.entries.find((e) => e.type === 'singleInstance' && e.id !== single.id)!;
    const created = h.sim.state.simulateEventCreate('alice@contoso.test', { subject: 'New', start: iso(anchorInMs + dayInMs), end: iso(anchorInMs + dayInMs + 3600_000) });
    h.sim.state.simulateEventChange('alice@contoso.test', changed.id as string, { subject: 'Renamed' });
    h.sim.state.simulateEventDelete('alice@contoso.test', series.id as string);
    h.sim.state.simulateEventChange('alice@contoso.test', single.id as string, { start: iso(anchorInMs + 400 * dayInMs), end: iso(anchorInMs + 400 * dayInMs + 3600_000) });
    const next = await drain(h, first.deltaLink!);
    const removed = next.entries.filter((e) => e['@removed']).map((e) => e.id);
    expect(removed.sort()).toEqual([series.id, single.id].sort());
    expect(next.entries.find((e) => e.id === created)).toMatchObject({ subject: 'New', type: 'singleInstance' });
    expect(next.entries.find((e) => e.id === changed.id)).toMatchObject({ subject: 'Renamed' });
    expect(next.entries.find((e) => e['@removed'])).toEqual({ '@odata.type': '#microsoft.graph.event', id: expect.any(String), '@removed': { reason: 'deleted' } });
    const quiet = await drain(h, next.deltaLink!);
    expect(quiet.entries).toEqual([]);
  });

  it('GET /me/events/{id} matches event-get.json for singles, masters and occurrences; unknown ids are 404', async () => {
    const theirs = sample('event-get');
    delete theirs['calendar@odata.associationLink'];
    delete theirs['calendar@odata.navigationLink'];
    const view = alice().view(iso(anchorInMs - 30 * dayInMs), iso(anchorInMs + 60 * dayInMs));
    const withLocation = view.find((e) => (e.location as { displayName: string }).displayName !== '')!;
    const occurrence = view.find((e) => e.type === 'occurrence')!;
    expectShape((await h.get(`/me/events/${encodeURIComponent(withLocation.id as string)}`)).body, theirs);
    // Without a location Graph gives no uniqueId (an empty location: displayName '', uniqueIdType unknown).
    const { location: _location, ...rest } = theirs;
    for (const id of [occurrence.id, occurrence.seriesMasterId]) {
      const answer = await h.get(`/me/events/${encodeURIComponent(id as string)}`);
      expect(answer.status).toBe(200);
      expectShape(answer.body, rest);
    }
    const master = await h.get(`/me/events/${encodeURIComponent(occurrence.seriesMasterId as string)}`);
    expect(master.body).toMatchObject({ type: 'seriesMaster', recurrence: { pattern: { type: expect.any(String) } } });
    const missing = `${(occurrence.seriesMasterId as string).slice(0, -4)}Occ199001010000AAA=`;
    expect((await h.get(`/me/events/${encodeURIComponent(missing)}`)).status).toBe(404);
  });

  it('outlook.timezone gives start/end as wall times of the asked IANA zone (Preference-Applied); all-day events stay midnight to midnight', async () => {
    const id = h.sim.state.simulateEventCreate('alice@contoso.test', { start: '2026-03-10T08:00:00Z', end: '2026-03-10T09:00:00Z' });
    const berlin = await h.get(`/me/events/${encodeURIComponent(id)}`, { headers: { Prefer: 'outlook.timezone="Europe/Berlin"' } });
    expect(berlin.body.start).toEqual({ dateTime: '2026-03-10T09:00:00.0000000', timeZone: 'Europe/Berlin' });
    expect(berlin.headers.get('preference-applied')).toContain('outlook.timezone="Europe/Berlin"');
    const utc = await h.get(`/me/events/${encodeURIComponent(id)}`);
    expect(utc.body.start).toEqual({ dateTime: '2026-03-10T08:00:00.0000000', timeZone: 'UTC' });
    const allDay = h.sim.state.simulateEventCreate('alice@contoso.test', { isAllDay: true, start: '2026-03-12T00:00:00Z', end: '2026-03-14T00:00:00Z' });
    const kolkata = await h.get(`/me/events/${encodeURIComponent(allDay)}`, { headers: { Prefer: 'outlook.timezone="Asia/Kolkata"' } });
    expect(kolkata.body).toMatchObject({ isAllDay: true, start: { dateTime: '2026-03-12T00:00:00.0000000' }, end: { dateTime: '2026-03-14T00:00:00.0000000' } });
  });
});
