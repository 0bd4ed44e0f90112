import { calendarSyncCommand } from '../../../shared/commands/calendarSync';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import type { GraphClient } from '../../../shared/graph/graphRequest';
import { eventSchema, type Event } from '../../../shared/protocol/schemas/calendar';
import { commandContextFor } from '../../helpers/commandContextFor';
import { capturingLogger, spoilingGraph } from '../../helpers/spoilingGraph';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../../helpers/graphSimHarness';

/**
 * Issue #17, "one event never blocks the calendar" (as issue #24's point 4 for mail): calendar/sync
 * against the simulator, with a Graph client that spoils one event of the calendarView delta (and every
 * fill-in answer for it). An event whose start is in a zone Ferry cannot read, that lacks a field even
 * after its fill-in, or whose field has a shape no translator expects goes out degraded (`unavailable`
 * names what did not translate), the rest goes out whole, the state moves on, and the log names the
 * event's id and the error's class, never its content.
 */
describe('calendar/sync with an event Ferry cannot translate', () => {
  let h: GraphSimHarness;
  let real: GraphClient;
  const dayInMs = 24 * 3600 * 1000;
  const now = Date.now();
  const window = { start: new Date(now - 30 * dayInMs).toISOString(), end: new Date(now + 180 * dayInMs).toISOString(), timeZone: 'Europe/Berlin' };
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
    real = createGraphClient({ graphUrl: h.sim.url, getToken: () => h.token('alice@contoso.test') });
  });
  afterAll(() => h.close());

  const contextWith = commandContextFor;

  async function wholeAnswer(): Promise<Event[]> {
    const answer = await calendarSyncCommand.handler({ ...window, window: 200 }, contextWith(real, capturingLogger().logger));
    expect(answer.more).toBe(false);
    return answer.upserts;
  }

  const cases: Array<[string, (entry: Record<string, unknown>) => Record<string, unknown>, string[]]> = [
    ['its start is in a zone Ferry cannot read', (entry) => ({ ...entry, start: { dateTime: '2026-03-10T09:00:00.0000000', timeZone: 'Mars/Olympus_Mons' } }), ['start']],
    ['Graph leaves out its end, in the delta entry and the fill-in alike', ({ end: _end, ...entry }) => entry, ['end']],
    ['a field has a shape no translator expects', (entry) => ({ ...entry, subject: { text: 7 }, attendees: 'all' }), ['subject', 'attendees']],
  ];

  it.each(cases)('sends the event degraded when %s, the rest whole, and moves the state on', async (_name, spoil, unavailable) => {
    const whole = await wholeAnswer();
    const victim = whole.find((event) => event.type === 'single' && !event.allDay)!;
    expect(victim).toBeDefined();
    const { lines, logger } = capturingLogger();
    const answer = await calendarSyncCommand.handler({ ...window, window: 200 }, contextWith(spoilingGraph(real, victim.id, spoil), logger));
    expect(answer.more).toBe(false);
    expect(answer.upserts.map((event) => event.id).sort()).toEqual(whole.map((event) => event.id).sort());
    for (const event of answer.upserts) {
      expect(eventSchema.safeParse(event).success).toBe(true);
      if (event.id !== victim.id) {
        expect(event).toEqual(whole.find((w) => w.id === event.id));
        continue;
      }
      expect(event.unavailable).toEqual(unavailable);
      // What did translate is the calendar's; what did not is left out (times) or empty.
      const { unavailable: _u, ...rest } = event;
      for (const [field, value] of Object.entries(rest)) if (!unavailable.includes(field)) expect([field, value]).toEqual([field, victim[field as keyof Event]]);
      if (unavailable.includes('start')) expect(event.start).toBeUndefined();
      if (unavailable.includes('end')) expect(event.end).toBeUndefined();
      if (unavailable.includes('subject')) expect(event.subject).toBe('');
    }
    // The next call goes on from the state: the calendar is not stuck on the event.
    const next = await calendarSyncCommand.handler({ state: answer.state }, contextWith(real, logger));
    expect(next.upserts).toEqual([]);
    const degraded = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === 'calendar.sync.degraded');
    expect(degraded).toEqual([{ level: 'warn', event: 'calendar.sync.degraded', itemId: victim.id, errorName: 'TypeError' }]);
    expect(lines.join('\n')).not.toContain(victim.subject);
  });

  it('without an event to spoil, no event is degraded and nothing is logged as degraded', async () => {
    const { lines, logger } = capturingLogger();
    const answer = await calendarSyncCommand.handler({ ...window, window: 200 }, contextWith(real, logger));
    expect(answer.upserts.length).toBeGreaterThan(3);
    expect(answer.upserts.every((event) => event.unavailable.length === 0)).toBe(true);
    expect(lines.some((line) => line.includes('degraded'))).toBe(false);
  });
});
