import { DateTime } from 'luxon';
import { findUser } from '../../../directory';
import { GraphError } from '../../core/graphError';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { json, preferenceApplied } from '../../core/simResponses';
import { requireObjectBody } from '../mail/resolveTargets';
import { requireCalendar } from './calendarHandlers';
import { calendarSharesOf, sharesWith } from './calendarList';
import { calendarStores } from './calendarStores';
import { ianaOfZoneName, instantOfRequestTime } from './requestTimes';
import type { EventInstance, ShowAs } from './calendarTypes';

/** "up to 20 entities at once" (outlook-get-free-busy-schedule, Limits and error conditions). */
export const maxSchedules = 20;
/** "The time period to look up must be less than 62 days." */
const maxPeriodInMs = 62 * 24 * 3600 * 1000;

/** availabilityView's digits: "0= free or working elsewhere, 1= tentative, 2= busy, 3= out of office" (scheduleInformation). */
const viewDigit: Record<ShowAs, number> = { free: 0, workingElsewhere: 0, unknown: 0, tentative: 1, busy: 2, oof: 3 };

// UNVERIFIED: the codes and messages of getSchedule's 400s (the docs give the limits, not the answers).
const invalidParameter = (message: string) => new GraphError(400, 'ErrorInvalidParameter', message);

/**
 * POST /me/calendar/getSchedule (https://learn.microsoft.com/graph/api/calendar-getschedule): each
 * address's free/busy over [startTime, endTime) from its primary calendar. Items carry `subject` and
 * `location` (and `isPrivate`) only when the caller may see them: their own calendar, or one its owner
 * shares with the caller, and an event of normal or personal sensitivity (outlook-get-free-busy-schedule,
 * "Event data returned"); otherwise status, start and end. An address the directory cannot resolve is an
 * entry with `error` only, as reported in microsoft-graph-docs#11225. Times are in `Prefer:
 * outlook.timezone` (echoed as asked), default UTC.
 */
export function getSchedule(ctx: HandlerContext): SimResponse {
  requireCalendar(ctx);
  const body = requireObjectBody(ctx);
  const schedules = body.schedules ?? body.Schedules;
  if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((s) => typeof s === 'string')) throw invalidParameter('schedules must be a non-empty collection of SMTP addresses.');
  if (schedules.length > maxSchedules) throw invalidParameter(`At most ${maxSchedules} schedules may be requested at once.`);
  const startMs = instantOfRequestTime(body.startTime ?? body.StartTime, 'startTime');
  const endMs = instantOfRequestTime(body.endTime ?? body.EndTime, 'endTime');
  if (!(endMs > startMs)) throw invalidParameter('endTime must be after startTime.');
  if (endMs - startMs >= maxPeriodInMs) throw invalidParameter('The time period must be less than 62 days.');
  // The concept page's sample sends the interval as a string ("15"); the reference page's as a number.
  const rawInterval = body.availabilityViewInterval ?? 30;
  const interval = typeof rawInterval === 'string' && /^\d+$/.test(rawInterval) ? Number(rawInterval) : rawInterval;
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 5 || interval > 1440) throw invalidParameter('availabilityViewInterval must be 5 to 1440 minutes.');
  const askedZone = ctx.prefer.timeZone !== undefined && ianaOfZoneName(ctx.prefer.timeZone) ? ctx.prefer.timeZone : undefined;
  const zoneName = askedZone ?? 'UTC';
  const zone = ianaOfZoneName(zoneName)!;
  const wall = (ms: number) => ({ dateTime: DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss'.0000000'"), timeZone: zoneName });
  const value = (schedules as string[]).map((address) => scheduleOf(ctx, address, { startMs, endMs, intervalInMs: interval * 60_000 }, wall, zoneName));
  return json(
    200,
    { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`, value },
    preferenceApplied({ timeZone: askedZone }),
  );
}

type Wall = (ms: number) => { dateTime: string; timeZone: string };

function scheduleOf(ctx: HandlerContext, address: string, period: { startMs: number; endMs: number; intervalInMs: number }, wall: Wall, zoneName: string): Record<string, unknown> {
  const user = findUser(address);
  const store = user && user.tenant === ctx.user?.tenant ? ctx.sim.stores.get(calendarStores, user.oid) : undefined;
  if (!user || !store) {
    // UNVERIFIED beyond the report: the same answer for a user without a mailbox and one of another tenant.
    return { scheduleId: address, error: { message: `Unable to resolve e-mail address ${address} to an Active Directory object.`, responseCode: '5009' } };
  }
  const detailed = user.oid === ctx.oid || sharesWith(calendarSharesOf(ctx.sim), user.oid, ctx.oid);
  // UNVERIFIED: cancelled occurrences are left out; free events are listed with status `free`.
  const instances = store.instances(period.startMs, period.endMs).filter((i) => !i.fields.isCancelled);
  return {
    scheduleId: address,
    availabilityView: availabilityView(instances, period),
    scheduleItems: instances.map((i) => scheduleItem(i, detailed, wall)),
    workingHours: {
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '08:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: zoneName },
    },
  };
}

function scheduleItem(instance: EventInstance, detailed: boolean, wall: Wall): Record<string, unknown> {
  const { fields } = instance;
  const open = detailed && (fields.sensitivity === 'normal' || fields.sensitivity === 'personal');
  return {
    ...(detailed ? { isPrivate: fields.sensitivity === 'private' } : {}),
    status: fields.showAs,
    ...(open ? { subject: fields.subject, location: fields.location ?? '' } : {}),
    start: wall(fields.startMs),
    end: wall(fields.endMs),
  };
}

/** One digit per slot from the start: the busiest status of the items overlapping it. */
function availabilityView(instances: EventInstance[], period: { startMs: number; endMs: number; intervalInMs: number }): string {
  let view = '';
  for (let slot = period.startMs; slot < period.endMs; slot += period.intervalInMs) {
    const slotEnd = slot + period.intervalInMs;
    view += String(Math.max(0, ...instances.filter((i) => i.fields.startMs < slotEnd && i.fields.endMs > slot).map((i) => viewDigit[i.fields.showAs])));
  }
  return view;
}
