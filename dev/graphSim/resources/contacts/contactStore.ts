import type { ExtendedProperty } from '../../core/extendedProperties';
import type { IdFactory } from '../../core/graphIds';
import { storeKey } from '../../core/resourceStores';

/** A contactFolder; the default one (Contacts) is kept here but hidden from lists and deltas. */
export interface ContactFolderRecord {
  id: string;
  parentFolderId: string;
  displayName: string;
  /** Sequence of its last rename or move (what a folder delta reports). */
  changeSeq: number;
}

/** A contact: Graph's own properties in `fields` (v1.0 names and JSON values), the store's bookkeeping beside. */
export interface ContactRecord {
  id: string;
  folderId: string;
  changeKey: string;
  createdMs: number;
  modifiedMs: number;
  changeSeq: number;
  /** Sequence of each Graph property's last change (a partial delta item carries those after its round's base). */
  fieldSeq: Record<string, number>;
  fields: Record<string, unknown>;
  /** singleValueExtendedProperties a client wrote (absent until one is), and when (the `$filter` lag counts from it). */
  extendedProperties?: ExtendedProperty[];
  extendedPropertiesAtMs?: number;
  /** The contact's photo (`photo/$value`), absent when it has none. */
  photo?: ContactPhoto;
}

export interface ContactPhoto {
  contentType: string;
  bytes: Buffer;
}

export interface ContactsOwner {
  oid: string;
  upn: string;
}

/**
 * One user's contacts in memory: the folder tree under the default Contacts folder, the contacts, and
 * a sequence stamped on every write (what the delta engine measures rounds against).
 * UNVERIFIED (reported, not documented): `/me/contactFolders` lists the default folder's children, whose
 * `parentFolderId` is the default folder's id; the default folder's own parent is the mailbox root.
 */
export class ContactStore {
  readonly owner: ContactsOwner;
  readonly ids: IdFactory;
  readonly now: () => number;
  readonly folders = new Map<string, ContactFolderRecord>();
  readonly contacts = new Map<string, ContactRecord>();
  readonly rootId: string;
  readonly defaultFolderId: string;
  private seq = 0;

  constructor(owner: ContactsOwner, ids: IdFactory, now: () => number) {
    this.owner = owner;
    this.ids = ids;
    this.now = now;
    this.rootId = ids.next('folder');
    this.defaultFolderId = this.addFolder(this.rootId, 'Contacts').id;
  }

  get sequence(): number {
    return this.seq;
  }

  private nextSeq(): number {
    return ++this.seq;
  }

  addFolder(parentFolderId: string, displayName: string): ContactFolderRecord {
    const folder = { id: this.ids.next('folder'), parentFolderId, displayName, changeSeq: this.nextSeq() };
    this.folders.set(folder.id, folder);
    return folder;
  }

  renameFolder(folder: ContactFolderRecord, displayName: string): void {
    folder.displayName = displayName;
    folder.changeSeq = this.nextSeq();
  }

  /** Removes the folder, its subfolders and their contacts. */
  deleteFolder(folder: ContactFolderRecord): void {
    for (const child of this.childFolders(folder.id)) this.deleteFolder(child);
    for (const contact of this.contactsIn(folder.id)) this.contacts.delete(contact.id);
    this.folders.delete(folder.id);
    this.nextSeq();
  }

  childFolders(parentId: string): ContactFolderRecord[] {
    return [...this.folders.values()].filter((f) => f.parentFolderId === parentId);
  }

  /** The folders below the default one, parents before children; with `topLevelOnly` its children only. */
  tree(topLevelOnly: boolean): ContactFolderRecord[] {
    const out: ContactFolderRecord[] = [];
    const walk = (parentId: string) => {
      for (const child of this.childFolders(parentId)) {
        out.push(child);
        if (!topLevelOnly) walk(child.id);
      }
    };
    walk(this.defaultFolderId);
    return out;
  }

  contactsIn(folderId: string): ContactRecord[] {
    return [...this.contacts.values()].filter((c) => c.folderId === folderId);
  }

  addContact(folderId: string, fields: Record<string, unknown>): ContactRecord {
    const at = this.now();
    const seq = this.nextSeq();
    const contact: ContactRecord = { id: this.ids.next('contact'), folderId, changeKey: this.ids.changeKey(), createdMs: at, modifiedMs: at, changeSeq: seq, fieldSeq: {}, fields: { ...fields } };
    this.contacts.set(contact.id, contact);
    return contact;
  }

  updateContact(contact: ContactRecord, fields: Record<string, unknown>): void {
    Object.assign(contact.fields, fields);
    this.touch(contact, Object.keys(fields));
  }

  /**
   * A new photo: the contact's change key and lastModifiedDateTime change with it, so its delta reports
   * it (UNVERIFIED: whether a photo change moves Exchange's change key).
   */
  setPhoto(contact: ContactRecord, photo: ContactPhoto): void {
    contact.photo = { contentType: photo.contentType, bytes: Buffer.from(photo.bytes) };
    this.touch(contact, []);
  }

  /** A change that is not a field's: new change key and sequence. */
  private touch(contact: ContactRecord, names: readonly string[]): void {
    contact.changeKey = this.ids.changeKey();
    contact.modifiedMs = this.now();
    contact.changeSeq = this.nextSeq();
    for (const name of [...names, 'changeKey', 'lastModifiedDateTime']) contact.fieldSeq[name] = contact.changeSeq;
  }

  /** As another client would: same id (immutable ids survive moves), new change key. */
  moveContact(contact: ContactRecord, folderId: string): void {
    contact.folderId = folderId;
    this.touch(contact, ['parentFolderId']);
  }

  deleteContact(contact: ContactRecord): void {
    this.contacts.delete(contact.id);
    this.nextSeq();
  }
}

/** The contacts resource's per-user store (`sim.stores.get(contactStores, oid)`). */
export const contactStores = storeKey<ContactStore>('contacts');
