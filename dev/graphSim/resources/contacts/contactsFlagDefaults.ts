import type { GraphSimFlags } from '../../core/simContext';

/** Contacts' switches, added to the core's GraphSimFlags so `state.setFlags` takes them typed. */
declare module '../../core/simContext' {
  interface GraphSimFlags {
    /**
     * `contactFolders/contacts` (the default folder by its well-known name, undocumented) is refused as a
     * malformed id instead of answering the default folder.
     */
    contactsWellKnownNameUnknown: boolean;
    /** `contactFolders/delta` reports only the default folder's children, not deeper folders. */
    contactFolderDeltaTopLevelOnly: boolean;
    /** A contact PATCH ignores `If-Match` (UNVERIFIED whether Exchange honours it on contacts); off: a stale one is 412. */
    contactsIfMatchIgnored: boolean;
  }
}

export const contactsFlagDefaults: Pick<GraphSimFlags, 'contactsWellKnownNameUnknown' | 'contactFolderDeltaTopLevelOnly' | 'contactsIfMatchIgnored'> = {
  contactsWellKnownNameUnknown: false,
  contactFolderDeltaTopLevelOnly: false,
  contactsIfMatchIgnored: false,
};
