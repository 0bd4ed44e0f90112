import type { GraphSimFlags } from '../../core/simContext';

/** Calendar's switches, one per UNVERIFIED point of calendarView delta (dev/graphSim/README.md, Flags). */
declare module '../../core/simContext' {
  interface GraphSimFlags {
    /** A plain occurrence in calendarView delta carries only id, seriesMasterId, type, start and end (reported). */
    calendarOccurrenceStubs: boolean;
    /** calendarView delta also reports the series masters of the instances in its window (reported). */
    calendarMastersInDelta: boolean;
    /** A change made to a whole series is reported by its master alone, not by each occurrence it changed. */
    calendarSeriesChangeMasterOnly: boolean;
    /** An occurrence deleted from a series that goes on is not reported (no `@removed`). */
    calendarDeletedOccurrenceSilent: boolean;
    /** calendarView delta links carry 2,000-character tokens (Exchange's are long; the samples' short). */
    calendarLongDeltaTokens: boolean;
    /**
     * Events outside the window that were added, changed or deleted since the previous delta call come
     * as `@removed` (event-delta: "you may find"). The chaos profile's `removedOutsideWindow` oddity sets it.
     */
    removedOutsideWindow: boolean;
    /**
     * A create repeating an earlier one's `transactionId` answers 400 ErrorDuplicateTransactionId (reported)
     * rather than the event made before (UNVERIFIED which, and how long Graph remembers: here, as long as
     * the event exists).
     */
    eventDuplicateTransactionIdError: boolean;
  }
}

export const calendarFlagDefaults: Pick<
  GraphSimFlags,
  'calendarOccurrenceStubs' | 'calendarMastersInDelta' | 'calendarSeriesChangeMasterOnly' | 'calendarDeletedOccurrenceSilent' | 'calendarLongDeltaTokens' | 'removedOutsideWindow' | 'eventDuplicateTransactionIdError'
> = {
  calendarOccurrenceStubs: true,
  calendarMastersInDelta: true,
  calendarSeriesChangeMasterOnly: false,
  calendarDeletedOccurrenceSilent: false,
  calendarLongDeltaTokens: true,
  removedOutsideWindow: false,
  eventDuplicateTransactionIdError: false,
};
