import { findUser } from '../../../directory';
import type { SimServices } from '../../core/simContext';
import { contactStores, type ContactStore } from './contactStore';
import { toGraphContact, toGraphContactFolder } from './toGraphContact';

/** A read-only look into one user's contacts, as Graph JSON (fresh copies). */
export interface ContactsView {
  /** The default Contacts folder (absent from `folders()`, as from `/me/contactFolders`). */
  defaultFolder(): Record<string, unknown>;
  /** Every folder below the default one, parents first. */
  folders(): Record<string, unknown>[];
  /** Contacts of one folder (id; default: the default folder). */
  contacts(folderId?: string): Record<string, unknown>[];
  contact(id: string): Record<string, unknown> | undefined;
  /** The contact's photo (a copy), undefined when it has none or is gone. */
  photo(id: string): { contentType: string; bytes: Buffer } | undefined;
  /** The contact's singleValueExtendedProperties (copies; [] when none). */
  extendedProperties(id: string): Array<{ id: string; value: string }>;
}

/** What contacts add to `sim.state`: inspection, and changes another client (Outlook, a phone) would make. */
export interface ContactsState {
  contacts(oidOrUpn: string): ContactsView | undefined;
  /** A new folder below `parentId` (default: the default folder); returns its id. */
  addContactFolder(oidOrUpn: string, displayName: string, parentId?: string): string;
  renameContactFolder(oidOrUpn: string, folderId: string, displayName: string): void;
  /** Deletes the folder, its subfolders and their contacts. */
  deleteContactFolder(oidOrUpn: string, folderId: string): void;
  /** A new contact with Graph's fields (`displayName`, `emailAddresses`...); returns its id. */
  addContact(oidOrUpn: string, fields: Record<string, unknown>, folderId?: string): string;
  updateContact(oidOrUpn: string, id: string, fields: Record<string, unknown>): void;
  deleteContact(oidOrUpn: string, id: string): void;
  /**
   * Moves a contact to another folder, keeping its id. UNVERIFIED: v1.0 has no contact move; Outlook
   * and phones move contacts, and the simulator assumes the immutable id survives as for messages.
   */
  moveContact(oidOrUpn: string, id: string, folderId: string): void;
  /** Sets a contact's photo as another client would (its change key changes). */
  setContactPhoto(oidOrUpn: string, id: string, photo: { contentType: string; bytes: Buffer }): void;
  /** How long a contact's extended properties take to be found by `$filter` (the `contactFilterLagInMs` option). */
  setContactFilterLag(lagInMs: number): void;
}

export function createContactsState(sim: SimServices): ContactsState {
  const storeOf = (oidOrUpn: string): ContactStore | undefined => sim.stores.get(contactStores, findUser(oidOrUpn)?.oid ?? oidOrUpn.toLowerCase());
  const store = (oidOrUpn: string): ContactStore => {
    const found = storeOf(oidOrUpn);
    if (!found) throw new RangeError(`graphSim: no contacts for '${oidOrUpn}'`);
    return found;
  };
  const folder = (s: ContactStore, id: string) => {
    const found = s.folders.get(id);
    if (!found) throw new RangeError(`graphSim: no contact folder '${id}'`);
    return found;
  };
  const contact = (s: ContactStore, id: string) => {
    const found = s.contacts.get(id);
    if (!found) throw new RangeError(`graphSim: no contact '${id}'`);
    return found;
  };
  return {
    contacts: (oidOrUpn) => {
      const s = storeOf(oidOrUpn);
      if (!s) return undefined;
      return {
        defaultFolder: () => toGraphContactFolder(s.folders.get(s.defaultFolderId)!),
        folders: () => s.tree(false).map((f) => toGraphContactFolder(f)),
        contacts: (folderId = s.defaultFolderId) => s.contactsIn(folderId).map((c) => toGraphContact(c)),
        contact: (id) => {
          const found = s.contacts.get(id);
          return found && toGraphContact(found);
        },
        photo: (id) => {
          const photo = s.contacts.get(id)?.photo;
          return photo && { contentType: photo.contentType, bytes: Buffer.from(photo.bytes) };
        },
        extendedProperties: (id) => (s.contacts.get(id)?.extendedProperties ?? []).map((p) => ({ ...p })),
      };
    },
    addContactFolder: (oidOrUpn, displayName, parentId) => {
      const s = store(oidOrUpn);
      return s.addFolder(folder(s, parentId ?? s.defaultFolderId).id, displayName).id;
    },
    renameContactFolder: (oidOrUpn, folderId, displayName) => {
      const s = store(oidOrUpn);
      s.renameFolder(folder(s, folderId), displayName);
    },
    deleteContactFolder: (oidOrUpn, folderId) => {
      const s = store(oidOrUpn);
      if (folderId === s.defaultFolderId) throw new RangeError('graphSim: the default contact folder cannot be deleted');
      s.deleteFolder(folder(s, folderId));
    },
    addContact: (oidOrUpn, fields, folderId) => {
      const s = store(oidOrUpn);
      return s.addContact(folder(s, folderId ?? s.defaultFolderId).id, fields).id;
    },
    updateContact: (oidOrUpn, id, fields) => {
      const s = store(oidOrUpn);
      s.updateContact(contact(s, id), fields);
    },
    deleteContact: (oidOrUpn, id) => {
      const s = store(oidOrUpn);
      s.deleteContact(contact(s, id));
    },
    moveContact: (oidOrUpn, id, folderId) => {
      const s = store(oidOrUpn);
      s.moveContact(contact(s, id), folder(s, folderId).id);
    },
    setContactPhoto: (oidOrUpn, id, photo) => {
      const s = store(oidOrUpn);
      s.setPhoto(contact(s, id), photo);
    },
    setContactFilterLag: (lagInMs) => {
      sim.settings.contactFilterLagInMs = lagInMs;
    },
  };
}
