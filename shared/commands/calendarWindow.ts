import { FerryError } from '../protocol/ferryError';
import { isKnownTimeZone } from '../translate/zoneTimes';

const dayInMs = 24 * 3600 * 1000;
/** Longest calendar/sync window: two years and a leap day. */
export const maxCalendarWindowInDays = 731;

export interface CalendarWindow {
  /** UTC instants, ISO 8601 (`...Z`), as Graph's startDateTime/endDateTime get them. */
  start: string;
  end: string;
  /** IANA zone of the answers' times. */
  timeZone: string;
}

/** A device zone: `UTC` (the default) or an IANA name; anything else is 400. */
export function requireTimeZone(timeZone: string | undefined): string {
  const zone = timeZone ?? 'UTC';
  if (!isKnownTimeZone(zone)) throw new FerryError('bad_request', { detail: '`timeZone` must be an IANA time zone name such as `Europe/Berlin`, or `UTC`.' });
  return zone;
}

/**
 * The window and zone of a calendar/sync call. A first call names the window (`end` after `start`, at
 * most 731 days); the three are sealed with the state: a later call omits them or repeats them (the
 * same instants, the same zone). A new window or zone is a new sync: without a state.
 */
export function resolveCalendarWindow(input: { start?: string; end?: string; timeZone?: string }, sealed: CalendarWindow | undefined): CalendarWindow {
  if (sealed) {
    const same = (given: string | undefined, kept: string) => given === undefined || Date.parse(given) === Date.parse(kept);
    if (!same(input.start, sealed.start) || !same(input.end, sealed.end) || (input.timeZone !== undefined && input.timeZone !== sealed.timeZone)) {
      throw new FerryError('bad_request', { detail: '`start`, `end` and `timeZone` are fixed for a sync: omit or repeat them with `state`, or start a new sync without `state`.' });
    }
    return sealed;
  }
  if (input.start === undefined || input.end === undefined) throw new FerryError('bad_request', { detail: '`start` and `end` are required without `state`.' });
  const startMs = Date.parse(input.start);
  const endMs = Date.parse(input.end);
  if (!(endMs > startMs)) throw new FerryError('bad_request', { detail: '`end` must be after `start`.' });
  if (endMs - startMs > maxCalendarWindowInDays * dayInMs) throw new FerryError('bad_request', { detail: `The window may span at most ${maxCalendarWindowInDays} days.` });
  return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), timeZone: requireTimeZone(input.timeZone) };
}
