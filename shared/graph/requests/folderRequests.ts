import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';
import { linkRequest, preferHeaders } from './linkRequest';


/**
 * Graph's well-known folder names and the device kind each maps to. v1.0 has no well-known-name
 * property on mailFolder, so the ids are resolved once by name and kept in the sync state.
 * https://learn.microsoft.com/graph/api/resources/mailfolder#well-known-folder-names
 */
export const wellKnownFolderNames = {
  inbox: 'inbox',
  drafts: 'drafts',
  sent: 'sentitems',
  deleted: 'deleteditems',
  junk: 'junkemail',
  archive: 'archive',
  outbox: 'outbox',
  root: 'msgfolderroot',
} as const;

export type WellKnownKey = keyof typeof wellKnownFolderNames;

export function folderDeltaRequest(select: readonly string[], maxPageSize: number): GraphRequest {
  return buildRequest('mailFolders.delta', {}, { query: { $select: select.join(',') }, headers: preferHeaders({ maxPageSize }) });
}

export function folderDeltaLinkRequest(link: string, maxPageSize: number): GraphRequest {
  return linkRequest('mailFolders.delta', link, preferHeaders({ maxPageSize }));
}

/**
 * Recoverable Items\Deletions, where a DELETE puts a message: a well-known folder outside msgfolderroot,
 * in no folder list or delta ("not visible in any Outlook email client"), so it is found only by name.
 */
export const recoverableItemsName = 'recoverableitemsdeletions';

export function recoverableItemsRequest(): GraphRequest {
  return wellKnownFolderRequest(recoverableItemsName);
}

export function wellKnownFolderRequest(name: string): GraphRequest {
  return buildRequest('mailFolders.get', { folderId: name }, { query: { $select: 'id' } });
}

export function folderGetRequest(folderId: string, select: readonly string[]): GraphRequest {
  return buildRequest('mailFolders.get', { folderId }, { query: { $select: select.join(',') } });
}

export function childFoldersRequest(folderId: string, select: readonly string[]): GraphRequest {
  return buildRequest('mailFolders.childFolders', { folderId }, { query: { $select: select.join(','), $top: '100' } });
}


/** POST a new child folder; `parentId` may be a well-known name (`msgfolderroot` for the top). Not idempotent. */
export function folderCreateRequest(parentId: string, displayName: string): GraphRequest {
  return buildRequest('mailFolders.create', { folderId: parentId }, { body: { displayName } });
}

export function folderRenameRequest(folderId: string, displayName: string): GraphRequest {
  return buildRequest('mailFolders.update', { folderId }, { body: { displayName } });
}

/** https://learn.microsoft.com/graph/api/mailfolder-move: `destinationId` is a folder id or a well-known name. */
export function folderMoveRequest(folderId: string, destinationId: string): GraphRequest {
  return buildRequest('mailFolders.move', { folderId }, { body: { destinationId } });
}

export function folderDeleteRequest(folderId: string): GraphRequest {
  return buildRequest('mailFolders.delete', { folderId });
}

/** One page of a folder's messages (ids only by default), optionally filtered; no order (Outlook's InefficientFilter rule). */
export function folderMessagesRequest(folderId: string, { select = ['id'], filter, top }: { select?: readonly string[]; filter?: string; top: number }): GraphRequest {
  return buildRequest('mailFolders.messages', { folderId }, { query: { $select: select.join(','), ...(filter ? { $filter: filter } : {}), $top: String(top) } });
}
