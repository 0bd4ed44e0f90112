import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';
import { preferHeaders } from './linkRequest';

/** The calendar fields calendar/list reads. */
export const calendarListFields = ['id', 'name', 'color', 'hexColor', 'isDefaultCalendar', 'canEdit', 'owner'] as const;

/** Every calendar of the user: own, shared and delegated (https://learn.microsoft.com/graph/api/user-list-calendars). */
export function calendarListRequest(): GraphRequest {
  return buildRequest('calendars.list', {}, { query: { $select: calendarListFields.join(','), $top: '100' } });
}

/** A UTC instant as the wall time of a dateTimeTimeZone in `UTC`. */
const utcWallTime = (ms: number) => new Date(ms).toISOString().slice(0, 23);

/**
 * Free/busy of up to 20 addresses over [start, end) (https://learn.microsoft.com/graph/api/calendar-getschedule).
 * The period goes as UTC wall times and the items are asked for in UTC (`Prefer: outlook.timezone`):
 * Ferry converts them to the device's zone itself.
 */
export function getScheduleRequest(addresses: readonly string[], startMs: number, endMs: number, intervalMinutes: number): GraphRequest {
  return buildRequest('calendar.getSchedule', {}, {
    headers: preferHeaders({ timeZone: 'UTC' }),
    body: {
      schedules: [...addresses],
      startTime: { dateTime: utcWallTime(startMs), timeZone: 'UTC' },
      endTime: { dateTime: utcWallTime(endMs), timeZone: 'UTC' },
      availabilityViewInterval: intervalMinutes,
    },
  });
}
