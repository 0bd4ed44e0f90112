import type { Calendar as GraphCalendar } from '@microsoft/microsoft-graph-types';
import type { Calendar } from '../protocol/schemas/calendars';

/**
 * A Graph calendar as the device sees it. `syncable`: the primary calendar only, the one calendarView
 * delta serves in v1.0. An empty hexColor ("the user has never explicitly set a color") is null.
 */
export function toDeviceCalendar(calendar: GraphCalendar): Calendar {
  const isDefault = calendar.isDefaultCalendar === true;
  const owner = calendar.owner;
  return {
    id: calendar.id ?? '',
    name: calendar.name ?? '',
    color: calendar.color ?? 'auto',
    hexColor: calendar.hexColor ? calendar.hexColor : null,
    isDefault,
    canEdit: calendar.canEdit === true,
    owner: owner ? { name: owner.name ?? '', address: owner.address ?? '' } : null,
    syncable: isDefault,
  };
}
