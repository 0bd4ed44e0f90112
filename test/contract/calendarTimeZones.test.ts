import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * `Prefer: outlook.timezone` on calendarView, its delta and events, with Windows and IANA names:
 * - https://learn.microsoft.com/graph/api/user-list-calendarview#request-headers: "Prefer:
 *   outlook.timezone=\"string\" ... Use this to specify the time zone for start and end times in the
 *   response. If not specified, those time values are returned in UTC."
 * - https://learn.microsoft.com/graph/api/resources/datetimetimezone: timeZone "Represents a time zone,
 *   for example, \"Pacific Standard Time\"", and the page lists the Windows names and the "additional time
 *   zones" (IANA names such as "America/Los_Angeles", "Europe/Berlin") Graph takes.
 * - Preference-Applied echoes the zone as asked (event-get sample's headers:
 *   `Preference-Applied: outlook.timezone="Pacific Standard Time"`, test/fixtures/graph-samples/event-get.source.txt).
 * UNVERIFIED (docs silent): an unknown name is ignored like a preference a server cannot honour (RFC 7240):
 * UTC, and Preference-Applied leaves the zone out.
 */
const dayInMs = 24 * 3600 * 1000;
const anchorInMs = Date.UTC(2026, 2, 2);
const iso = (ms: number) => new Date(ms).toISOString();
const window = `startDateTime=${iso(Date.UTC(2026, 2, 10))}&endDateTime=${iso(Date.UTC(2026, 2, 11))}`;

describe('graphSim calendar: Prefer outlook.timezone with Windows and IANA names', () => {
  let h: GraphSimHarness;
  let id: string;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, anchorInMs: anchorInMs - 400 * dayInMs });
    // 2026-03-10 17:00Z: before the US DST change (8 March 2026 is after: PDT, UTC-7), Berlin is UTC+1.
    id = h.sim.state.simulateEventCreate('alice@contoso.test', { subject: 'Zone', start: '2026-03-10T17:00:00Z', end: '2026-03-10T18:00:00Z' });
  });
  afterAll(() => h.close());

  const cases: Array<[string, string, string]> = [
    ['Pacific Standard Time', '2026-03-10T10:00:00.0000000', '2026-03-10T11:00:00.0000000'],
    ['W. Europe Standard Time', '2026-03-10T18:00:00.0000000', '2026-03-10T19:00:00.0000000'],
    ['America/Los_Angeles', '2026-03-10T10:00:00.0000000', '2026-03-10T11:00:00.0000000'],
    ['Europe/Berlin', '2026-03-10T18:00:00.0000000', '2026-03-10T19:00:00.0000000'],
  ];

  it.each(cases)('calendarView in %s: wall times of that zone, named as asked, echoed in Preference-Applied', async (zone, start, end) => {
    const answer = await h.get(`/me/calendarView?${window}`, { headers: { Prefer: `outlook.timezone="${zone}"` } });
    expect(answer.status).toBe(200);
    const event = answer.body.value.find((e: { id: string }) => e.id === id);
    expect(event.start).toEqual({ dateTime: start, timeZone: zone });
    expect(event.end).toEqual({ dateTime: end, timeZone: zone });
    expect(answer.headers.get('preference-applied')).toContain(`outlook.timezone="${zone}"`);
  });

  it.each(cases)('calendarView delta and events/{id} in %s: the same wall times and echo', async (zone, start) => {
    const headers = { Prefer: `outlook.timezone="${zone}"` };
    const delta = await drain(h, `/me/calendarView/delta?${window}`, { headers });
    expect(delta.entries.find((e) => e.id === id)?.start).toEqual({ dateTime: start, timeZone: zone });
    const first = await h.get(`/me/calendarView/delta?${window}`, { headers });
    expect(first.headers.get('preference-applied')).toContain(`outlook.timezone="${zone}"`);
    const one = await h.get(`/me/events/${encodeURIComponent(id)}`, { headers });
    expect(one.body.start).toEqual({ dateTime: start, timeZone: zone });
    expect(one.headers.get('preference-applied')).toContain(`outlook.timezone="${zone}"`);
  });

  it('an unknown zone name answers in UTC and is not echoed (UNVERIFIED)', async () => {
    const answer = await h.get(`/me/calendarView?${window}`, { headers: { Prefer: 'outlook.timezone="Mars Standard Time"' } });
    expect(answer.status).toBe(200);
    const event = answer.body.value.find((e: { id: string }) => e.id === id);
    expect(event.start).toEqual({ dateTime: '2026-03-10T17:00:00.0000000', timeZone: 'UTC' });
    expect(answer.headers.get('preference-applied') ?? '').not.toContain('outlook.timezone');
    const delta = await h.get(`/me/calendarView/delta?${window}`, { headers: { Prefer: 'outlook.timezone="Mars Standard Time"' } });
    expect(delta.headers.get('preference-applied') ?? '').not.toContain('outlook.timezone');
  });
});
