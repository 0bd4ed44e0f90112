import { DateTime } from 'luxon';
import { GraphError, graphErrors } from '../../core/graphError';
import { ianaOfZoneName } from './zoneTime';

export { ianaOfZoneName };

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
