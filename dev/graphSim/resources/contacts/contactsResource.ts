import type { SimResource, UserSpec } from '../../core/simResource';
import { contactRoutes } from './contactRoutes';
import { contactStores, type ContactStore } from './contactStore';
import { contactsFlagDefaults } from './contactsFlagDefaults';
import { createContactsState, type ContactsState } from './contactsState';
import { createDemoContacts } from './demoContacts';

/** Outlook contacts: contactFolders and contacts (with their delta collections), read-only for now. */
export type { ContactsState };

export const contactsResource: SimResource<UserSpec, ContactStore, ContactsState> = {
  name: 'contacts',
  routes: contactRoutes,
  store: { key: contactStores, create: ({ seed, specs, now }) => createDemoContacts({ seed, specs, now }) },
  flags: contactsFlagDefaults,
  state: createContactsState,
};
