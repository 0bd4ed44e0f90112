import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import { eventSchema, fullEventSchema } from '../../shared/protocol/schemas/calendar';
import { toDeviceDegradedEvent, toDeviceEvent, toDeviceFullEvent } from '../../shared/translate/toDeviceEvent';
import { formatInZone, ianaOfGraphZone, instantOfWallTime, isKnownTimeZone } from '../../shared/translate/zoneTimes';

/**
 * Microsoft's event samples through Ferry's translator:
 * - event-get.json (https://learn.microsoft.com/graph/api/event-get, "Response 1": asked with
 *   `Prefer: outlook.timezone="Pacific Standard Time"`, yet `"start":{"dateTime":"2014-11-03T17:00:00.0000000","timeZone":"UTC"}`):
 *   Ferry reads each dateTimeTimeZone's own zone, never the one it asked for.
 * - event-delta-page1.json (https://learn.microsoft.com/graph/delta-query-events, "Sample initial
 *   response": "only a subset of event props shown"): events without type, showAs, isAllDay are
 *   single, busy, timed.
 */
const samples = path.join(__dirname, '../fixtures/graph-samples');
const sample = <T>(name: string): T => JSON.parse(readFileSync(path.join(samples, `${name}.json`), 'utf8')) as T;

describe('event samples become device Events', () => {
  it('event-get.json: UTC times read as UTC, shown with the asked zone\'s offset; attendees, organizer, location mapped', () => {
    const event = toDeviceFullEvent(sample<GraphEvent>('event-get'), { timeZone: 'America/Los_Angeles' });
    expect(fullEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: 'single',
      subject: 'New Product Regulations Touchpoint',
      start: '2014-11-03T09:00:00-08:00',
      end: '2014-11-03T09:30:00-08:00',
      allDay: false,
      location: 'Conf Room Rainier',
      organizer: { name: 'Engineering', address: 'engineering@M365x214355.onmicrosoft.com' },
      attendees: [
        { name: 'Engineering', address: 'engineering@M365x214355.onmicrosoft.com', type: 'required', response: 'none' },
        { name: 'Irvin Sayers', address: 'IrvinS@M365x214355.onmicrosoft.com', type: 'required', response: 'none' },
      ],
      body: { type: 'html' },
    });
    expect(event.preview).not.toMatch(/\s{2}|^\s|\s$/);
  });

  it('event-delta-page1.json: each item is a valid Event at its documented instant', () => {
    const items = sample<{ value: GraphEvent[] }>('event-delta-page1').value;
    const events = items.map((item) => toDeviceEvent(item, { timeZone: 'Europe/Berlin' }));
    for (const event of events) expect(eventSchema.parse(event)).toEqual(event);
    expect(events.map((e) => [e.id, e.subject, e.start, e.end, e.type, e.showAs])).toEqual([
      ['AAMkADNVxRAAA=', 'Plan shopping list', '2016-12-09T21:30:00+01:00', '2016-12-09T23:00:00+01:00', 'single', 'busy'],
      ['AAMkADVxSAAA=', 'Pick up car', '2016-12-10T02:00:00+01:00', '2016-12-10T03:00:00+01:00', 'single', 'busy'],
    ]);
  });

  it('all-day events are dates (end exclusive) in any zone; masters carry their recurrence; the organizer has no response', () => {
    const allDay = toDeviceEvent(
      { id: 'AAMkAllDay', isAllDay: true, start: { dateTime: '2026-03-12T00:00:00.0000000', timeZone: 'Asia/Kolkata' }, end: { dateTime: '2026-03-14T00:00:00.0000000', timeZone: 'Asia/Kolkata' }, isOrganizer: true, responseStatus: { response: 'organizer' } },
      { timeZone: 'Asia/Kolkata' },
    );
    expect(allDay).toMatchObject({ allDay: true, startDate: '2026-03-12', endDate: '2026-03-14', myResponse: null });
    expect(allDay.start).toBeUndefined();
    const master = toDeviceEvent(
      {
        id: 'AAMkMaster', type: 'seriesMaster', originalStartTimeZone: 'tzone://Microsoft/Custom', start: { dateTime: '2026-03-02T10:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-03-02T11:00:00.0000000', timeZone: 'UTC' },
        recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'endDate', startDate: '2026-03-02', endDate: '2026-06-01', recurrenceTimeZone: 'Europe/Berlin' } },
      },
      { timeZone: 'UTC' },
    );
    expect(master).toMatchObject({ type: 'seriesMaster', startZone: null, recurrence: { pattern: { type: 'weekly', daysOfWeek: ['monday'] }, range: { endDate: '2026-06-01', timeZone: 'Europe/Berlin' } } });
    expect(eventSchema.parse(master)).toEqual(master);
  });

  it('degraded: each field on its own; a time in an unreadable zone or a missing one is left out and named, the rest kept', () => {
    const graphEvent: GraphEvent = { id: 'AAMkOdd', subject: 'Kept', start: { dateTime: '2026-03-12T09:00:00', timeZone: 'Mars/Olympus_Mons' }, categories: ['Red'], showAs: 'free' };
    const event = toDeviceDegradedEvent(graphEvent, { timeZone: 'UTC' });
    expect(eventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({ id: 'AAMkOdd', subject: 'Kept', categories: ['Red'], showAs: 'free', unavailable: ['start', 'end'] });
    expect(event.start).toBeUndefined();
    expect(event.end).toBeUndefined();
    // calendar/get answers such an event degraded too, with its body.
    const full = toDeviceFullEvent({ ...graphEvent, body: { contentType: 'text', content: 'b' } }, { timeZone: 'UTC' });
    expect(full).toMatchObject({ unavailable: ['start', 'end'], body: { type: 'text', content: 'b' } });
  });

  it('a start in a zone Ferry cannot read is refused, not guessed', () => {
    expect(() => toDeviceEvent({ id: 'x', start: { dateTime: '2026-03-12T09:00:00', timeZone: 'Mars/Olympus_Mons' }, end: { dateTime: '2026-03-12T10:00:00', timeZone: 'UTC' } }, { timeZone: 'UTC' })).toThrow(TypeError);
    expect(() => toDeviceEvent({ id: 'x', start: { dateTime: '2026-03-12T09:00:00', timeZone: 'tzone://Microsoft/Custom' }, end: { dateTime: '2026-03-12T10:00:00', timeZone: 'UTC' } }, { timeZone: 'UTC' })).toThrow(TypeError);
  });
});

/**
 * Windows zone names in Graph's answers, https://learn.microsoft.com/graph/api/resources/datetimetimezone:
 * "timeZone: Represents a time zone, for example, "Pacific Standard Time"", and
 * https://learn.microsoft.com/graph/api/resources/event (originalStartTimeZone): "A value of
 * tzone://Microsoft/Custom indicates that a legacy custom time zone was set in desktop Outlook."
 * Ferry maps Windows names to IANA by windows-iana (CLDR's default zone), custom zones to null.
 */
describe('Graph zone names (IANA, Windows, custom)', () => {
  it('Windows names become IANA zones; tzone://Microsoft/Custom and unknown names are null', () => {
    expect(ianaOfGraphZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(ianaOfGraphZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaOfGraphZone('India Standard Time')).toBe('Asia/Kolkata');
    expect(ianaOfGraphZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    // CLDR's first name is the old one (Asia/Calcutta, Asia/Saigon): the current IANA name is chosen.
    expect(ianaOfGraphZone('SE Asia Standard Time')).toBe('Asia/Bangkok');
    expect(ianaOfGraphZone('Myanmar Standard Time')).toBe('Asia/Yangon');
    expect(ianaOfGraphZone('UTC')).toBe('UTC');
    expect(ianaOfGraphZone('tzone://Microsoft/Custom')).toBeNull();
    expect(ianaOfGraphZone('Mars Standard Time')).toBeNull();
    expect(ianaOfGraphZone(undefined)).toBeNull();
    expect(isKnownTimeZone('Pacific Standard Time')).toBe(false);
  });

  it('an event in Windows names: same instant as in IANA names; original and recurrence zones as IANA', () => {
    const event = toDeviceEvent(
      {
        id: 'AAMkWin', type: 'seriesMaster', originalStartTimeZone: 'Eastern Standard Time', originalEndTimeZone: 'tzone://Microsoft/Custom',
        start: { dateTime: '2026-03-09T09:00:00.0000000', timeZone: 'Eastern Standard Time' }, end: { dateTime: '2026-03-09T10:00:00.0000000', timeZone: 'Eastern Standard Time' },
        recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'noEnd', startDate: '2026-03-09', recurrenceTimeZone: 'Eastern Standard Time' } },
      },
      { timeZone: 'Europe/Berlin' },
    );
    const iana = toDeviceEvent({ id: 'AAMkIana', start: { dateTime: '2026-03-09T09:00:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-03-09T10:00:00', timeZone: 'America/New_York' } }, { timeZone: 'Europe/Berlin' });
    expect(event.start).toBe('2026-03-09T14:00:00+01:00');
    expect([event.start, event.end]).toEqual([iana.start, iana.end]);
    expect(event).toMatchObject({ startZone: 'America/New_York', endZone: null, recurrence: { range: { timeZone: 'America/New_York' } }, unavailable: [] });
  });
});

describe('zone times (Intl)', () => {
  it('wall times across the Berlin DST change map to the right instants and offsets', () => {
    expect(formatInZone(instantOfWallTime('2026-03-28T12:00:00', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-28T12:00:00+01:00');
    expect(formatInZone(instantOfWallTime('2026-03-29T12:00:00', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-29T12:00:00+02:00');
    expect(new Date(instantOfWallTime('2026-03-29T12:00:00.0000000', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(formatInZone(Date.parse('2026-03-10T08:00:00Z'), 'Asia/Kolkata')).toBe('2026-03-10T13:30:00+05:30');
    expect(formatInZone(Date.parse('2026-03-10T08:00:00Z'), 'UTC')).toBe('2026-03-10T08:00:00+00:00');
  });

  it('knows IANA names and UTC, not Windows names or nonsense', () => {
    expect(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'].map(isKnownTimeZone)).toEqual([true, true, true, true]);
    expect(['Pacific Standard Time', 'Mars/Olympus', '', 'x'.repeat(65)].map(isKnownTimeZone)).toEqual([false, false, false, false]);
  });
});
