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
  }
}

export const contactsFlagDefaults: Pick<GraphSimFlags, 'contactsWellKnownNameUnknown' | 'contactFolderDeltaTopLevelOnly'> = {
  contactsWellKnownNameUnknown: false,
  contactFolderDeltaTopLevelOnly: false,
};
