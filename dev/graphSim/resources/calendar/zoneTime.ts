/**
 * Wall times of instants in a zone, by the platform's time zone data (Intl): the simulator renders
 * events' `start`/`end` in the zone `Prefer: outlook.timezone` asks for.
 */

/** Whether `zone` is an IANA name (or `UTC`) the platform knows. */
export function isKnownIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Graph's dateTimeTimeZone.dateTime: the wall time of `ms` in `zone`, `2016-12-09T20:30:00.0000000`. */
export function wallTimeIn(ms: number, zone: string): string {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}.0000000`;
}

/** An all-day date (`YYYY-MM-DD`, its UTC midnight) as Graph gives it in any zone: midnight. */
export function midnightOf(dayMs: number): string {
  return `${new Date(dayMs).toISOString().slice(0, 10)}T00:00:00.0000000`;
}
