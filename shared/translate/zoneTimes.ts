import type * as Luxon from 'luxon';
import type * as WindowsIana from 'windows-iana';

/**
 * The one zone module. Names: a device names IANA zones (luxon knows them); Graph writes IANA or
 * Windows names (`Pacific Standard Time`, mapped to IANA by windows-iana's CLDR table, no hand-written
 * one) and `tzone://Microsoft/Custom` for a zone it cannot name. Instants and wall times: by the
 * platform's time zone data (Intl, as luxon itself reads it): Graph gives a dateTimeTimeZone (a wall
 * time and a zone name), the device gets an ISO instant with an offset. `UTC` counts as a zone.
 */

let luxon: typeof Luxon | undefined;
let windowsIana: typeof WindowsIana | undefined;
// Required on first use: only calendar commands need them, and a cold start should not pay for their
// tables (in the production package each is its own chunk in lazy/, docs/performance.md).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use on purpose
const loadLuxon = (): typeof Luxon => (luxon ??= require('luxon') as typeof Luxon);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use on purpose
const loadWindowsIana = (): typeof WindowsIana => (windowsIana ??= require('windows-iana') as typeof WindowsIana);

/** Whether `zone` is `UTC` or an IANA name luxon knows (aliases such as `US/Pacific` too). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  if (zone === '' || zone.length > 64) return false;
  return loadLuxon().IANAZone.isValidZone(zone);
}

/** Graph's name for a zone Outlook could not name (a custom zone): no IANA name. */
export const customGraphZone = 'tzone://Microsoft/Custom';

/**
 * A zone name as Graph writes it (originalStartTimeZone, recurrenceTimeZone, a dateTimeTimeZone's
 * timeZone) as IANA: an IANA name as it is, a Windows name as CLDR's default IANA zone for it
 * (`W. Europe Standard Time` → `Europe/Berlin`); null for `tzone://Microsoft/Custom`, absent or unknown names.
 */
export function ianaOfGraphZone(zone: string | null | undefined): string | null {
  if (!zone || zone === customGraphZone) return null;
  if (isKnownTimeZone(zone)) return zone;
  const { findIana, findIanaAliases } = loadWindowsIana();
  const cldr = findIana(zone)[0];
  if (cldr === undefined) return null;
  // CLDR names a zone by its old name first (`Asia/Calcutta`), then the current IANA one (`Asia/Kolkata`)
  // or legacy links (`US/Pacific`): the last name in a continent or ocean is the current IANA name.
  const current = findIanaAliases(cldr).filter((name) => ianaAreas.test(name)).at(-1) ?? cldr;
  return isKnownTimeZone(current) ? current : null;
}

/**
 * An IANA zone as Graph writes it in a request: CLDR's Windows name for it (`Europe/Berlin` → `W. Europe
 * Standard Time`), `UTC` as is; a zone CLDR has no Windows name for stays IANA (Graph takes both).
 */
export function windowsOfIana(zone: string): string {
  if (zone === 'UTC') return zone;
  return loadWindowsIana().findWindows(zone)[0] ?? zone;
}

const ianaAreas = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//;

const formats = new Map<string, Intl.DateTimeFormat>();

function wallParts(ms: number, zone: string): number[] {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  return [part.year!, part.month!, part.day!, part.hour!, part.minute!, part.second!];
}

/** Minutes `zone` is ahead of UTC at the instant `ms`. */
function offsetInMinutes(ms: number, zone: string): number {
  const [y, mo, d, h, mi, s] = wallParts(ms, zone);
  return Math.round((Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall time (`2026-03-10T09:00:00.0000000`, fraction optional) in `zone`. A wall time
 * a DST gap skips is read with the offset before the gap; one a fold repeats takes the earlier instant.
 */
export function instantOfWallTime(wall: string, zone: string): number {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?$/.exec(wall);
  if (!match) throw new TypeError('instantOfWallTime: not a wall time');
  const [, y, mo, d, h, mi, s = '0', fraction = '0'] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)));
  const first = asUtc - offsetInMinutes(asUtc, zone) * 60_000;
  const second = asUtc - offsetInMinutes(first, zone) * 60_000;
  return Math.min(first, second);
}

/** `2026-03-10T09:00:00+01:00`: the instant as a wall time of `zone` with that zone's offset then. */
export function formatInZone(ms: number, zone: string): string {
  const [y, mo, d, h, mi, s] = wallParts(ms, zone);
  const offset = offsetInMinutes(ms, zone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${pad(y!, 4)}-${pad(mo!)}-${pad(d!)}T${pad(h!)}:${pad(mi!)}:${pad(s!)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
