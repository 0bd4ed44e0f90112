import { DateTime } from 'luxon';
import { colleagues, topics } from '../../dev/graphSim/core/corpus/demoVocabulary';
import { createRandom } from '../../dev/graphSim/core/random';
import type { EventInput } from '../../dev/graphSim/resources/calendar/calendarState';

/** The bench calendar's zone: its meetings are made in it, and the scenario reads them in it. */
export const busyCalendarZone = 'Europe/Berlin';

const rooms = ['Room 2.14', 'Room 3.01 (Harbour)', 'Building 4 / Atrium', 'Room 1.07'];

/**
 * A working user's calendar (docs/performance.md, "Calendar"): on every weekday from `fromDay` to
 * `toDay` (days from today) three to six meetings between 08:00 and 17:00 in Europe/Berlin, 30 or 60
 * minutes, with one to five colleagues, a room in half of them and a Teams invitation text in a third, seeded.
 */
export function busyCalendarEvents(seed: number, todayMs: number, fromDay: number, toDay: number): EventInput[] {
  const random = createRandom(seed);
  const events: EventInput[] = [];
  const today = DateTime.fromMillis(todayMs, { zone: busyCalendarZone }).startOf('day');
  for (let offset = fromDay; offset < toDay; offset++) {
    const day = today.plus({ days: offset });
    if (day.weekday > 5) continue;
    const count = random.between(3, 6);
    for (let i = 0; i < count; i++) {
      const start = day.set({ hour: 8 + random.int(9), minute: random.chance(0.5) ? 30 : 0 });
      const minutes = random.chance(0.6) ? 30 : 60;
      const attendees = Array.from({ length: random.between(1, 5) }, () => ({ ...random.pick(colleagues) }));
      const teams = random.chance(1 / 3);
      events.push({
        subject: random.pick(topics),
        start: start.toUTC().toISO()!,
        end: start.plus({ minutes }).toUTC().toISO()!,
        timeZone: busyCalendarZone,
        ...(random.chance(0.5) ? { location: random.pick(rooms) } : {}),
        bodyHtml: teams ? '<div>Agenda to follow.</div><div>Microsoft Teams meeting</div><div>Join on your computer or mobile app</div>' : '<div>Agenda to follow.</div>',
        attendees: [...new Map(attendees.map((a) => [a.address, a])).values()],
      });
    }
  }
  return events;
}
