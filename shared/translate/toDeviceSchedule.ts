import type { DateTimeTimeZone, ScheduleInformation, ScheduleItem } from '@microsoft/microsoft-graph-types';
import type { Schedule } from '../protocol/schemas/calendars';
import { freeBusyStatus } from '../protocol/schemas/calendars';
import { instantIn } from './toDeviceEvent';

const statuses = new Map(freeBusyStatus.options.map((s) => [s.toLowerCase(), s] as const));

/** Graph's freeBusyStatus, read without regard to case (the concept page's sample says `Busy`, the reference page's `busy`). */
function statusOf(value: string | null | undefined): Schedule['items'][number]['status'] {
  return statuses.get((value ?? '').toLowerCase()) ?? 'unknown';
}

/** getSchedule's "could not resolve the address" (microsoft-graph-docs#11225: responseCode 5009). */
const unresolvedCodes = new Set(['5009', 'ErrorMailRecipientNotFound']);

/**
 * One scheduleInformation as the device's schedule: status, start and end of each item only (Graph
 * may add the subject and location of a shared calendar's events: they never leave Ferry), times with
 * the offset of `zone`. A schedule Graph could not read gets `error` and nothing else; so does one whose
 * items Ferry cannot read (a zone it does not know).
 */
export function toDeviceSchedule(address: string, information: ScheduleInformation | undefined, zone: string): Schedule {
  const failed = (code: string): Schedule => ({ address, items: [], view: '', error: { code } });
  if (!information) return failed('upstream_error');
  if (information.error) return failed(unresolvedCodes.has(information.error.responseCode ?? '') ? 'not_found' : 'upstream_error');
  try {
    const items = (information.scheduleItems ?? []).map((item: ScheduleItem) => ({
      start: instantIn(item.start as DateTimeTimeZone, zone),
      end: instantIn(item.end as DateTimeTimeZone, zone),
      status: statusOf(item.status),
    }));
    const view = information.availabilityView ?? '';
    return { address, items, view: /^[0-9]*$/.test(view) ? view : '' };
  } catch {
    return failed('upstream_error');
  }
}
