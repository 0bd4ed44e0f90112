import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import { GraphError, graphErrors } from '../../core/graphError';

/**
 * A zone name as Graph takes it in a request (a dateTimeTimeZone's timeZone, `Prefer: outlook.timezone`):
 * `UTC`, an IANA name, or a Windows name (windows-iana's CLDR table). Undefined: a name neither knows.
 */
export function ianaOfZoneName(name: string): string | undefined {
  if (name === 'UTC' || IANAZone.isValidZone(name)) return name;
  const iana = findIana(name)[0];
  return iana !== undefined && IANAZone.isValidZone(iana) ? iana : undefined;
}

/**
 * The instant (epoch ms) of a request body's dateTimeTimeZone. UNVERIFIED: the codes of the 400s
 * (`ErrorInvalidRequest` for a shape or date Graph cannot read, `ErrorTimeZoneNotFound` for a zone).
 */
export function instantOfRequestTime(value: unknown, name: string): number {
  const given = value as { dateTime?: unknown; timeZone?: unknown } | null;
  if (typeof given?.dateTime !== 'string' || typeof given.timeZone !== 'string') throw graphErrors.invalidRequest(`${name} must be a dateTimeTimeZone.`);
  const zone = ianaOfZoneName(given.timeZone);
  if (!zone) throw new GraphError(400, 'ErrorTimeZoneNotFound', `The time zone '${given.timeZone}' is not valid.`);
  const instant = DateTime.fromISO(given.dateTime, { zone });
  if (!instant.isValid) throw graphErrors.invalidRequest(`${name} has an invalid dateTime.`);
  return instant.toMillis();
}
