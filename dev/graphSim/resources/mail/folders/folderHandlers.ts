import { GraphError, graphErrors } from '../../../core/graphError';
import type { MailboxStore } from '../mailboxStore';
import type { FolderRecord } from '../mailboxTypes';
import { parseSelect } from '../../../core/odataQuery';
import { requireFolder, requireFolderChain, requireObjectBody, requireStore } from '../resolveTargets';
import type { HandlerContext, SimResponse } from '../../../core/simContext';
import { contextUrl, json, noContent, pageList, preferenceApplied } from '../../../core/simResponses';
import { folderProperties, toGraphFolder } from './toGraphFolder';
import { softDeleteMessage } from '../messages/messageWrites';

/**
 * mailFolder endpoints (https://learn.microsoft.com/graph/api/resources/mailfolder): list, get,
 * create, rename, move, delete. `chain` is the folder path of the URL (`mailFolders/{a}/childFolders/{b}`).
 */
const select = (ctx: HandlerContext) => parseSelect(ctx.request.query.get('$select'), folderProperties, 'mailFolder');

/** GET /mailFolders (msgfolderroot's children) or /mailFolders/{id}/childFolders. */
export function listFolders(ctx: HandlerContext, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const parent = chain ? requireFolderChain(store, chain) : store.folders.get(store.rootId)!;
  const includeHidden = ctx.request.query.get('includehiddenfolders')?.toLowerCase() === 'true';
  const fields = select(ctx);
  const path = chain ? `mailFolders/${encodeURIComponent(parent.id)}/childFolders` : 'mailFolders';
  const page = pageList(ctx, store.childFolders(parent.id, includeHidden), path);
  return json(
    200,
    {
      '@odata.context': contextUrl(ctx, chain ? `mailFolders('${parent.id}')/childFolders` : 'mailFolders'),
      value: page.value.map((f) => toGraphFolder(store, f, fields)),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    },
    preferenceApplied({ maxPageSize: page.appliedPageSize }),
  );
}

export function getFolder(ctx: HandlerContext, chain: string[]): SimResponse {
  const store = requireStore(ctx);
  const folder = requireFolderChain(store, chain);
  return json(200, { '@odata.context': contextUrl(ctx, 'mailFolders/$entity'), ...toGraphFolder(store, folder, select(ctx)) });
}

function requireDisplayName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw graphErrors.invalidRequest('The displayName property is required and must be a non-empty string.');
  return value;
}

/**
 * Sibling names are unique, compared without regard to case. The code and message are EWS's
 * (ResponseCode ErrorFolderExists: "an attempt is made to create a folder that has the same name as
 * another folder in the same parent"; CreateFolder's "A folder with the specified name already
 * exists."). UNVERIFIED: the status Graph sends with it (409 here; 400 has been reported too) and that
 * the comparison ignores case. Ferry branches on the code only.
 */
function checkNameFree(store: MailboxStore, parentId: string, name: string, except?: string): void {
  const taken = store.childFolders(parentId, true).some((f) => f.id !== except && f.displayName.toLowerCase() === name.toLowerCase());
  if (taken) throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
}

function checkKnownKeys(body: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(body)) {
    if (key.startsWith('@odata.') || allowed.includes(key)) continue;
    if ((folderProperties as readonly string[]).includes(key)) continue; // UNVERIFIED: read-only ones are ignored
    throw graphErrors.bodyRead(`The property '${key}' does not exist on type 'microsoft.graph.mailFolder'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
  }
}

/** POST /mailFolders or /mailFolders/{id}/childFolders: 201 with the folder. */
export function createFolder(ctx: HandlerContext, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const parent = chain ? requireFolderChain(store, chain) : store.folders.get(store.rootId)!;
  const body = requireObjectBody(ctx);
  checkKnownKeys(body, ['displayName', 'isHidden']);
  const name = requireDisplayName(body.displayName);
  if (body.isHidden !== undefined && typeof body.isHidden !== 'boolean') throw graphErrors.bodyRead(`Cannot convert the literal '${String(body.isHidden)}' to the expected type 'Edm.Boolean'.`);
  checkNameFree(store, parent.id, name);
  const folder = store.addFolder(parent.id, name, { isHidden: body.isHidden === true });
  return json(201, { '@odata.context': contextUrl(ctx, 'mailFolders/$entity'), ...toGraphFolder(store, folder) });
}

/** PATCH /mailFolders/{id}: displayName only. isHidden "can be set only when creating the folder". */
export function updateFolder(ctx: HandlerContext, chain: string[]): SimResponse {
  const store = requireStore(ctx);
  const folder = requireFolderChain(store, chain);
  const body = requireObjectBody(ctx);
  checkKnownKeys(body, ['displayName']);
  if (body.isHidden !== undefined) throw graphErrors.invalidRequest('The isHidden property can be set only when creating the folder.');
  if (body.displayName !== undefined) {
    const name = requireDisplayName(body.displayName);
    checkNameFree(store, folder.parentFolderId, name, folder.id);
    store.renameFolder(folder, name);
  }
  return json(200, { '@odata.context': contextUrl(ctx, 'mailFolders/$entity'), ...toGraphFolder(store, folder) });
}

/** Well-known folders stay; so (UNVERIFIED) do the Recoverable Items folders outside msgfolderroot. */
function requireMovable(store: MailboxStore, folder: FolderRecord, verb: 'move' | 'delete'): void {
  if (!folder.wellKnownName && store.isWithin(folder.id, store.rootId)) return;
  throw verb === 'move'
    ? new GraphError(400, 'ErrorMoveDistinguishedFolder', 'Distinguished folders cannot be moved.')
    : new GraphError(400, 'ErrorDeleteDistinguishedFolder', 'Distinguished folders cannot be deleted.');
}

/** POST /mailFolders/{id}/move {destinationId}: 200 with the folder (mailfolder-move). */
export function moveFolder(ctx: HandlerContext, chain: string[]): SimResponse {
  const store = requireStore(ctx);
  const folder = requireFolderChain(store, chain);
  const body = requireObjectBody(ctx);
  if (typeof body.destinationId !== 'string') throw graphErrors.invalidRequest('The destinationId parameter is required.');
  const destination = requireFolder(store, body.destinationId);
  requireMovable(store, folder, 'move');
  // UNVERIFIED: a folder does not move into itself, nor out of msgfolderroot (into Recoverable Items).
  if (store.isWithin(destination.id, folder.id) || !store.isWithin(destination.id, store.rootId)) throw new GraphError(400, 'ErrorMoveCopyFailed', 'The move or copy operation failed.');
  if (destination.id !== folder.parentFolderId) {
    checkNameFree(store, destination.id, folder.displayName);
    store.moveFolder(folder, destination.id);
  }
  return json(200, { '@odata.context': contextUrl(ctx, 'mailFolders/$entity'), ...toGraphFolder(store, folder) });
}

/**
 * DELETE /mailFolders/{id}: 204; the folder and its subfolders leave the tree and their messages go
 * to Recoverable Items\Deletions, as a DELETE of each would (so none reappears anywhere visible).
 * https://learn.microsoft.com/graph/api/mailfolder-delete only notes that items in
 * `recoverableitemsdeletions` may not be deletable. UNVERIFIED: the folders themselves are gone (GET,
 * delta: ErrorItemNotFound) and their messages lie flat in Deletions; Exchange may keep the folders there.
 */
export function deleteFolder(ctx: HandlerContext, chain: string[]): SimResponse {
  const store = requireStore(ctx);
  const folder = requireFolderChain(store, chain);
  requireMovable(store, folder, 'delete');
  for (const doomed of store.subtree(folder)) for (const message of store.messagesIn(doomed.id)) softDeleteMessage(store, message);
  store.deleteFolder(folder);
  return noContent();
}
