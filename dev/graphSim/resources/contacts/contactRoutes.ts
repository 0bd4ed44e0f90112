import type { RouteDefinition } from '../../core/routeTable';
import { contactDelta, contactFolderDelta } from './contactDelta';
import { getContact, getContactFolder, listContactFolders, listContacts } from './contactHandlers';
import { requireContactFolderChain, requireContactStore } from './resolveContacts';

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
  { method: 'GET', pattern: 'contacts', operation: 'contacts.list', handler: (c) => listContacts(c) },
  {
    method: 'GET', pattern: 'contacts/delta', operation: 'contacts.delta',
    delta: (c) => {
      const store = requireContactStore(c);
      return contactDelta(c, store.folders.get(store.defaultFolderId)!, 'contacts/delta');
    },
  },
  { method: 'GET', pattern: 'contacts/{contact}', operation: 'contacts.get', handler: (c, m) => getContact(c, m.values.contact!) },
];
