import type { SimResource } from '../../core/simResource';
import { contactRoutes } from './contactRoutes';
import { contactStores, type ContactStore } from './contactStore';
import { contactsFlagDefaults } from './contactsFlagDefaults';
import { createContactsState, type ContactsState } from './contactsState';
import { createDemoContacts, type ContactsSpec } from './demoContacts';

/** Outlook contacts: contactFolders and contacts (with their delta collections), read-only for now. */
export type { ContactsSpec, ContactsState };

export const contactsResource: SimResource<ContactsSpec, ContactStore, ContactsState> = {
  name: 'contacts',
  routes: contactRoutes,
  store: { key: contactStores, create: ({ seed, specs, now }) => createDemoContacts({ seed, specs, now }) },
  flags: contactsFlagDefaults,
  state: createContactsState,
};
