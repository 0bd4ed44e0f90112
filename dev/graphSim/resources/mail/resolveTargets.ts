import { GraphError, graphErrors } from '../../core/graphError';
import { isWellFormedGraphId } from '../../core/graphIds';
import { foreignItemError } from '../../core/foreignItemError';
import type { MailboxStore } from './mailboxStore';
import { mailStores } from './mailStores';
import { findMessageById } from './messages/messageIdForm';
import type { FolderRecord, MessageRecord } from './mailboxTypes';
import type { HandlerContext } from '../../core/simContext';

/** Every well-known folder name Graph accepts; one the mailbox lacks is 404, not a malformed id. */
const allWellKnownNames = new Set([
  'archive', 'clutter', 'conflicts', 'conversationhistory', 'deleteditems', 'drafts', 'inbox', 'junkemail', 'localfailures',
  'msgfolderroot', 'outbox', 'recoverableitemsdeletions', 'scheduled', 'searchfolders', 'sentitems', 'serverfailures', 'syncissues',
]);

export function requireStore(ctx: HandlerContext): MailboxStore {
  const store = ctx.sim.stores.get(mailStores, ctx.oid);
  if (!store) throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  return store;
}

/** A folder id or well-known name; ids of other mailboxes are well formed and simply not found. */
export function requireFolder(store: MailboxStore, idOrName: string): FolderRecord {
  const folder = store.resolveFolder(idOrName);
  if (folder) return folder;
  const foreign = foreignItemError(idOrName, store.owner.oid);
  if (foreign) throw foreign;
  if (allWellKnownNames.has(idOrName.toLowerCase()) || isWellFormedGraphId(idOrName)) throw graphErrors.itemNotFound();
  throw graphErrors.idMalformed();
}

/** `mailFolders/{a}/childFolders/{b}/...`: each folder must be a child of the one before. */
export function requireFolderChain(store: MailboxStore, chain: string[]): FolderRecord {
  let folder = requireFolder(store, chain[0]!);
  for (const id of chain.slice(1)) {
    const child = requireFolder(store, id);
    if (child.parentFolderId !== folder.id) throw graphErrors.itemNotFound();
    folder = child;
  }
  return folder;
}

/**
 * A message by id (immutable or REST form: Exchange accepts both), optionally required to be in
 * `folder` (the `/mailFolders/{id}/messages/{id}` form).
 * UNVERIFIED: whether Graph finds a message through a folder it is not in; we answer not found.
 */
export function requireMessage(store: MailboxStore, id: string, folder?: FolderRecord): MessageRecord {
  if (!isWellFormedGraphId(id)) throw graphErrors.idMalformed();
  const message = findMessageById(store, id);
  if (!message) throw foreignItemError(id, store.owner.oid) ?? graphErrors.itemNotFound();
  // Sent and not yet filed in Sent Items: the id is the Sent copy's, which "may 404 a while".
  if (store.isInTransit(message)) throw graphErrors.itemNotFound();
  if (folder && message.folderId !== folder.id) throw graphErrors.itemNotFound();
  return message;
}

/** A JSON object body, or 400 the way Graph rejects one it cannot read. */
export function requireObjectBody(ctx: HandlerContext): Record<string, unknown> {
  const body = ctx.request.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw graphErrors.badJson();
  }
  return body as Record<string, unknown>;
}
