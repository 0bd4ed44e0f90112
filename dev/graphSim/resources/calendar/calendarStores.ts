import { storeKey } from '../../core/resourceStores';
import type { CalendarStore } from './calendarStore';

/** The calendar resource's per-user store: the primary calendar's events (`sim.stores.get(calendarStores, oid)`). */
export const calendarStores = storeKey<CalendarStore>('calendar');
