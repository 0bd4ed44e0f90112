import type { RouteDefinition } from '../../core/routeTable';
import { contactDelta, contactFolderDelta } from './contactDelta';
import { getContact, getContactFolder, listContactFolders, listContacts } from './contactHandlers';
import { requireContactFolderChain, requireContactStore } from './resolveContacts';
import { createContact, getContactPhoto, patchContact, putContactPhoto, removeContact } from './contactWrites';

/** contactFolder and contact endpoints; `{folder:childFolders}` is the URL's folder path. */
export const contactRoutes: RouteDefinition[] = [
  { method: 'GET', pattern: 'contactFolders', operation: 'contactFolders.list', handler: (c) => listContactFolders(c) },
  { method: 'GET', pattern: 'contactFolders/delta', operation: 'contactFolders.delta', delta: (c) => contactFolderDelta(c) },
  { method: 'GET', pattern: 'contactFolders/{folder:childFolders}', operation: 'contactFolders.get', handler: (c, m) => getContactFolder(c, m.chains.folder!) },
  { method: 'GET', pattern: 'contactFolders/{folder:childFolders}/childFolders', operation: 'contactFolders.childFolders', handler: (c, m) => listContactFolders(c, m.chains.folder) },
  { method: 'GET', pattern: 'contactFolders/{folder:childFolders}/contacts', operation: 'contacts.list', handler: (c, m) => listContacts(c, m.chains.folder) },
  {
    method: 'GET', pattern: 'contactFolders/{folder:childFolders}/contacts/delta', operation: 'contacts.delta',
    delta: (c, m) => {
      const folder = requireContactFolderChain(c, requireContactStore(c), m.chains.folder!);
      return contactDelta(c, folder, `contactFolders/${encodeURIComponent(folder.id)}/contacts/delta`);
    },
  },
  { method: 'GET', pattern: 'contactFolders/{folder:childFolders}/contacts/{contact}', operation: 'contacts.get', handler: (c, m) => getContact(c, m.values.contact!, m.chains.folder) },
  { method: 'POST', pattern: 'contactFolders/{folder:childFolders}/contacts', operation: 'contacts.create', handler: (c, m) => createContact(c, m.chains.folder) },
  { method: 'PATCH', pattern: 'contactFolders/{folder:childFolders}/contacts/{contact}', operation: 'contacts.update', handler: (c, m) => patchContact(c, m.values.contact!, m.chains.folder) },
  { method: 'DELETE', pattern: 'contactFolders/{folder:childFolders}/contacts/{contact}', operation: 'contacts.delete', handler: (c, m) => removeContact(c, m.values.contact!, m.chains.folder) },
  { method: 'GET', pattern: 'contactFolders/{folder:childFolders}/contacts/{contact}/photo/$value', operation: 'contacts.photo', handler: (c, m) => getContactPhoto(c, m.values.contact!, m.chains.folder) },
  { method: 'PUT', pattern: 'contactFolders/{folder:childFolders}/contacts/{contact}/photo/$value', operation: 'contacts.setPhoto', handler: (c, m) => putContactPhoto(c, m.values.contact!, m.chains.folder) },
  { method: 'GET', pattern: 'contacts', operation: 'contacts.list', handler: (c) => listContacts(c) },
  {
    method: 'GET', pattern: 'contacts/delta', operation: 'contacts.delta',
    delta: (c) => {
      const store = requireContactStore(c);
      return contactDelta(c, store.folders.get(store.defaultFolderId)!, 'contacts/delta');
    },
  },
  { method: 'GET', pattern: 'contacts/{contact}', operation: 'contacts.get', handler: (c, m) => getContact(c, m.values.contact!) },
  { method: 'POST', pattern: 'contacts', operation: 'contacts.create', handler: (c) => createContact(c) },
  { method: 'PATCH', pattern: 'contacts/{contact}', operation: 'contacts.update', handler: (c, m) => patchContact(c, m.values.contact!) },
  { method: 'DELETE', pattern: 'contacts/{contact}', operation: 'contacts.delete', handler: (c, m) => removeContact(c, m.values.contact!) },
  { method: 'GET', pattern: 'contacts/{contact}/photo/$value', operation: 'contacts.photo', handler: (c, m) => getContactPhoto(c, m.values.contact!) },
  { method: 'PUT', pattern: 'contacts/{contact}/photo/$value', operation: 'contacts.setPhoto', handler: (c, m) => putContactPhoto(c, m.values.contact!) },
];
