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
    /**
     * A soft-deleted message (in Recoverable Items) answers 404 ErrorItemNotFound to GET, PATCH, move and
     * its attachments, instead of answering as any message does (GET 200 with Recoverable Items'
     * parentFolderId). A repeated DELETE is 403 ErrorCannotDeleteObject either way.
     */
    deletedGetIs404: boolean;
  }
}

export const mailFlagDefaults: Pick<GraphSimFlags, 'folderDeltaTopLevelOnly' | 'partialUpdates' | 'immutableIdMoveMiss' | 'deletedGetIs404'> = {
  folderDeltaTopLevelOnly: false,
  partialUpdates: false,
  immutableIdMoveMiss: false,
  deletedGetIs404: false,
};
