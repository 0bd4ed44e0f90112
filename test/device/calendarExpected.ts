import type { GraphSimulator } from '../../dev/graphSim/createGraphSimulator';
import { eventSchema, type Event } from '../../shared/protocol/schemas/calendar';
import { toDeviceEvent } from '../../shared/translate/toDeviceEvent';

/**
 * What a device's calendar must hold for a window (docs/device-api.md, calendar/sync): the plain
 * calendarView of the window (the simulator's own view, not its delta) plus the series master of every
 * occurrence and exception in it, each as Ferry translates it.
 */
export function expectedCalendar(sim: GraphSimulator, upn: string, window: { start: string; end: string }, timeZone = 'UTC'): Map<string, Event> {
  const calendar = sim.state.calendar(upn)!;
  const view = calendar.view(window.start, window.end, timeZone);
  const expected = new Map<string, Event>();
  for (const event of view) {
    const masterId = event.seriesMasterId as string | null;
    if (masterId && !expected.has(masterId)) expected.set(masterId, eventSchema.parse(toDeviceEvent(calendar.event(masterId, timeZone)!, { timeZone })));
    expected.set(event.id as string, eventSchema.parse(toDeviceEvent(event, { timeZone })));
  }
  return expected;
}
