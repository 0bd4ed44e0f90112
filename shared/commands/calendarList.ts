import type { Calendar as GraphCalendar } from '@microsoft/microsoft-graph-types';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { calendarListRequest as calendarListSchema, calendarListResponse, type Calendar } from '../protocol/schemas/calendars';
import type { CommandContext } from '../runtime/commandContext';
import { calendarListRequest } from '../graph/requests/scheduleRequests';
import { toDeviceCalendar } from '../translate/toDeviceCalendar';

export const calendarListCommand: CommandDefinition<typeof calendarListSchema, typeof calendarListResponse, CommandContext> = {
  route: 'calendar/list',
  functionName: 'calendarList',
  batchable: true,
  summary: 'List the calendars',
  description:
    "Every calendar of the user, as Graph lists them: own ones, those others share with the user and those delegated to them, each with its colour (`color`, and `hexColor` when the user set one), whether the user may write to it and whose it is. Only the primary calendar is `syncable` (`calendar/sync` syncs it).",
  request: calendarListSchema,
  response: calendarListResponse,
  errors: ['consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(_input, context) {
    const calendars: Calendar[] = [];
    for await (const page of context.graph.pages<GraphCalendar>(calendarListRequest())) {
      for (const calendar of page.value) if (calendar.id) calendars.push(toDeviceCalendar(calendar));
    }
    context.logger.info('calendar.list', { calendars: calendars.length });
    return { calendars };
  },
};
