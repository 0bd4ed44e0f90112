import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import type { RecurrenceRecord } from '../../dev/graphSim/resources/calendar/calendarTypes';
import type { Event } from '../../shared/protocol/schemas/calendar';
import { expectedCalendar } from '../device/calendarExpected';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';
import { stackDevice, type StackDevice } from './stackDevice';

/**
 * Series through calendar/sync with the reference device (test/device/referenceDevice.ts): every
 * recurrence pattern, exceptions, deleted occurrences and series, events leaving the window, removed
 * ids the device never had, zones. The simulator sends occurrences as five-field stubs and masters in
 * the delta (its defaults); Ferry completes each occurrence from its master, fetched once per answer in
 * a `$batch`, and every answer with an occurrence holds its master before it.
 */
const dayInMs = 24 * 3600 * 1000;
const alice = 'alice@contoso.test';
const iso = (ms: number) => new Date(ms).toISOString();
const today = Math.floor(Date.now() / dayInMs) * dayInMs;
const window = { start: iso(today - 30 * dayInMs), end: iso(today + 180 * dayInMs) };
const date = (ms: number) => iso(ms).slice(0, 10);

const patterns: Array<[string, RecurrenceRecord['pattern']]> = [
  ['daily', { type: 'daily', interval: 3 }],
  ['weekly', { type: 'weekly', interval: 2, daysOfWeek: ['tuesday', 'friday'], firstDayOfWeek: 'monday' }],
  ['absoluteMonthly', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 30 }],
  ['relativeMonthly', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['thursday'], index: 'last' }],
  ['absoluteYearly', { type: 'absoluteYearly', interval: 1, month: new Date(today + 20 * dayInMs).getUTCMonth() + 1, dayOfMonth: new Date(today + 20 * dayInMs).getUTCDate() }],
  ['relativeYearly', { type: 'relativeYearly', interval: 1, month: new Date(today + 40 * dayInMs).getUTCMonth() + 1, daysOfWeek: ['monday'], index: 'first' }],
];

describe('calendar/sync: series with the reference device', () => {
  let stack: Stack;
  let device: StackDevice;
  beforeAll(async () => {
    stack = await startStack();
    requestRecorder.start();
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });
  beforeEach(async () => {
    stack.sim.state.replaceMailbox({ user: alice, seed: 3 });
    device = stackDevice(stack, await stack.token(alice));
  });
  const expectExact = (timeZone = 'UTC') => expect(device.device.calendar.items).toEqual(expectedCalendar(stack.sim, alice, window, timeZone));
  const replica = () => device.device.calendar.items;
  const ofSeries = (masterId: string) => [...replica().values()].filter((e) => e.seriesMasterId === masterId);

  it('each pattern type: occurrences completed from their master, the master before them in the answer', async () => {
    const sim = stack.sim.state;
    const series = patterns.map(([name, pattern], index) =>
      sim.simulateEventCreate(alice, {
        subject: `Series ${name}`, start: iso(today + (index + 1) * dayInMs + 9 * 3600_000), end: iso(today + (index + 1) * dayInMs + 10 * 3600_000),
        timeZone: 'Europe/Berlin', location: 'Room 7', attendees: [{ name: 'Bob Kelly', address: 'bob@contoso.test' }],
        recurrence: { pattern, range: { type: 'noEnd', startDate: date(today + (index + 1) * dayInMs), recurrenceTimeZone: 'Europe/Berlin' } },
      }),
    );
    const answers = await device.syncCalendar({ ...window, timeZone: 'Europe/Berlin' }, { window: 25, maxCalls: 60 });
    expectExact('Europe/Berlin');
    for (const [index, masterId] of series.entries()) {
      expect(replica().get(masterId)).toMatchObject({ type: 'seriesMaster', recurrence: { pattern: { type: patterns[index]![0] }, range: { type: 'noEnd', timeZone: 'Europe/Berlin' } } });
      const occurrences = ofSeries(masterId);
      expect(occurrences.length).toBeGreaterThan(0);
      // Completed from the master: the stub carried none of these.
      for (const occurrence of occurrences) expect(occurrence).toMatchObject({ subject: `Series ${patterns[index]![0]}`, location: 'Room 7', attendees: [expect.objectContaining({ address: 'bob@contoso.test' })] });
    }
    // Every answer holding an occurrence or exception holds its master before it.
    for (const answer of answers) {
      answer.upserts.forEach((event, position) => {
        if (event.seriesMasterId) expect(answer.upserts.findIndex((e) => e.id === event.seriesMasterId)).toBeLessThan(position);
      });
    }
    expect(ferryRequestSummary(requestRecorder.entries()).problems).toEqual([]);
  });

  it('with masters out of the delta, each master is fetched once per answer by $batch, never each occurrence', async () => {
    stack.sim.state.setFlags({ calendarMastersInDelta: false });
    try {
      stack.sim.state.resetStats();
      const answers = await device.syncCalendar({ ...window }, { window: 200 });
      expectExact();
      expect(answers).toHaveLength(1);
      const masters = new Set([...replica().values()].filter((e) => e.seriesMasterId).map((e) => e.seriesMasterId));
      expect(masters.size).toBeGreaterThan(3);
      const stats = stack.sim.state.stats.byOperation;
      expect(stats['events.get']).toBe(masters.size);
      expect(stats.batch).toBe(1);
    } finally {
      stack.sim.state.setFlags({ calendarMastersInDelta: true });
    }
  });

  it('an exception, a deleted occurrence, a deleted series, an event moved out of the window', async () => {
    await device.syncCalendar({ ...window }, { window: 10 });
    expectExact();
    const sim = stack.sim.state;
    const events = [...replica().values()];
    const occurrences = events.filter((e) => e.type === 'occurrence');
    const [changed, deleted] = [occurrences[0]!, occurrences.find((o) => o.seriesMasterId !== occurrences[0]!.seriesMasterId)!];
    const doomed = events.find((e) => e.type === 'seriesMaster' && e.id !== changed.seriesMasterId && e.id !== deleted.seriesMasterId)!;
    const single = events.find((e) => e.type === 'single' && !e.allDay)!;
    sim.simulateEventChange(alice, changed.id, { subject: 'Just this once', start: iso(Date.parse(changed.start!) + 3600_000), end: iso(Date.parse(changed.end!) + 3600_000) });
    sim.simulateEventDelete(alice, deleted.id);
    sim.simulateEventDelete(alice, doomed.id);
    sim.simulateEventChange(alice, single.id, { start: iso(today + 400 * dayInMs), end: iso(today + 400 * dayInMs + 3600_000) });
    device.device.noticeMailboxChanged();
    const answers = await device.syncCalendar(undefined, { window: 5 });
    const removed = answers.flatMap((a) => a.removed);
    expect(removed).toEqual(expect.arrayContaining([deleted.id, doomed.id, single.id]));
    expectExact();
    expect(replica().get(changed.id)).toMatchObject({ type: 'exception', subject: 'Just this once' });
    expect(ofSeries(doomed.id)).toEqual([]);
    expect(replica().has(doomed.id)).toBe(false);
  });

  it('removed ids the device never had are harmless (removedOutsideWindow: changes outside the window come as @removed)', async () => {
    stack.sim.state.setFlags({ removedOutsideWindow: true });
    try {
      await device.syncCalendar({ ...window }, { window: 50 });
      const far = stack.sim.state.simulateEventCreate(alice, { subject: 'Next year', start: iso(today + 300 * dayInMs), end: iso(today + 300 * dayInMs + 3600_000) });
      device.device.noticeMailboxChanged();
      const answers = await device.syncCalendar(undefined, { window: 50 });
      expect(answers.flatMap((a) => a.removed)).toContain(far);
      expectExact();
    } finally {
      stack.sim.state.setFlags({ removedOutsideWindow: false });
    }
  });

  it('a timed event comes at the same instants in Europe/Berlin, America/New_York and Asia/Kolkata; all-day events on the same dates', async () => {
    const copies = new Map<string, Map<string, Event>>();
    for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      const phone = stackDevice(stack, await stack.token(alice));
      await phone.syncCalendar({ ...window, timeZone }, { window: 100 });
      expect(phone.device.calendar.items).toEqual(expectedCalendar(stack.sim, alice, window, timeZone));
      copies.set(timeZone, phone.device.calendar.items);
    }
    const [berlin, ...others] = [...copies.values()];
    expect([...berlin!.values()].some((e) => e.allDay)).toBe(true);
    for (const other of others) {
      expect([...other.keys()].sort()).toEqual([...berlin!.keys()].sort());
      for (const [id, event] of berlin!) {
        const same = other.get(id)!;
        if (event.allDay) expect([same.startDate, same.endDate]).toEqual([event.startDate, event.endDate]);
        else expect([Date.parse(same.start!), Date.parse(same.end!)]).toEqual([Date.parse(event.start!), Date.parse(event.end!)]);
      }
    }
    expect([...copies.get('Asia/Kolkata')!.values()].find((e) => !e.allDay)!.start).toMatch(/\+05:30$/);
  });
});
