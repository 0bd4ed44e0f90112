import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import type { GraphClient, GraphResponse } from '../graph/graphRequest';
import { GraphRequestError } from '../graph/graphErrors';
import { eventCreateRequest, eventFindByPropertyRequest } from '../graph/requests/calendarRequests';
import { sendWithLookUp } from '../graph/sendWithLookUp';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { calendarCreateRequest, calendarCreateResponse, type CalendarCreateRequest } from '../protocol/schemas/calendar';
import type { CommandContext } from '../runtime/commandContext';
import { toDeviceFullEvent } from '../translate/toDeviceEvent';
import { checkEventTimes, toGraphEventFields } from '../translate/toGraphEventFields';
import { eventHashPropertyId, eventKeyPropertyId, eventStamp, eventStampProperties, type EventStamp } from './calendar/eventStamp';
import { requireTimeZone } from './calendarWindow';

type StampedEvent = GraphEvent & { id: string; singleValueExtendedProperties?: Array<{ id?: string; value?: string }> };

/** More than one hit means lost creates made doubles (transactionId not honoured); the oldest is the one kept. */
const lookUpTop = 10;

const hashOf = (event: StampedEvent) => event.singleValueExtendedProperties?.find((p) => p.id?.toLowerCase() === eventHashPropertyId.toLowerCase())?.value;
const byAge = (a: StampedEvent, b: StampedEvent) => (a.createdDateTime ?? '').localeCompare(b.createdDateTime ?? '') || a.id.localeCompare(b.id);

/** What the look-up found: nothing; the key with another request's hash (409); or this request's events, oldest first. Pure. */
export function judgeStampedEvents(found: readonly StampedEvent[], stamp: EventStamp): { kind: 'none' } | { kind: 'reused' } | { kind: 'made'; events: StampedEvent[] } {
  if (found.length === 0) return { kind: 'none' };
  if (found.some((e) => hashOf(e) !== stamp.hash)) return { kind: 'reused' };
  return { kind: 'made', events: [...found].sort(byAge) };
}

async function findStamped(graph: GraphClient, stamp: EventStamp, timeZone: string): Promise<StampedEvent[]> {
  const answer = await graph.send<{ value?: StampedEvent[] }>(eventFindByPropertyRequest(eventKeyPropertyId, stamp.key, eventHashPropertyId, lookUpTop, timeZone));
  return (answer.body.value ?? []).filter((e) => typeof e?.id === 'string');
}

const isDuplicateTransaction = (error: unknown) => error instanceof GraphRequestError && error.graphCode === 'ErrorDuplicateTransactionId';

export const calendarCreateCommand: CommandDefinition<typeof calendarCreateRequest, typeof calendarCreateResponse, CommandContext> = {
  route: 'calendar/create',
  functionName: 'calendarCreate',
  summary: 'Create an event or meeting in the primary calendar, exactly once per clientEventId',
  description:
    "Creates the event (with `attendees`, a meeting: Graph sends each an invitation). A repeat with the same `clientEventId` and request answers the event made before and sends nothing, so no repeat doubles a meeting or its invitations; the same `clientEventId` with another request is 409 `idempotency_key_reused`. Limit: after the user deleted the event, a repeat creates it again. Times: `start`/`end` with an offset (dates with `allDay`); `timeZone` (IANA) is the event's zone; the answer's times are in it.",
  request: calendarCreateRequest,
  response: calendarCreateResponse,
  errors: ['idempotency_key_reused', 'outcome_unknown', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const zone = requireTimeZone(input.timeZone);
    checkEventTimes(input);
    const { clientEventId, ...fields } = input;
    const stamp = eventStamp(context.caller.tid, context.caller.oid, clientEventId, fields);
    const { event, status } = await createOnce(context.graph, input, stamp, zone);
    context.logger.info('calendar.create', { status, attendees: input.attendees?.length ?? 0 });
    return { event: toDeviceFullEvent(event, { timeZone: zone }) };
  },
};

async function createOnce(graph: GraphClient, input: CalendarCreateRequest, stamp: EventStamp, zone: string): Promise<{ event: StampedEvent; status: 'created' | 'existing' }> {
  const found = async (client: GraphClient) => {
    const verdict = judgeStampedEvents(await findStamped(client, stamp, zone), stamp);
    if (verdict.kind === 'reused') throw new FerryError('idempotency_key_reused', { logReason: 'event_key_reused' });
    return verdict.kind === 'made' ? verdict.events[0]! : undefined;
  };
  const existing = await found(graph);
  if (existing) return { event: existing, status: 'existing' };

  const { clientEventId: _id, timeZone: _zone, ...fields } = input;
  // transactionId: Graph's own guard against a create retried (user-post-events); the stamp finds the event either way.
  const body = { ...toGraphEventFields(fields, zone), transactionId: stamp.key, singleValueExtendedProperties: eventStampProperties(stamp) };
  const lookUp = async (client: GraphClient): Promise<GraphResponse<StampedEvent> | undefined> => {
    const event = await found(client);
    return event ? { status: 201, headers: {}, body: event } : undefined;
  };
  try {
    const created = (await sendWithLookUp<StampedEvent>(graph, eventCreateRequest(body, zone), lookUp)).body;
    return { event: created, status: 'created' };
  } catch (error) {
    // Graph remembered the transactionId of a create whose answer was lost (UNVERIFIED which answer it gives): the stamp finds it.
    if (!isDuplicateTransaction(error)) throw error;
    const event = await found(graph);
    if (!event) throw new FerryError('outcome_unknown', { cause: error, logReason: 'duplicate_transaction_not_found' });
    return { event, status: 'existing' };
  }
}
