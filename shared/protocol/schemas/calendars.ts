import { z } from 'zod';
import { graphId } from './common';
import { plainAddress } from './drafts';
import { addressSchema } from './mail';

/*
 * calendar/list and calendar/freebusy: the user's calendars, and free/busy of people. Answer fields with
 * a `.default(...)` are left out of the answer when they hold that default (omitDefaults).
 */

/** Most addresses in one calendar/freebusy request: getSchedule's own limit (20 entities at once). */
export const maxFreeBusyAddresses = 20;
/** Longest calendar/freebusy period: Ferry's cap (Graph allows less than 62 days). */
export const maxFreeBusyDays = 31;
/** Slot length of `view`, in minutes: getSchedule's availabilityViewInterval range and default. */
export const freeBusyInterval = { min: 5, max: 1440, default: 30 } as const;

export const calendarSchema = z
  .object({
    id: graphId,
    name: z.string(),
    color: z.string().meta({ description: "Graph's colour theme: `auto` (never set), `lightBlue`, `lightGreen`, `lightOrange`, `lightGray`, `lightYellow`, `lightTeal`, `lightPink`, `lightBrown`, `lightRed`; show `hexColor` when there is one." }),
    hexColor: z.string().nullable().meta({ description: 'The colour as `#rrggbb`; null when the user never set one.' }),
    isDefault: z.boolean().default(false).meta({ description: 'The primary calendar, where new events go.' }),
    canEdit: z.boolean().default(false).meta({ description: 'The user may write to it (own calendars, and shared ones with write access).' }),
    owner: addressSchema.nullable().meta({ description: 'Who created it; for a shared or delegated calendar, the person who shared it.' }),
    syncable: z.boolean().default(false).meta({ description: '`calendar/sync` syncs it: the primary calendar only (Graph v1.0 offers calendarView delta for it alone).' }),
  })
  .meta({ id: 'Calendar', description: 'A calendar of the user: own, shared with them or delegated to them.' });
export type Calendar = z.infer<typeof calendarSchema>;

export const calendarListRequest = z.strictObject({}).meta({ id: 'CalendarListRequest' });
export const calendarListResponse = z.object({ calendars: z.array(calendarSchema) }).meta({ id: 'CalendarListResponse' });

const offsetDateTime = z.iso.datetime({ offset: true });

export const freeBusyRequest = z
  .strictObject({
    addresses: z.array(plainAddress).min(1).max(maxFreeBusyAddresses).meta({ description: `People, rooms or distribution lists by SMTP address: 1 to ${maxFreeBusyAddresses}.` }),
    start: offsetDateTime.meta({ description: 'Start of the period (ISO 8601 with offset).' }),
    end: offsetDateTime.meta({ description: `End of the period: after \`start\`, at most ${maxFreeBusyDays} days later.` }),
    timeZone: z.string().min(1).max(64).optional().meta({ description: 'IANA zone (default `UTC`) of the answer\'s `start`/`end`.' }),
    intervalMinutes: z
      .number()
      .int()
      .min(freeBusyInterval.min)
      .max(freeBusyInterval.max)
      .optional()
      .meta({ description: `Length of one slot of \`view\` in minutes. Default ${freeBusyInterval.default}.` }),
  })
  .meta({ id: 'FreeBusyRequest' });

export const freeBusyStatus = z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']);

export const freeBusyItemSchema = z
  .object({
    start: offsetDateTime.meta({ description: 'With the offset of `timeZone`.' }),
    end: offsetDateTime,
    status: freeBusyStatus,
  })
  .meta({ id: 'FreeBusyItem', description: 'One busy (or free, tentative, away) stretch: never a subject or location.' });

export const scheduleSchema = z
  .object({
    address: z.string().meta({ description: 'The address as the request gave it.' }),
    items: z.array(freeBusyItemSchema).default([]),
    view: z
      .string()
      .default('')
      .meta({ description: "Graph's availabilityView: one digit per `intervalMinutes` from `start` (0 free or working elsewhere, 1 tentative, 2 busy, 3 away)." }),
    error: z
      .object({ code: z.string().meta({ description: '`not_found`: Graph could not resolve the address. `upstream_error`: Graph could not read this schedule.' }) })
      .optional()
      .meta({ description: 'This schedule could not be read: `items` and `view` are empty. The other schedules are still good.' }),
  })
  .meta({ id: 'Schedule' });

export const freeBusyResponse = z.object({ schedules: z.array(scheduleSchema).meta({ description: 'One per address, in the order asked.' }) }).meta({ id: 'FreeBusyResponse' });
export type Schedule = z.infer<typeof scheduleSchema>;
