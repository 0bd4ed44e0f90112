import type { GraphSimFlags } from '../../core/simContext';

/** Mail's switches, added to the core's GraphSimFlags so `state.setFlags` takes them typed. */
declare module '../../core/simContext' {
  interface GraphSimFlags {
    /** mailFolders/delta returns only msgfolderroot's children (so clients must walk childFolders). */
    folderDeltaTopLevelOnly: boolean;
    /** An updated (not new) item in a message delta sometimes carries only id and changed properties. */
    partialUpdates: boolean;
    /** A message moved out of a folder and back between two delta calls is not reported in that folder. */
    immutableIdMoveMiss: boolean;
    /** mailFolders/delta does not report a folder whose only change is its counts (unread, total, child folders). */
    folderCountsStale: boolean;
  }
}

export const mailFlagDefaults: Pick<GraphSimFlags, 'folderDeltaTopLevelOnly' | 'partialUpdates' | 'immutableIdMoveMiss' | 'folderCountsStale'> = {
  folderDeltaTopLevelOnly: false,
  partialUpdates: false,
  immutableIdMoveMiss: false,
  folderCountsStale: false,
};
