import { GraphError, graphErrors } from '../../core/graphError';
import { foreignItemError } from '../../core/foreignItemError';
import { isWellFormedGraphId } from '../../core/graphIds';
import type { HandlerContext } from '../../core/simContext';
import { contactStores, type ContactFolderRecord, type ContactRecord, type ContactStore } from './contactStore';

export function requireContactStore(ctx: HandlerContext): ContactStore {
  const store = ctx.sim.stores.get(contactStores, ctx.oid);
  if (!store) throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  return store;
}

/**
 * A contact folder by id, or the default one by the well-known name `contacts`.
 * UNVERIFIED: `GET /me/contactFolders/contacts` is not documented (contactFolder has no well-known names
 * in the v1.0 docs); it is reported to answer the default folder. With `contactsWellKnownNameUnknown` it is
 * refused as a malformed id, as any other short non-id is.
 */
export function requireContactFolder(ctx: HandlerContext, store: ContactStore, idOrName: string): ContactFolderRecord {
  if (idOrName.toLowerCase() === 'contacts' && !ctx.sim.flags.contactsWellKnownNameUnknown) return store.folders.get(store.defaultFolderId)!;
  const folder = store.folders.get(idOrName);
  if (folder) return folder;
  const foreign = foreignItemError(idOrName, store.owner.oid);
  if (foreign) throw foreign;
  if (isWellFormedGraphId(idOrName)) throw graphErrors.itemNotFound();
  throw graphErrors.idMalformed();
}

/** `contactFolders/{a}/childFolders/{b}/...`: each folder must be a child of the one before. */
export function requireContactFolderChain(ctx: HandlerContext, store: ContactStore, chain: string[]): ContactFolderRecord {
  let folder = requireContactFolder(ctx, store, chain[0]!);
  for (const id of chain.slice(1)) {
    const child = requireContactFolder(ctx, store, id);
    if (child.parentFolderId !== folder.id) throw graphErrors.itemNotFound();
    folder = child;
  }
  return folder;
}

/** A contact by id, optionally required to be in `folder`. UNVERIFIED: a contact asked for through another folder is not found. */
export function requireContact(store: ContactStore, id: string, folder?: ContactFolderRecord): ContactRecord {
  if (!isWellFormedGraphId(id)) throw graphErrors.idMalformed();
  const contact = store.contacts.get(id);
  if (!contact) throw foreignItemError(id, store.owner.oid) ?? graphErrors.itemNotFound();
  if (folder && contact.folderId !== folder.id) throw graphErrors.itemNotFound();
  return contact;
}
