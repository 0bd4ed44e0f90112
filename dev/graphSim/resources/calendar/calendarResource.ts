import type { SimResource, UserSpec } from '../../core/simResource';
import { defaultMailboxSpecs } from '../mail/demoMailboxes';
import { getEvent, listCalendarView } from './calendarHandlers';
import { getPrimaryCalendar, listCalendars } from './calendarListHandlers';
import { createEvent, deleteEvent, listEvents, updateEvent } from './eventHandlers';
import { getSchedule } from './getSchedule';
import { respondToEvent } from './meetingResponses';
import { cancelEvent } from './meetingCancel';
import type { CalendarStore } from './calendarStore';
import { calendarStores } from './calendarStores';
import { calendarViewDelta } from './calendarDelta';
import { calendarFlagDefaults } from './calendarFlagDefaults';
import { createCalendarState, type CalendarState } from './calendarState';
import { createCalendarListState, type CalendarListState } from './calendarList';
import { createDemoCalendars } from './demoCalendars';

/**
 * Outlook calendar: the primary calendar's events (read and written), its calendarView and calendarView
 * delta, the calendar list (own and shared calendars) and getSchedule's free/busy. Every user with a
 * mailbox has one (the same users as mail's defaults).
 */
export const calendarResource: SimResource<UserSpec, CalendarStore, CalendarState & CalendarListState> = {
  name: 'calendar',
  routes: [
    { method: 'GET', pattern: 'calendarView/delta', operation: 'calendarView.delta', delta: (c) => calendarViewDelta(c) },
    { method: 'GET', pattern: 'calendarView', operation: 'calendarView.list', handler: listCalendarView },
    { method: 'GET', pattern: 'events/{event}', operation: 'events.get', handler: (c, m) => getEvent(c, m.values.event!) },
    { method: 'GET', pattern: 'events', operation: 'events.list', handler: listEvents },
    { method: 'POST', pattern: 'events', operation: 'events.create', handler: createEvent },
    { method: 'PATCH', pattern: 'events/{event}', operation: 'events.update', handler: (c, m) => updateEvent(c, m.values.event!) },
    { method: 'DELETE', pattern: 'events/{event}', operation: 'events.delete', handler: (c, m) => deleteEvent(c, m.values.event!) },
    { method: 'POST', pattern: 'events/{event}/accept', operation: 'events.accept', handler: (c, m) => respondToEvent(c, m.values.event!, 'accept') },
    { method: 'POST', pattern: 'events/{event}/tentativelyAccept', operation: 'events.tentativelyAccept', handler: (c, m) => respondToEvent(c, m.values.event!, 'tentativelyAccept') },
    { method: 'POST', pattern: 'events/{event}/decline', operation: 'events.decline', handler: (c, m) => respondToEvent(c, m.values.event!, 'decline') },
    { method: 'POST', pattern: 'events/{event}/cancel', operation: 'events.cancel', handler: (c, m) => cancelEvent(c, m.values.event!) },
    { method: 'GET', pattern: 'calendars', operation: 'calendars.list', handler: listCalendars },
    { method: 'GET', pattern: 'calendar', operation: 'calendar.get', handler: getPrimaryCalendar },
    { method: 'POST', pattern: 'calendar/getSchedule', operation: 'calendar.getSchedule', handler: getSchedule },
  ],
  store: {
    key: calendarStores,
    create: ({ seed, specs, now, anchorInMs }) => createDemoCalendars({ seed, specs, now, anchorInMs }, defaultMailboxSpecs),
  },
  flags: calendarFlagDefaults,
  state: (sim) => ({ ...createCalendarState(sim), ...createCalendarListState(sim) }),
};
