import type { CoreSimState } from './core/simulatorState';
import { calendarResource } from './resources/calendar/calendarResource';
import type { CalendarState } from './resources/calendar/calendarState';
import type { CalendarListState } from './resources/calendar/calendarList';
import type { MailboxSpec } from './resources/mail/demoMailboxes';
import { mailResource } from './resources/mail/mailResource';
import type { MailState } from './resources/mail/mailState';
import { userResource } from './resources/user/userResource';
import { contactsResource, type ContactsSpec, type ContactsState } from './resources/contacts/contactsResource';

/**
 * The resources the simulator hosts. A new one (calendar, contacts) is a folder under resources/ with
 * a `SimResource` (routes, store, flags, state), one entry here, and its spec and state types below.
 */
export const simResources = [userResource, mailResource, calendarResource, contactsResource] as const;

/** Which users get which generated data; each resource reads its own fields. */
export type UserDataSpec = MailboxSpec & ContactsSpec;

/** The test handle `sim.state`: the core's and every resource's additions. */
export type GraphSimState = CoreSimState<UserDataSpec> & MailState & CalendarState & CalendarListState & ContactsState;
