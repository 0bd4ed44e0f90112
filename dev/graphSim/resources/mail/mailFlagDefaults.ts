import type { GraphSimFlags } from '../../core/simContext';

/** Mail's switches, added to the core's GraphSimFlags so `state.setFlags` takes them typed. */
declare module '../../core/simContext' {
  interface GraphSimFlags {
    /** mailFolders/delta returns only msgfolderroot's children (so clients must walk childFolders). */
    folderDeltaTopLevelOnly: boolean;
    /** An updated (not new) item in a message delta sometimes carries only id and changed properties. */
    partialUpdates: boolean;
    /**
     * The immutable-id move miss (mgdc#72): a message moved out of a folder and back between two delta
     * calls comes as `@removed` and not again until it changes; one moved back after the delta reported
     * it removed is not reported at all.
     */
    immutableIdMoveMiss: boolean;
    /**
     * A soft-deleted message (in Recoverable Items) answers 404 ErrorItemNotFound to GET, PATCH, move and
     * its attachments, instead of answering as any message does (GET 200 with Recoverable Items'
     * parentFolderId). A repeated DELETE is 403 ErrorCannotDeleteObject either way.
     */
    deletedGetIs404: boolean;
    /**
     * A `receivedDateTime` filtered message delta reports only items inside the filter. Off (Exchange,
     * mgdc#9760): it also reports `@removed` and read/unread changes of items outside it.
     */
    filteredDeltaStrict: boolean;
    /** mailFolders/delta does not report a folder whose only change is its counts (unread, total, child folders). */
    folderCountsStale: boolean;
    /** `$search` terms match word prefixes (`inv` finds "invoice"), not only whole words. */
    searchWordPrefix: boolean;
    /** `/me/people?$search=` matches whole words of names and addresses, not word prefixes. */
    peopleSearchWholeWords: boolean;
    /** An attachment's `$value` comes chunked, without Content-Length (UNVERIFIED which one Graph does). */
    attachmentValueWithoutLength: boolean;
    /** An attachment's `$value` honours one `bytes=a-b` Range with 206 (UNVERIFIED; off: Range is ignored, 200 and the whole file). */
    attachmentValueRange: boolean;
    /** createReply/createReplyAll/createForward set singleValueExtendedProperties given in `message` (UNVERIFIED; off: ignored, to be PATCHed). */
    draftPropertiesInMessage: boolean;
    /** PATCH of a message ignores `If-Match` (UNVERIFIED; off: a change key other than the message's is 412 `ErrorIrresolvableConflict`). */
    ifMatchIgnored: boolean;
  }
}

export const mailFlagDefaults: Pick<GraphSimFlags, 'folderDeltaTopLevelOnly' | 'partialUpdates' | 'immutableIdMoveMiss' | 'deletedGetIs404' | 'filteredDeltaStrict' | 'folderCountsStale' | 'searchWordPrefix' | 'peopleSearchWholeWords' | 'attachmentValueWithoutLength' | 'attachmentValueRange' | 'draftPropertiesInMessage' | 'ifMatchIgnored'> = {
  folderDeltaTopLevelOnly: false,
  partialUpdates: false,
  // On: Exchange has been reported to do it (mgdc#72); Ferry checks `@removed` ids and runs a periodic full round.
  immutableIdMoveMiss: true,
  deletedGetIs404: false,
  filteredDeltaStrict: false,
  folderCountsStale: false,
  searchWordPrefix: false,
  peopleSearchWholeWords: false,
  attachmentValueWithoutLength: false,
  attachmentValueRange: false,
  draftPropertiesInMessage: true,
  ifMatchIgnored: false,
};
