import { createHash } from 'node:crypto';
import { findUser } from '../../../directory';
import { idTagOf } from '../../core/graphIds';
import type { EmailAddress } from '../../core/graphTypes';
import type { ResourceStores } from '../../core/resourceStores';
import type { CalendarStore } from './calendarStore';
import { calendarStores } from './calendarStores';

/**
 * A calendar as `/me/calendars` lists it (https://learn.microsoft.com/graph/api/resources/calendar):
 * the user's own (the primary one, `isDefaultCalendar`, and a coloured one) and those others share
 * with the user. Only the primary calendar holds events here (calendarView, delta, getSchedule read it).
 */
export interface CalendarRecord {
  id: string;
  name: string;
  /** auto, lightBlue, lightGreen, lightOrange, lightGray, lightYellow, lightTeal, lightPink, lightBrown, lightRed, maxColor. */
  color: string;
  /** `#RRGGBB`; empty "if the user has never explicitly set a color for the calendar" (calendar resource). */
  hexColor: string;
  isDefaultCalendar: boolean;
  /** "true for the user who created the calendar ... also true for a user who shared a calendar and granted write access." */
  canEdit: boolean;
  /** "Only the user who created the calendar can share it." */
  canShare: boolean;
  canViewPrivateItems: boolean;
  isRemovable: boolean;
  /** For a shared calendar, "the person who shared that calendar with the user". */
  owner: EmailAddress;
}

/** A calendar one user shares with another; `canEdit` is the share's write access. */
export interface CalendarShare {
  owner: string;
  sharedWith: string;
  canEdit: boolean;
}

/** The demo shares: bob shares his calendar with alice, read only (a test may add more: `simulateCalendarShare`). */
export const demoCalendarShares: readonly CalendarShare[] = [{ owner: 'bob@contoso.test', sharedWith: 'alice@contoso.test', canEdit: false }];

const sharesBySim = new WeakMap<object, CalendarShare[]>();

/** One simulator's shares (its `sim` services object): the demo ones until a test adds more. */
export function calendarSharesOf(sim: object): CalendarShare[] {
  let shares = sharesBySim.get(sim);
  if (!shares) sharesBySim.set(sim, (shares = demoCalendarShares.map((s) => ({ ...s }))));
  return shares;
}

/** The calendars of each store: made on first use, so a replaced mailbox (a new store) gets new ones with new ids. */
const listsByStore = new WeakMap<CalendarStore, CalendarRecord[]>();
const generationsByOwner = new Map<string, number>();

/**
 * A calendar id: shaped like Exchange's (URL-safe base64, the owner's id tag, `AAA=` tail), derived
 * from the owner, the name and the store's generation (a replaced mailbox's calendars get new ids).
 */
function calendarId(owner: string, name: string, generation: number): string {
  const digest = createHash('sha256').update(`${owner}\n${name}\n${generation}`).digest('base64url').slice(0, 60);
  return `AAMkAGI2TGuLAAAuAAAAAAAiQ8W967B7TKBjgx9rVEURAQ${idTagOf(owner)}${digest}AAA=`;
}

function ownCalendars(store: CalendarStore): CalendarRecord[] {
  const generation = (generationsByOwner.get(store.owner.oid) ?? 0) + 1;
  generationsByOwner.set(store.owner.oid, generation);
  const owner = { name: store.owner.displayName, address: store.owner.upn };
  const own = { canEdit: true, canShare: true, canViewPrivateItems: true, owner };
  return [
    // The primary calendar: Outlook's default colour (`auto`, hexColor empty: never set), not removable.
    { id: calendarId(store.owner.oid, 'Calendar', generation), name: 'Calendar', color: 'auto', hexColor: '', isDefaultCalendar: true, isRemovable: false, ...own },
    { id: calendarId(store.owner.oid, 'Team', generation), name: 'Team', color: 'lightGreen', hexColor: '#87d28e', isDefaultCalendar: false, isRemovable: true, ...own },
  ];
}

/**
 * A calendar another user shares with this one, as the sharee's mailbox lists it. UNVERIFIED: the name
 * (Outlook names an added shared calendar after its owner) and the colour; `canViewPrivateItems` false.
 */
function sharedCalendar(store: CalendarStore, share: CalendarShare, ownerName: string, ownerUpn: string, generation: number): CalendarRecord {
  return {
    id: calendarId(store.owner.oid, `shared:${ownerUpn}`, generation),
    name: ownerName,
    color: 'lightOrange',
    hexColor: '#fcab73',
    isDefaultCalendar: false,
    canEdit: share.canEdit,
    canShare: false,
    canViewPrivateItems: false,
    isRemovable: true,
    owner: { name: ownerName, address: ownerUpn },
  };
}

/** Every calendar of `store`'s owner: own ones first, then those shared with them (by users who have a calendar). */
export function calendarsOf(stores: ResourceStores, store: CalendarStore, shares: readonly CalendarShare[]): CalendarRecord[] {
  let list = listsByStore.get(store);
  if (!list) {
    list = ownCalendars(store);
    listsByStore.set(store, list);
  }
  const generation = generationsByOwner.get(store.owner.oid) ?? 1;
  const shared = shares
    .filter((share) => findUser(share.sharedWith)?.oid === store.owner.oid)
    .flatMap((share) => {
      const owner = findUser(share.owner);
      return owner && stores.get(calendarStores, owner.oid) ? [sharedCalendar(store, share, owner.displayName, owner.upn, generation)] : [];
    });
  return [...list, ...shared];
}

/** Whether `owner` shares a calendar with `viewer` (getSchedule then shows subjects and locations). */
export function sharesWith(shares: readonly CalendarShare[], ownerOid: string, viewerOid: string): boolean {
  return shares.some((s) => findUser(s.owner)?.oid === ownerOid && findUser(s.sharedWith)?.oid === viewerOid);
}

/** The calendar resource as Graph gives it (user-list-calendars' sample, with isDefaultCalendar). */
export function toGraphCalendar(calendar: CalendarRecord): Record<string, unknown> {
  return {
    id: calendar.id,
    name: calendar.name,
    color: calendar.color,
    hexColor: calendar.hexColor,
    isDefaultCalendar: calendar.isDefaultCalendar,
    changeKey: 'nfZyf7VcrEKLNoU37KWlkQAAA0x0+w==',
    canShare: calendar.canShare,
    canViewPrivateItems: calendar.canViewPrivateItems,
    canEdit: calendar.canEdit,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: calendar.isDefaultCalendar,
    isRemovable: calendar.isRemovable,
    owner: { ...calendar.owner },
  };
}

/** What the calendar list adds to `sim.state`: the shares between users. */
export interface CalendarListState {
  /** `owner` shares their calendar with `sharedWith` (read only unless `canEdit`); a share already there is replaced. */
  simulateCalendarShare(owner: string, sharedWith: string, options?: { canEdit?: boolean }): void;
}

export function createCalendarListState(sim: object): CalendarListState {
  return {
    simulateCalendarShare: (owner, sharedWith, options) => {
      const [from, to] = [findUser(owner), findUser(sharedWith)];
      if (!from || !to) throw new RangeError(`graphSim: no dev user '${!from ? owner : sharedWith}'`);
      const shares = calendarSharesOf(sim);
      const kept = shares.filter((s) => !(findUser(s.owner)?.oid === from.oid && findUser(s.sharedWith)?.oid === to.oid));
      shares.splice(0, shares.length, ...kept, { owner: from.upn, sharedWith: to.upn, canEdit: options?.canEdit ?? false });
    },
  };
}
