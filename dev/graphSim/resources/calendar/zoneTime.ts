import { IANAZone } from 'luxon';
import { findIana } from 'windows-iana';

/**
 * Wall times of instants in a zone, by the platform's time zone data (Intl): the simulator renders
 * events' `start`/`end` in the zone `Prefer: outlook.timezone` asks for, named as Graph takes zones
 * (https://learn.microsoft.com/graph/api/resources/datetimetimezone: Windows names such as
 * "Pacific Standard Time", and the IANA names it lists).
 */

/**
 * A zone name as Graph takes it in a request (a dateTimeTimeZone's timeZone, `Prefer: outlook.timezone`):
 * `UTC`, an IANA name, or a Windows name (windows-iana's CLDR table). Undefined: a name neither knows.
 */
export function ianaOfZoneName(name: string): string | undefined {
  if (name === 'UTC' || IANAZone.isValidZone(name)) return name;
  const iana = findIana(name)[0];
  return iana !== undefined && IANAZone.isValidZone(iana) ? iana : undefined;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Graph's dateTimeTimeZone.dateTime: the wall time of `ms` in `zone` (a name `ianaOfZoneName` knows,
 * Windows or IANA), `2016-12-09T20:30:00.0000000`.
 */
export function wallTimeIn(ms: number, zone: string): string {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: ianaOfZoneName(zone) ?? 'UTC', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}.0000000`;
}

/** An all-day date (`YYYY-MM-DD`, its UTC midnight) as Graph gives it in any zone: midnight. */
export function midnightOf(dayMs: number): string {
  return `${new Date(dayMs).toISOString().slice(0, 10)}T00:00:00.0000000`;
}
