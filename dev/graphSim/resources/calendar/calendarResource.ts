import type { SimResource, UserSpec } from '../../core/simResource';
import { defaultMailboxSpecs } from '../mail/demoMailboxes';
import { getEvent, listCalendarView } from './calendarHandlers';
import type { CalendarStore } from './calendarStore';
import { calendarStores } from './calendarStores';
import { calendarViewDelta } from './calendarDelta';
import { calendarFlagDefaults } from './calendarFlagDefaults';
import { createCalendarState, type CalendarState } from './calendarState';
import { createDemoCalendars } from './demoCalendars';

/**
 * Outlook calendar: the primary calendar's events, its calendarView and calendarView delta. Every user
 * with a mailbox has one (the same users as mail's defaults).
 */
export const calendarResource: SimResource<UserSpec, CalendarStore, CalendarState> = {
  name: 'calendar',
  routes: [
    { method: 'GET', pattern: 'calendarView/delta', operation: 'calendarView.delta', delta: (c) => calendarViewDelta(c) },
    { method: 'GET', pattern: 'calendarView', operation: 'calendarView.list', handler: listCalendarView },
    { method: 'GET', pattern: 'events/{event}', operation: 'events.get', handler: (c, m) => getEvent(c, m.values.event!) },
  ],
  store: {
    key: calendarStores,
    create: ({ seed, specs, now, anchorInMs }) => createDemoCalendars({ seed, specs, now, anchorInMs }, defaultMailboxSpecs),
  },
  flags: calendarFlagDefaults,
  state: createCalendarState,
};
