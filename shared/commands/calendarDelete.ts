import type { GraphClient, GraphResponse } from '../graph/graphRequest';
import { checkAnswerShape } from '../graph/checkAnswerShape';
import { eventCancelRequest, eventDeleteRequest, eventGetRequest } from '../graph/requests/calendarRequests';
import { sendWithLookUp } from '../graph/sendWithLookUp';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError, isFerryError } from '../protocol/ferryError';
import { calendarDeleteRequest, calendarDeleteResponse } from '../protocol/schemas/calendar';
import type { CommandContext } from '../runtime/commandContext';

/** What calendar/delete reads of the event. */
export interface DeletedEvent {
  id: string;
  seriesMasterId?: string | null;
  isOrganizer?: boolean | null;
  isCancelled?: boolean | null;
  attendees?: unknown[] | null;
}

const readFields = ['id', 'seriesMasterId', 'isOrganizer', 'isCancelled', 'attendees'];

/**
 * How to remove the event as read: the organizer of a meeting with attendees cancels it (they are
 * told); an attendee's live meeting is 409 `use_respond` (a DELETE tells nobody) unless `silent`;
 * anything else (no attendees, already cancelled, silent) is a DELETE. Pure.
 */
export function judgeDelete(event: DeletedEvent, silent: boolean): 'cancel' | 'use_respond' | 'delete' {
  if (event.isCancelled === true) return 'delete';
  if (event.isOrganizer === true) return (event.attendees?.length ?? 0) > 0 ? 'cancel' : 'delete';
  return silent ? 'delete' : 'use_respond';
}

const isNotFound = (error: unknown) => isFerryError(error) && error.code === 'not_found';

async function readEvent(graph: GraphClient, id: string): Promise<DeletedEvent> {
  const event = (await graph.send(eventGetRequest(id, 'UTC', readFields))).body as DeletedEvent;
  if (!checkAnswerShape('entity', event) || typeof event.id !== 'string') throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
  return event;
}

export const calendarDeleteCommand: CommandDefinition<typeof calendarDeleteRequest, typeof calendarDeleteResponse, CommandContext> = {
  route: 'calendar/delete',
  functionName: 'calendarDelete',
  summary: 'Delete an event, or cancel a meeting you organize',
  description:
    "The organizer of a meeting with attendees cancels it with `comment` (Graph tells the attendees and moves it to Deleted Items): `cancelled`. An event without attendees, or a cancelled meeting: `deleted`. An attendee's meeting: 409 `use_respond` (a delete tells the organizer nothing: decline it instead), unless `silent`. `scope: series` removes an occurrence's whole series. Gone: 404 `not_found` (to a repeat: done). A cancel of unknown outcome is read again: gone or cancelled is done; else 502 `outcome_unknown`.",
  request: calendarDeleteRequest,
  response: calendarDeleteResponse,
  errors: ['not_found', 'use_respond', 'outcome_unknown', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    let event = await readEvent(context.graph, input.id);
    if (input.scope === 'series' && typeof event.seriesMasterId === 'string' && event.seriesMasterId !== event.id) event = await readEvent(context.graph, event.seriesMasterId);
    const verdict = judgeDelete(event, input.silent);
    context.logger.info('calendar.delete', { verdict, scope: input.scope });
    if (verdict === 'use_respond') throw new FerryError('use_respond');
    const eventId = event.id;
    if (verdict === 'cancel') {
      // A cancel of unknown outcome: the meeting gone from the organizer's calendar (or marked cancelled) means Graph acted.
      const lookUp = async (graph: GraphClient): Promise<GraphResponse<unknown> | undefined> => {
        try {
          return (await readEvent(graph, eventId)).isCancelled === true ? { status: 202, headers: {}, body: undefined } : undefined;
        } catch (error) {
          if (isNotFound(error)) return { status: 202, headers: {}, body: undefined };
          throw error;
        }
      };
      await sendWithLookUp(context.graph, eventCancelRequest(eventId, input.comment), lookUp);
      return { status: 'cancelled' };
    }
    try {
      await context.graph.send(eventDeleteRequest(eventId));
    } catch (error) {
      // Gone between the read and the DELETE (another device's delete, a repeat): what was asked.
      if (!isNotFound(error)) throw error;
    }
    return { status: 'deleted' };
  },
};
