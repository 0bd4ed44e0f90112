import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { eventSchema, fullEventSchema, type Event } from '../../shared/protocol/schemas/calendar';
import { toDeviceEvent } from '../../shared/translate/toDeviceEvent';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';
import { expectedCalendar } from '../device/calendarExpected';

/**
 * calendar/sync and calendar/get over the whole stack (simulator contract: test/contract/calendarView.test.ts):
 * a device replica converges on the calendarView of its window under creates, changes, deleted
 * occurrences and series, exceptions and events moved out of the window; times come in the zone asked;
 * the window and zone are sealed; bad windows and zones are 400.
 */
const dayInMs = 24 * 3600 * 1000;
const alice = 'alice@contoso.test';
const iso = (ms: number) => new Date(ms).toISOString();

describe('calendar/sync and calendar/get', () => {
  let stack: Stack;
  let token: string;
  const now = Date.now();
  const window = { start: iso(now - 30 * dayInMs), end: iso(now + 180 * dayInMs) };
  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token(alice);
    requestRecorder.start();
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });
  const call = (body: unknown) => stack.call('calendar/sync', body, token);

  /** Applies answers until `more` is false, as device-api.md's sync rules say; returns the new state. */
  async function syncInto(replica: Map<string, Event>, body: Record<string, unknown>): Promise<{ state: string; removed: string[] }> {
    let request = body;
    const seen = new Set<string>();
    let reset = false;
    const removed: string[] = [];
    for (;;) {
      const answer = await call(request);
      expect(answer.status).toBe(200);
      reset ||= answer.body.reset;
      for (const raw of answer.body.upserts) {
        const event = eventSchema.parse(raw);
        replica.set(event.id, event);
        seen.add(event.id);
      }
      for (const id of answer.body.removed as string[]) {
        replica.delete(id);
        removed.push(id);
      }
      if (!answer.body.more) {
        if (reset) for (const id of replica.keys()) if (!seen.has(id)) replica.delete(id);
        return { state: answer.body.state, removed };
      }
      request = { state: answer.body.state, window: body.window };
    }
  }

  /** The plain calendarView of the window plus its masters (test/device/calendarExpected.ts). */
  const expected = (timeZone = 'UTC') => expectedCalendar(stack.sim, alice, window, timeZone);

  it('converges on the calendarView of its window under creates, changes and deletes', async () => {
    const replica = new Map<string, Event>();
    let { state } = await syncInto(replica, { ...window, window: 7 });
    expect(replica).toEqual(expected());
    expect(new Set([...replica.values()].map((e) => e.type))).toEqual(new Set(['single', 'occurrence', 'exception', 'seriesMaster']));
    const sim = stack.sim.state;
    const occurrences = [...replica.values()].filter((e) => e.type === 'occurrence');
    const singles = [...replica.values()].filter((e) => e.type === 'single' && !e.allDay);
    const created = sim.simulateEventCreate(alice, { subject: 'Dentist', start: iso(now + 2 * dayInMs), end: iso(now + 2 * dayInMs + 3600_000) });
    const series = sim.simulateEventCreate(alice, {
      subject: 'Gym', start: iso(now + dayInMs), end: iso(now + dayInMs + 3600_000),
      recurrence: { pattern: { type: 'daily', interval: 2 }, range: { type: 'numbered', startDate: iso(now + dayInMs).slice(0, 10), numberOfOccurrences: 4 } },
    });
    sim.simulateEventChange(alice, singles[0]!.id, { subject: 'Renamed' });
    sim.simulateEventDelete(alice, occurrences[0]!.id);
    sim.simulateEventChange(alice, occurrences[1]!.id, { subject: 'Just this once' });
    sim.simulateEventChange(alice, singles[1]!.id, { start: iso(now + 400 * dayInMs), end: iso(now + 400 * dayInMs + 3600_000) });
    const next = await syncInto(replica, { state, window: 3 });
    state = next.state;
    expect(next.removed).toEqual(expect.arrayContaining([occurrences[0]!.id, singles[1]!.id]));
    expect(replica).toEqual(expected());
    expect(replica.get(created)).toMatchObject({ subject: 'Dentist', type: 'single' });
    expect([...replica.values()].filter((e) => e.seriesMasterId === series)).toHaveLength(4);
    expect(replica.get(occurrences[1]!.id)).toMatchObject({ type: 'exception', subject: 'Just this once' });
    sim.simulateEventDelete(alice, series);
    sim.simulateEventDelete(alice, created);
    await syncInto(replica, { state, ...window });
    expect(replica).toEqual(expected());
    expect([...replica.values()].filter((e) => e.seriesMasterId === series)).toEqual([]);
    expect(ferryRequestSummary(requestRecorder.entries()).problems).toEqual([]);
    const asked = requestRecorder.entries().find((r) => r.path === '/me/calendarView/delta' && r.query.some(([name]) => name === 'startdatetime'))!;
    expect(asked.query.map(([name]) => name).sort()).toEqual(['enddatetime', 'startdatetime']);
  });

  it('a timed event comes at the same instant in Europe/Berlin, America/New_York and Asia/Kolkata; an all-day one on the same dates', async () => {
    const timed = stack.sim.state.simulateEventCreate(alice, { subject: 'Zones', start: iso(now + 5 * dayInMs), end: iso(now + 5 * dayInMs + 1800_000) });
    const day = iso(Math.floor(now / dayInMs) * dayInMs + 6 * dayInMs);
    const allDay = stack.sim.state.simulateEventCreate(alice, { subject: 'Holiday', isAllDay: true, start: day, end: iso(Date.parse(day) + 2 * dayInMs) });
    for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      const replica = new Map<string, Event>();
      await syncInto(replica, { ...window, timeZone, window: 200 });
      expect(replica).toEqual(expected(timeZone));
      const event = replica.get(timed)!;
      expect(event.start).not.toMatch(/Z$/);
      expect(Date.parse(event.start!)).toBe(now + 5 * dayInMs - (now % 1000));
      expect(replica.get(allDay)).toMatchObject({ allDay: true, startDate: day.slice(0, 10), endDate: iso(Date.parse(day) + 2 * dayInMs).slice(0, 10) });
      expect(replica.get(allDay)!.start).toBeUndefined();
    }
  });

  it('400 for a bad window or zone, and for a new window or zone with a state; repeating them with the state is fine', async () => {
    const first = await call({ ...window, window: 1 });
    expect(first.status).toBe(200);
    const state = first.body.state;
    const bad = [
      { ...window, timeZone: 'Mars/Olympus' },
      { ...window, timeZone: 'Pacific Standard Time' },
      { start: window.start, end: iso(Date.parse(window.start) + 731 * dayInMs + 1000) },
      { start: window.end, end: window.start },
      { start: window.start, end: window.start },
      { start: window.start },
      {},
      { start: '2026-03-10T09:00:00', end: '2026-03-11T09:00:00' },
      { state, start: iso(Date.parse(window.start) + 1000) },
      { state, end: iso(Date.parse(window.end) + 1000) },
      { state, timeZone: 'Europe/Berlin' },
    ];
    for (const body of bad) {
      const answer = await call(body);
      expect([answer.status, answer.body.code, body]).toEqual([400, 'bad_request', body]);
    }
    expect((await call({ start: window.start, end: iso(Date.parse(window.start) + 731 * dayInMs) })).status).toBe(200);
    expect((await call({ state, ...window, timeZone: 'UTC', window: 1 })).status).toBe(200);
  });

  it('an expired delta token restarts the round (reset: true) on the sealed window, and the replica converges again', async () => {
    const replica = new Map<string, Event>();
    const { state } = await syncInto(replica, { ...window, timeZone: 'Europe/Berlin', window: 200 });
    expect(stack.sim.state.expireDeltaTokens(alice)).toBeGreaterThan(0);
    const gone = [...replica.keys()][0]!;
    stack.sim.state.simulateEventDelete(alice, gone);
    const first = await call({ state });
    expect([first.status, first.body.reset]).toEqual([200, true]);
    await syncInto(replica, { state });
    expect(replica).toEqual(expected('Europe/Berlin'));
    expect(replica.has(gone)).toBe(false);
  });

  it('window: 1 and 200 pass, 0 and 201 are 400', async () => {
    for (const [size, status] of [[1, 200], [200, 200], [0, 400], [201, 400]]) expect((await call({ ...window, window: size })).status).toBe(status);
  });

  it('calendar/get: the whole event with its body, occurrences by their own id; unknown ids are 404 not_found', async () => {
    const view = stack.sim.state.calendar(alice)!.view(window.start, window.end);
    const occurrence = view.find((e) => e.type === 'occurrence')!;
    const answer = await stack.call('calendar/get', { id: occurrence.id, timeZone: 'Asia/Kolkata' }, token);
    expect(answer.status).toBe(200);
    const event = fullEventSchema.parse(answer.body.event);
    expect(event).toEqual(fullEventSchema.parse({ ...toDeviceEvent(occurrence, { timeZone: 'Asia/Kolkata' }), body: { type: 'html', content: (occurrence.body as { content: string }).content } }));
    expect(event.start).toMatch(/\+05:30$/);
    const missing = await stack.call('calendar/get', { id: `${(occurrence.id as string).slice(0, -4)}Occ199001010000AAA=` }, token);
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
    const bobs = stack.sim.state.calendar('bob@contoso.test')!.view(window.start, window.end)[0]!;
    expect((await stack.call('calendar/get', { id: bobs.id }, token)).status).toBe(404);
    expect((await stack.call('calendar/get', { id: occurrence.id, timeZone: 'Nowhere/Else' }, token)).status).toBe(400);
  });
});
