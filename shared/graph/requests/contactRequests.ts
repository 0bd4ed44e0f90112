import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';
import { extendedPropertyQuery } from './draftRequests';
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

/** A contact through the folder the device names (404 when it is in another folder). */
export function folderContactGetRequest(folderId: string, contactId: string, select: readonly string[]): GraphRequest {
  return buildRequest('contactFolders.contact', { folderId, contactId }, { query: { $select: select.join(',') } });
}

/**
 * POST of a new contact (https://learn.microsoft.com/graph/api/user-post-contacts): into the folder
 * named, or without one into the default folder (`/me/contacts`).
 */
export function contactCreateRequest(folderId: string | undefined, contact: Record<string, unknown>): GraphRequest {
  return folderId === undefined ? buildRequest('contacts.create', {}, { body: contact }) : buildRequest('contactFolders.createContact', { folderId }, { body: contact });
}

/**
 * One folder's contacts (the default folder's without `folderId`) whose named property `propertyId`
 * has `value`, with `expandId`'s value expanded (https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get).
 */
export function contactFindByPropertyRequest(folderId: string | undefined, propertyId: string, value: string, expandId: string, select: readonly string[], top: number): GraphRequest {
  const query = extendedPropertyQuery(propertyId, value, expandId, select, top);
  return folderId === undefined ? buildRequest('contacts.findByProperty', {}, { query }) : buildRequest('contactFolders.findContactByProperty', { folderId }, { query });
}

/** PATCH of a contact's properties (https://learn.microsoft.com/graph/api/contact-update), with `If-Match` when given. */
export function contactUpdateRequest(folderId: string, contactId: string, changes: Record<string, unknown>, etag?: string): GraphRequest {
  return buildRequest('contacts.update', { folderId, contactId }, { body: changes, ...(etag === undefined ? {} : { headers: { 'If-Match': etag } }) });
}

/** DELETE of a contact (https://learn.microsoft.com/graph/api/contact-delete). */
export function contactDeleteRequest(folderId: string, contactId: string): GraphRequest {
  return buildRequest('contacts.delete', { folderId, contactId });
}

/** A contact photo's bytes (https://learn.microsoft.com/graph/api/profilephoto-get); 404 when it has none. */
export function contactPhotoRequest(folderId: string, contactId: string): GraphRequest {
  return buildRequest('contacts.photo', { folderId, contactId }, { headers: { accept: '*/*' } });
}

/** PUT of a contact's photo as bytes (https://learn.microsoft.com/graph/api/profilephoto-update). */
export function contactPhotoSetRequest(folderId: string, contactId: string, contentType: string, data: Uint8Array): GraphRequest {
  return buildRequest('contacts.setPhoto', { folderId, contactId }, { body: data, headers: { 'content-type': contentType } });
}
