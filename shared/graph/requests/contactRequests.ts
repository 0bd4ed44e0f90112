import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';
import { linkRequest, preferHeaders } from './linkRequest';

/**
 * The default contact folder by name. UNVERIFIED: `contacts` as a contactFolder well-known name is not
 * documented (mailFolder's list has no contacts); it is reported to answer the default Contacts folder.
 */
export const defaultContactFolderName = 'contacts';

export function contactFolderDeltaRequest(select: readonly string[], maxPageSize: number): GraphRequest {
  return buildRequest('contactFolders.delta', {}, { query: { $select: select.join(',') }, headers: preferHeaders({ maxPageSize }) });
}

export function contactFolderDeltaLinkRequest(link: string, maxPageSize: number): GraphRequest {
  return linkRequest('contactFolders.delta', link, preferHeaders({ maxPageSize }));
}

export function contactFolderGetRequest(folderId: string, select: readonly string[]): GraphRequest {
  return buildRequest('contactFolders.get', { folderId }, { query: { $select: select.join(',') } });
}

/** The first of `/me/contactFolders` (the default folder's children): its `parentFolderId` is the default folder. */
export function firstContactFolderRequest(select: readonly string[]): GraphRequest {
  return buildRequest('contactFolders.list', {}, { query: { $select: select.join(','), $top: '1' } });
}

/** Every folder of `/me/contactFolders` (the default folder's children), page by page. */
export function topContactFoldersRequest(select: readonly string[]): GraphRequest {
  return buildRequest('contactFolders.list', {}, { query: { $select: select.join(','), $top: '100' } });
}

export function contactChildFoldersRequest(folderId: string, select: readonly string[]): GraphRequest {
  return buildRequest('contactFolders.childFolders', { folderId }, { query: { $select: select.join(','), $top: '100' } });
}

/** The first of `/me/contacts` (the default folder's contacts): its `parentFolderId` is the default folder. */
export function firstContactRequest(select: readonly string[]): GraphRequest {
  return buildRequest('contacts.list', {}, { query: { $select: select.join(','), $top: '1' } });
}

export function contactDeltaRequest(folderId: string, select: readonly string[], maxPageSize: number): GraphRequest {
  return buildRequest('contacts.delta', { folderId }, { query: { $select: select.join(',') }, headers: preferHeaders({ maxPageSize }) });
}

export function contactDeltaLinkRequest(link: string, maxPageSize: number): GraphRequest {
  return linkRequest('contacts.delta', link, preferHeaders({ maxPageSize }));
}

export function contactGetRequest(contactId: string, select: readonly string[]): GraphRequest {
  return buildRequest('contacts.get', { contactId }, { query: { $select: select.join(',') } });
}
