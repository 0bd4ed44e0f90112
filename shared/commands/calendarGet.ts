import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import { calendarGetRequest, calendarGetResponse } from '../protocol/schemas/calendar';
import { FerryError } from '../protocol/ferryError';
import type { CommandDefinition } from '../protocol/commandDefinition';
import type { CommandContext } from '../runtime/commandContext';
import { checkAnswerShape } from '../graph/checkAnswerShape';
import { eventGetRequest } from '../graph/requests/calendarRequests';
import { toDeviceFullEvent } from '../translate/toDeviceEvent';
import { requireTimeZone } from './calendarWindow';

export const calendarGetCommand: CommandDefinition<typeof calendarGetRequest, typeof calendarGetResponse, CommandContext> = {
  route: 'calendar/get',
  functionName: 'calendarGet',
  batchable: true,
  summary: 'Fetch one event',
  description:
    'The whole event, with its body as Graph gives it (UNVERIFIED: maybe HTML only), times in `timeZone` (IANA, default UTC). Occurrence and exception ids work as well as single events and series masters. An id unknown to this mailbox is `not_found`.',
  request: calendarGetRequest,
  response: calendarGetResponse,
  errors: ['not_found', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const timeZone = requireTimeZone(input.timeZone);
    const event = (await context.graph.send(eventGetRequest(input.id, timeZone))).body as GraphEvent;
    if (!checkAnswerShape('entity', event)) throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
    context.logger.info('calendar.get', { type: event.type ?? 'unknown' });
    return { event: toDeviceFullEvent(event, { timeZone }) };
  },
};
