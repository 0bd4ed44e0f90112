import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getScheduleRequest } from '../../shared/graph/requests/scheduleRequests';
import { toDeviceCalendar } from '../../shared/translate/toDeviceCalendar';
import { toDeviceSchedule } from '../../shared/translate/toDeviceSchedule';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * The simulator's calendar list, getSchedule, plain events and calendarView against Microsoft's docs,
 * and Ferry's translators on the same samples:
 * - GET /me/calendars (https://learn.microsoft.com/graph/api/user-list-calendars, sample
 *   test/fixtures/graph-samples/user-list-calendars.json): "Get all the user's calendars". The calendar
 *   resource (https://learn.microsoft.com/graph/api/resources/calendar): hexColor "If the user has never
 *   explicitly set a color for the calendar, this property is empty"; canEdit "true for the user who
 *   created the calendar ... also true for a user who shared a calendar and granted write access"; owner
 *   "For a calendar shared with the user, the owner property is set to the person who shared that calendar".
 * - POST /me/calendar/getSchedule (https://learn.microsoft.com/graph/api/calendar-getschedule, sample
 *   calendar-getschedule.json): availabilityViewInterval "The default is 30 minutes, minimum is 5, maximum
 *   is 1440"; "If not specified, those time values are returned in UTC". The concept page
 *   (https://learn.microsoft.com/graph/outlook-get-free-busy-schedule): "up to 20 entities at once", "The
 *   time period to look up must be less than 62 days", subject and location only for events of normal or
 *   personal sensitivity whose owner shares the calendar; availabilityView "0= free or working elsewhere,
 *   1= tentative, 2= busy, 3= out of office". An unknown address: `{"scheduleId", "error": {"message":
 *   "Unable to resolve e-mail address <user_email> to an Active Directory object.", "responseCode": "5009"}}`
 *   (reported: https://github.com/microsoftgraph/microsoft-graph-docs/issues/11225).
 * - GET/POST /me/events, PATCH/DELETE /me/events/{id} (https://learn.microsoft.com/graph/api/user-list-events,
 *   .../user-post-events "201 Created", .../event-update "200 OK", .../event-delete "204 No Content").
 * - GET /me/calendarView (https://learn.microsoft.com/graph/api/user-list-calendarview): startDateTime and
 *   endDateTime required, `$select`, `Prefer: outlook.timezone`.
 */
const samplesDir = join(__dirname, '..', 'fixtures', 'graph-samples');
const sample = (name: string) => JSON.parse(readFileSync(join(samplesDir, `${name}.json`), 'utf8'));
const dayInMs = 24 * 3600 * 1000;
const hourInMs = 3600 * 1000;
const anchorInMs = Date.UTC(2026, 2, 2); // a Monday
const iso = (ms: number) => new Date(ms).toISOString();
const alice = 'alice@contoso.test';
const bob = 'bob@contoso.test';

/** A getSchedule body over [start, end) in UTC, as Ferry sends it. */
const scheduleBody = (addresses: string[], startMs: number, endMs: number, interval = 30) => getScheduleRequest(addresses, startMs, endMs, interval).body;

describe('graphSim calendars and getSchedule', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes, anchorInMs });
  });
  afterAll(() => h.close());

  it("/me/calendars has the sample's shape: the primary, a coloured one, and bob's shared calendar (owner bob, read only)", async () => {
    const answer = await h.get('/me/calendars');
    expect(answer.status).toBe(200);
    const theirs = sample('user-list-calendars').value[0];
    for (const calendar of answer.body.value) expect(Object.keys(calendar).sort()).toEqual(expect.arrayContaining(Object.keys(theirs).filter((k) => !k.startsWith('@')).sort()));
    const byName = Object.fromEntries(answer.body.value.map((c: { name: string }) => [c.name, c]));
    expect(byName.Calendar).toMatchObject({ isDefaultCalendar: true, color: 'auto', hexColor: '', canEdit: true, owner: { address: alice } });
    expect(byName.Team).toMatchObject({ isDefaultCalendar: false, color: 'lightGreen', hexColor: expect.stringMatching(/^#[0-9a-f]{6}$/), canEdit: true });
    expect(byName['Bob Kelly']).toMatchObject({ isDefaultCalendar: false, canEdit: false, canShare: false, owner: { name: 'Bob Kelly', address: bob } });
    // Bob's own list has no share from alice.
    expect((await h.get('/me/calendars', { user: bob })).body.value.map((c: { name: string }) => c.name)).toEqual(['Calendar', 'Team']);
    const primary = await h.get('/me/calendar?$select=id,name');
    expect(primary.body).toMatchObject({ id: byName.Calendar.id, name: 'Calendar' });
    expect(primary.body.color).toBeUndefined();
  });

  it("getSchedule has the sample's shape: alice sees bob's items, the view by interval, an unknown address as an error entry", async () => {
    const startMs = anchorInMs + 9 * hourInMs;
    const endMs = startMs + 9 * hourInMs;
    h.sim.state.simulateEventCreate(bob, { subject: 'Bob lunch', start: iso(anchorInMs + 12 * hourInMs), end: iso(anchorInMs + 14 * hourInMs), location: "Harry's Bar" });
    h.sim.state.simulateEventCreate(bob, { subject: 'Bob maybe', start: iso(anchorInMs + 16 * hourInMs), end: iso(anchorInMs + 17 * hourInMs), showAs: 'tentative' });
    const answer = await h.call('POST', '/me/calendar/getSchedule', { body: scheduleBody([bob, 'nobody@contoso.test'], startMs, endMs, 60) });
    expect(answer.status).toBe(200);
    const [bobs, unknown] = answer.body.value;
    const theirs = sample('calendar-getschedule').value[0];
    expect(Object.keys(bobs).sort()).toEqual(Object.keys(theirs).sort());
    expect(bobs.scheduleId).toBe(bob);
    expect(bobs.availabilityView).toHaveLength(9);
    expect(bobs.availabilityView.slice(3, 5)).toBe('22');
    expect(bobs.availabilityView[7]).toBe('1');
    const lunch = bobs.scheduleItems.find((i: { start: { dateTime: string } }) => i.start.dateTime === '2026-03-02T12:00:00.0000000');
    // Bob shares his calendar with alice: she sees the subject and location, as the concept page says.
    expect(lunch).toEqual({ isPrivate: false, status: 'busy', subject: 'Bob lunch', location: "Harry's Bar", start: { dateTime: '2026-03-02T12:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-03-02T14:00:00.0000000', timeZone: 'UTC' } });
    expect(unknown).toEqual({ scheduleId: 'nobody@contoso.test', error: { message: 'Unable to resolve e-mail address nobody@contoso.test to an Active Directory object.', responseCode: '5009' } });
    // Without a share (bob asks for alice's) only status and times.
    const other = await h.call('POST', '/me/calendar/getSchedule', { user: bob, body: scheduleBody([alice], anchorInMs - 30 * dayInMs, anchorInMs + 30 * dayInMs) });
    for (const item of other.body.value[0].scheduleItems) expect(Object.keys(item).sort()).toEqual(['end', 'start', 'status']);
  });

  it('getSchedule answers in Prefer: outlook.timezone (Windows names too) and takes the default interval of 30 minutes', async () => {
    const answer = await h.call('POST', '/me/calendar/getSchedule', {
      body: { schedules: [bob], startTime: { dateTime: '2026-03-02T00:00:00', timeZone: 'Pacific Standard Time' }, endTime: { dateTime: '2026-03-02T12:00:00', timeZone: 'Pacific Standard Time' } },
      headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
    expect(answer.body.value[0].availabilityView).toHaveLength(24);
    const lunch = answer.body.value[0].scheduleItems.find((i: { subject?: string }) => i.subject === 'Bob lunch');
    // 12:00 UTC on 2 March is 04:00 in Los Angeles (PST, UTC-8).
    expect(lunch.start).toEqual({ dateTime: '2026-03-02T04:00:00.0000000', timeZone: 'Pacific Standard Time' });
  });

  it.each([
    ['21 schedules', () => scheduleBody(Array.from({ length: 21 }, (_, i) => `u${i}@contoso.test`), anchorInMs, anchorInMs + hourInMs)],
    ['62 days', () => scheduleBody([bob], anchorInMs, anchorInMs + 62 * dayInMs)],
    ['an interval of 4', () => scheduleBody([bob], anchorInMs, anchorInMs + hourInMs, 4)],
    ['an interval of 1441', () => scheduleBody([bob], anchorInMs, anchorInMs + hourInMs, 1441)],
    ['no schedules', () => scheduleBody([], anchorInMs, anchorInMs + hourInMs)],
  ])('getSchedule refuses %s with 400', async (_name, body) => {
    expect((await h.call('POST', '/me/calendar/getSchedule', { body: body() })).status).toBe(400);
  });

  it('getSchedule takes 20 schedules, 61 days, intervals of 5 and 1440', async () => {
    const ok = async (body: unknown) => expect((await h.call('POST', '/me/calendar/getSchedule', { body })).status).toBe(200);
    await ok(scheduleBody(Array.from({ length: 20 }, () => bob), anchorInMs, anchorInMs + hourInMs));
    await ok(scheduleBody([bob], anchorInMs, anchorInMs + 61 * dayInMs, 1440));
    await ok(scheduleBody([bob], anchorInMs, anchorInMs + hourInMs, 5));
  });

  it('/me/events: create (201), list (singles and masters), patch (200; an occurrence becomes an exception), delete (204)', async () => {
    const created = await h.call('POST', '/me/events', {
      body: { subject: 'Plain write', start: { dateTime: '2026-03-05T10:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-03-05T11:00:00', timeZone: 'Europe/Berlin' }, location: { displayName: 'Room 9' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ subject: 'Plain write', type: 'singleInstance', start: { dateTime: '2026-03-05T09:00:00.0000000', timeZone: 'UTC' }, location: { displayName: 'Room 9' } });
    const list = await h.get('/me/events?$select=subject,type&$top=100');
    expect(list.body.value.map((e: { type: string }) => e.type).sort()).toEqual(expect.arrayContaining(['singleInstance', 'seriesMaster']));
    expect(list.body.value.every((e: { type: string }) => e.type === 'singleInstance' || e.type === 'seriesMaster')).toBe(true);
    expect(Object.keys(list.body.value[0]).sort()).toEqual(['@odata.etag', 'id', 'subject', 'type']);
    const patched = await h.call('PATCH', `/me/events/${encodeURIComponent(created.body.id)}`, { body: { subject: 'Plain write, changed', showAs: 'tentative' } });
    expect([patched.status, patched.body.subject, patched.body.showAs]).toEqual([200, 'Plain write, changed', 'tentative']);
    const occurrence = h.sim.state.calendar(alice)!.view(iso(anchorInMs - 30 * dayInMs), iso(anchorInMs + 60 * dayInMs)).find((e) => e.type === 'occurrence')!;
    const exception = await h.call('PATCH', `/me/events/${encodeURIComponent(occurrence.id as string)}`, { body: { subject: 'Just this once' } });
    expect([exception.status, exception.body.type, exception.body.subject]).toEqual([200, 'exception', 'Just this once']);
    expect((await h.call('DELETE', `/me/events/${encodeURIComponent(created.body.id)}`)).status).toBe(204);
    expect((await h.get(`/me/events/${encodeURIComponent(created.body.id)}`)).status).toBe(404);
    expect((await h.call('DELETE', `/me/events/${encodeURIComponent(created.body.id)}`)).status).toBe(404);
  });

  it('/me/calendarView: window required, $select applied (id and etag kept), Prefer: outlook.timezone', async () => {
    expect((await h.get('/me/calendarView')).status).toBe(400);
    const window = `startDateTime=${iso(anchorInMs)}&endDateTime=${iso(anchorInMs + 7 * dayInMs)}`;
    const view = await h.get(`/me/calendarView?${window}&$select=subject,start,end&$top=50`, { headers: { Prefer: 'outlook.timezone="Asia/Kolkata"' } });
    expect(view.status).toBe(200);
    expect(view.body.value.length).toBeGreaterThan(0);
    for (const event of view.body.value) {
      expect(Object.keys(event).sort()).toEqual(['@odata.etag', 'end', 'id', 'start', 'subject']);
      expect(event.start.timeZone).toBe('Asia/Kolkata');
    }
    expect((await h.get(`/me/calendarView?${window}&$select=nonsense`)).status).toBe(400);
  });

  it('a share with write access lists canEdit true; replaceMailbox gives the calendars new ids (last: it renews alice)', async () => {
    const before = (await h.get('/me/calendars')).body.value;
    h.sim.state.simulateCalendarShare(bob, alice, { canEdit: true });
    expect((await h.get('/me/calendars')).body.value.find((c: { name: string }) => c.name === 'Bob Kelly').canEdit).toBe(true);
    h.sim.state.simulateCalendarShare(bob, alice, { canEdit: false });
    h.sim.state.replaceMailbox({ user: alice, messageCount: 5 });
    const after = (await h.get('/me/calendars')).body.value;
    expect(after.map((c: { name: string }) => c.name)).toEqual(before.map((c: { name: string }) => c.name));
    expect(after.map((c: { id: string }) => c.id).some((id: string) => before.some((c: { id: string }) => c.id === id))).toBe(false);
  });
});

describe("Ferry's translators on the samples", () => {
  it('a calendar: an empty hexColor is null; isDefaultCalendar absent is not the default (the sample lacks it)', () => {
    expect(toDeviceCalendar(sample('user-list-calendars').value[0])).toEqual({
      id: 'AAMkAGI2TGuLAAA=', name: 'Calendar', color: 'auto', hexColor: null, isDefault: false, canEdit: true, owner: { name: 'Samantha Booth', address: 'samanthab@contoso.com' }, syncable: false,
    });
    expect(toDeviceCalendar({ id: 'x', name: 'Calendar', color: 'lightBlue', hexColor: '#a6d1f5', isDefaultCalendar: true, canEdit: true })).toMatchObject({ hexColor: '#a6d1f5', isDefault: true, syncable: true, owner: null });
  });

  it('a schedule: status, start and end only (no subject, location or isPrivate), times in the zone asked; a Windows zone read; 5009 is not_found', () => {
    const [adele, megan] = sample('calendar-getschedule').value;
    const schedule = toDeviceSchedule('adelev@contoso.onmicrosoft.com', adele, 'Europe/Berlin');
    // 12:00 PDT on 15 March 2019 (DST began on the 10th) is 19:00 UTC, 20:00 in Berlin.
    expect(schedule).toEqual({ address: 'adelev@contoso.onmicrosoft.com', view: '000220000', items: [{ start: '2019-03-15T20:00:00+01:00', end: '2019-03-15T22:00:00+01:00', status: 'busy' }] });
    expect(JSON.stringify(schedule)).not.toMatch(/lunch|Harry/i);
    expect(toDeviceSchedule('meganb@contoso.onmicrosoft.com', megan, 'UTC').items.map((i) => i.status)).toEqual(['busy', 'busy', 'tentative', 'busy', 'tentative']);
    expect(toDeviceSchedule('x@contoso.test', { scheduleId: 'x@contoso.test', error: { message: 'Unable to resolve', responseCode: '5009' } }, 'UTC')).toEqual({ address: 'x@contoso.test', items: [], view: '', error: { code: 'not_found' } });
    expect(toDeviceSchedule('x@contoso.test', { scheduleId: 'x@contoso.test', error: { message: 'other', responseCode: 'ErrorProxyRequestProcessingFailed' } }, 'UTC').error).toEqual({ code: 'upstream_error' });
    expect(toDeviceSchedule('x@contoso.test', undefined, 'UTC').error).toEqual({ code: 'upstream_error' });
    // The concept page's capitalised statuses; a zone Ferry cannot read makes that schedule an error, not the answer.
    expect(toDeviceSchedule('a@b.test', { scheduleItems: [{ status: 'Tentative' as never, start: { dateTime: '2018-08-06T09:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2018-08-06T10:30:00.0000000', timeZone: 'UTC' } }] }, 'UTC').items[0]!.status).toBe('tentative');
    expect(toDeviceSchedule('a@b.test', { scheduleItems: [{ status: 'busy', start: { dateTime: '2018-08-06T09:00:00', timeZone: 'Customized Time Zone' }, end: { dateTime: '2018-08-06T10:00:00', timeZone: 'Customized Time Zone' } }] }, 'UTC').error).toEqual({ code: 'upstream_error' });
  });
});
