import type { GraphClient, GraphResponse } from '../graph/graphRequest';
import { checkAnswerShape } from '../graph/checkAnswerShape';
import { eventAnswerRequest, eventGetRequest, type MeetingAnswer } from '../graph/requests/calendarRequests';
import { sendWithLookUp } from '../graph/sendWithLookUp';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { calendarRespondRequest, calendarRespondResponse, type CalendarRespondRequest } from '../protocol/schemas/calendar';
import type { CommandContext } from '../runtime/commandContext';

/** What calendar/respond reads of the event before and after answering. */
export interface AnsweredEvent {
  id: string;
  type?: string | null;
  seriesMasterId?: string | null;
  isOrganizer?: boolean | null;
  isCancelled?: boolean | null;
  allowNewTimeProposals?: boolean | null;
  responseStatus?: { response?: string | null } | null;
}

const readFields = ['id', 'type', 'seriesMasterId', 'isOrganizer', 'isCancelled', 'allowNewTimeProposals', 'responseStatus'];

/** The device's answer, Graph's action and the responseStatus.response it leaves. */
export const meetingAnswers: Record<CalendarRespondRequest['response'], { action: MeetingAnswer; status: string }> = {
  accept: { action: 'accept', status: 'accepted' },
  tentative: { action: 'tentativelyAccept', status: 'tentativelyAccepted' },
  decline: { action: 'decline', status: 'declined' },
};

/**
 * The `proposedNewTime` rules Graph would 400 after the fact (event-tentativelyaccept, event-decline:
 * "proposedNewTime ... only if allowNewTimeProposals is true"; a proposal goes with the reply, so not
 * without `sendResponse`; accept takes none). Checked before any POST. Pure.
 */
export function proposalProblem(input: Pick<CalendarRespondRequest, 'response' | 'sendResponse' | 'proposedNewTime'>, event?: AnsweredEvent): string | undefined {
  if (input.proposedNewTime === undefined) return undefined;
  if (input.response === 'accept') return '`proposedNewTime` goes only with `tentative` or `decline`.';
  if (input.sendResponse === false) return '`proposedNewTime` needs `sendResponse: true` (the proposal travels in the reply).';
  if (Date.parse(input.proposedNewTime.end) <= Date.parse(input.proposedNewTime.start)) return '`proposedNewTime.end` must be after its `start`.';
  if (event && event.allowNewTimeProposals === false) return 'The organizer does not allow new time proposals for this meeting.';
  return undefined;
}

/**
 * What to do with the event as read: not ours to answer (organizer, cancelled) is 409 `not_allowed`;
 * already so answered and no proposal is `unchanged` (nothing is sent: a repeat sends no second reply);
 * else answer. Pure.
 */
export function judgeAnswer(event: AnsweredEvent, input: Pick<CalendarRespondRequest, 'response' | 'proposedNewTime'>): 'not_allowed' | 'unchanged' | 'answer' {
  if (event.isOrganizer === true || event.isCancelled === true) return 'not_allowed';
  if (event.responseStatus?.response === meetingAnswers[input.response].status && input.proposedNewTime === undefined) return 'unchanged';
  return 'answer';
}

async function readEvent(graph: GraphClient, id: string): Promise<AnsweredEvent> {
  const event = (await graph.send(eventGetRequest(id, 'UTC', readFields))).body as AnsweredEvent;
  if (!checkAnswerShape('entity', event) || typeof event.id !== 'string') throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
  return event;
}

const utc = (iso: string) => ({ dateTime: new Date(iso).toISOString().replace('Z', ''), timeZone: 'UTC' });

export const calendarRespondCommand: CommandDefinition<typeof calendarRespondRequest, typeof calendarRespondResponse, CommandContext> = {
  route: 'calendar/respond',
  functionName: 'calendarRespond',
  summary: 'Accept, tentatively accept or decline a meeting, exactly once',
  description:
    "Answers an invitation with Graph's accept / tentativelyAccept / decline, which also send the organizer a reply (`sendResponse`, default true). Ferry reads the event first: an event that already has this answer is `unchanged` and nothing is sent, so a repeat never sends a second reply; the organizer's own or a cancelled meeting is 409 `not_allowed`. `scope: series` answers an occurrence's whole series. `proposedNewTime` (tentative or decline, with `sendResponse`, where the organizer allows proposals) is checked before anything is sent (400). After an unknown outcome Ferry reads again: the answer there is `responded`; otherwise 502 `outcome_unknown` (repeat the same request).",
  request: calendarRespondRequest,
  response: calendarRespondResponse,
  errors: ['not_found', 'not_allowed', 'outcome_unknown', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const early = proposalProblem(input);
    if (early) throw new FerryError('bad_request', { detail: early });
    let event = await readEvent(context.graph, input.id);
    if (input.scope === 'series' && typeof event.seriesMasterId === 'string' && event.seriesMasterId !== event.id) event = await readEvent(context.graph, event.seriesMasterId);
    const late = proposalProblem(input, event);
    if (late) throw new FerryError('bad_request', { detail: late });
    const verdict = judgeAnswer(event, input);
    context.logger.info('calendar.respond', { verdict, type: event.type ?? 'unknown', scope: input.scope });
    if (verdict === 'not_allowed') throw new FerryError('not_allowed', { detail: event.isOrganizer ? 'You organize this meeting: there is nothing to answer.' : 'This meeting was cancelled.' });
    if (verdict === 'unchanged') return { status: 'unchanged' };

    const { action, status } = meetingAnswers[input.response];
    const body = {
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      sendResponse: input.sendResponse,
      ...(input.proposedNewTime ? { proposedNewTime: { start: utc(input.proposedNewTime.start), end: utc(input.proposedNewTime.end) } } : {}),
    };
    const eventId = event.id;
    // An answer of unknown outcome is read again: the event with this answer means Graph acted (and sent the reply).
    const lookUp = async (graph: GraphClient): Promise<GraphResponse<unknown> | undefined> =>
      (await readEvent(graph, eventId)).responseStatus?.response === status ? { status: 202, headers: {}, body: undefined } : undefined;
    await sendWithLookUp(context.graph, eventAnswerRequest(eventId, action, body), lookUp);
    return { status: 'responded' };
  },
};
