import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { calendarSyncRequest, calendarSyncResponse, type Event } from '../protocol/schemas/calendar';
import { calendarViewDeltaLinkRequest, calendarViewDeltaRequest, eventGetRequest } from '../graph/requests/calendarRequests';
import { defineSyncCommand } from '../sync/defineSyncCommand';
import { eventFields, toDeviceDegradedEvent, toDeviceEvent } from '../translate/toDeviceEvent';
import { resolveCalendarWindow } from './calendarWindow';

const defaultWindow = 50;
/** What an occurrence never takes from its master: its own times and identity (an occurrence has no recurrence). */
const occurrenceOwnFields = ['id', 'type', 'seriesMasterId', 'start', 'end', 'iCalUId', 'originalStart', 'recurrence'];

export const calendarSyncCommand = defineSyncCommand({
  route: 'calendar/sync',
  functionName: 'calendarSync',
  batchable: true,
  summary: 'Sync the primary calendar over a window',
  description:
    "The events of the primary calendar between `start` and `end` (at most 731 days apart; advice: 30 days back to 180 ahead): single events, occurrences and exceptions of series (each answer holding one holds its series master, `recurrence` included, before it), times in `timeZone` (IANA, default UTC). `start`, `end` and `timeZone` are sealed with the state: a later call omits or repeats them; a new window or zone is a new sync without `state`. Every id Graph reports removed is in `removed`, also ids the device never had (an event that left the window leaves the device). `window` bounds the entries of one answer. `more`, `reset` and `state` follow the sync rules.",
  request: calendarSyncRequest,
  response: calendarSyncResponse,
  errors: ['sync_state_invalid', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  stateKind: 'calendar',
  stateShape: {
    /** The window's start and end as UTC instants, and the IANA zone of the answers' times. */
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    timeZone: z.string(),
  },
  collection: () => 'calendar',
  async plan(input, { previous }) {
    const window = resolveCalendarWindow(input, previous && { start: previous.start, end: previous.end, timeZone: previous.timeZone });
    return {
      state: window,
      window: input.window ?? defaultWindow,
      startRequest: (maxPageSize) => calendarViewDeltaRequest(window, maxPageSize),
      linkRequest: (link, maxPageSize) => calendarViewDeltaLinkRequest(link, maxPageSize, window.timeZone),
      // calendarView delta takes no $select: an event lacking any of these is fetched (partial items).
      select: eventFields,
      fillInRequest: (id, missing) => eventGetRequest(id, window.timeZone, missing),
      // Occurrences stand on their series master: delta may send them as five fields (reported), and
      // every answer with an occurrence or exception holds its master before it.
      parents: {
        parentOf: (event: GraphEvent) => ((event.type === 'occurrence' || event.type === 'exception') && event.seriesMasterId ? event.seriesMasterId : undefined),
        request: (id) => eventGetRequest(id, window.timeZone, eventFields),
        ownFields: occurrenceOwnFields,
        childDefaults: { recurrence: null },
      },
      toDevice: (event: GraphEvent): Event => toDeviceEvent(event, { timeZone: window.timeZone }),
      // One event Ferry cannot translate whole goes out with `unavailable` rather than failing the answer.
      toDeviceDegraded: (event: GraphEvent): Event => toDeviceDegradedEvent(event, { timeZone: window.timeZone }),
    };
  },
});
