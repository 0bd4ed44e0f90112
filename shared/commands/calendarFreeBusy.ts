import type { ScheduleInformation } from '@microsoft/microsoft-graph-types';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { freeBusyInterval, freeBusyRequest, freeBusyResponse, maxFreeBusyDays } from '../protocol/schemas/calendars';
import type { CommandContext } from '../runtime/commandContext';
import { checkAnswerShape } from '../graph/checkAnswerShape';
import { getScheduleRequest } from '../graph/requests/scheduleRequests';
import { toDeviceSchedule } from '../translate/toDeviceSchedule';
import { requireTimeZone } from './calendarWindow';

const dayInMs = 24 * 3600 * 1000;

export const calendarFreeBusyCommand: CommandDefinition<typeof freeBusyRequest, typeof freeBusyResponse, CommandContext> = {
  route: 'calendar/freebusy',
  functionName: 'calendarFreeBusy',
  summary: 'Free/busy of people and rooms',
  description: `When each address is busy between \`start\` and \`end\` (at most ${maxFreeBusyDays} days), from Graph's getSchedule: stretches with their status (times with the offset of \`timeZone\`, IANA, default UTC) and Graph's slot view (\`intervalMinutes\` each). Never a subject or location, even where Graph would show them. An address Graph cannot read gets \`error\` in its own schedule (\`not_found\`: unknown address); the others are answered.`,
  request: freeBusyRequest,
  response: freeBusyResponse,
  errors: ['consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const zone = requireTimeZone(input.timeZone);
    const [startMs, endMs] = [Date.parse(input.start), Date.parse(input.end)];
    if (!(endMs > startMs)) throw new FerryError('bad_request', { detail: '`end` must be after `start`.' });
    if (endMs - startMs > maxFreeBusyDays * dayInMs) throw new FerryError('bad_request', { detail: `The period may span at most ${maxFreeBusyDays} days.` });
    const interval = input.intervalMinutes ?? freeBusyInterval.default;
    const answer = (await context.graph.send<{ value?: ScheduleInformation[] }>(getScheduleRequest(input.addresses, startMs, endMs, interval))).body;
    if (!checkAnswerShape('page', answer)) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
    const value = answer.value ?? [];
    // One scheduleInformation per address, in order; matched by scheduleId when Graph reorders them.
    const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
    const schedules = input.addresses.map((address, i) => toDeviceSchedule(address, same(value[i]?.scheduleId, address) ? value[i] : value.find((s) => same(s.scheduleId, address)), zone));
    context.logger.info('calendar.freebusy', {
      schedules: schedules.length,
      failed: schedules.filter((s) => s.error).length,
      items: schedules.reduce((n, s) => n + s.items.length, 0),
    });
    return { schedules };
  },
};
