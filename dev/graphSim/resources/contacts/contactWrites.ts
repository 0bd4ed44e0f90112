import { setExtendedProperties, toExtendedProperties } from '../../core/extendedProperties';
import { GraphError, graphErrors } from '../../core/graphError';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { bytes, contextUrl, json, noContent } from '../../core/simResponses';
import type { ContactRecord } from './contactStore';
import { requireContact, requireContactFolderChain, requireContactStore } from './resolveContacts';
import { contactFieldNames, toGraphContact } from './toGraphContact';

/**
 * Contact writes (https://learn.microsoft.com/graph/api/user-post-contacts,
 * https://learn.microsoft.com/graph/api/contact-update, https://learn.microsoft.com/graph/api/contact-delete)
 * and the contact photo's `$value` (https://learn.microsoft.com/graph/api/profilephoto-get,
 * https://learn.microsoft.com/graph/api/profilephoto-update). `chain` is the URL's folder path when the
 * contact is addressed through a folder; without one, POST creates in the default folder and the others
 * take a contact of any folder.
 */

const writable = new Set(contactFieldNames);
const listFields = new Set(['categories', 'imAddresses', 'homePhones', 'businessPhones', 'children', 'emailAddresses']);
const addressFields = new Set(['homeAddress', 'businessAddress', 'otherAddress']);

/**
 * A create or PATCH body as the contact's fields and extended properties. Read-only or unknown
 * properties are Graph's 400 RequestBodyRead; a value of the wrong JSON kind too (lists must be
 * arrays, addresses objects, the rest strings or null). UNVERIFIED: the exact messages.
 */
function readContactBody(body: Record<string, unknown>): { fields: Record<string, unknown>; properties: ReturnType<typeof toExtendedProperties> } {
  const fields: Record<string, unknown> = {};
  let properties: ReturnType<typeof toExtendedProperties> = [];
  for (const [name, value] of Object.entries(body)) {
    if (name === 'singleValueExtendedProperties') {
      properties = toExtendedProperties(value);
      continue;
    }
    if (name.startsWith('@odata.')) continue;
    if (!writable.has(name)) throw graphErrors.bodyRead(`The property '${name}' does not exist on type 'microsoft.graph.contact'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    const kindOk = listFields.has(name) ? Array.isArray(value) : addressFields.has(name) ? value === null || (typeof value === 'object' && !Array.isArray(value)) : value === null || typeof value === 'string';
    if (!kindOk) throw graphErrors.bodyRead(`Cannot convert the literal to the expected type of property '${name}'.`);
    fields[name] = addressFields.has(name) && value === null ? {} : structuredClone(value);
  }
  return { fields, properties };
}

function requireBody(ctx: HandlerContext): Record<string, unknown> {
  const body = ctx.request.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) throw graphErrors.badJson();
  return body as Record<string, unknown>;
}

function entity(ctx: HandlerContext, status: number, contact: ContactRecord): SimResponse {
  return json(status, { '@odata.context': contextUrl(ctx, 'contacts/$entity'), '@odata.etag': `W/"${contact.changeKey}"`, ...toGraphContact(contact) });
}

/** POST /contacts (the default folder) or /contactFolders/{id}/contacts: 201 with the new contact. */
export function createContact(ctx: HandlerContext, chain?: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const folder = chain ? requireContactFolderChain(ctx, store, chain) : store.folders.get(store.defaultFolderId)!;
  const { fields, properties } = readContactBody(requireBody(ctx));
  const contact = store.addContact(folder.id, fields);
  if (properties.length > 0) {
    setExtendedProperties(contact, properties);
    contact.extendedPropertiesAtMs = ctx.sim.clock.now();
  }
  return entity(ctx, 201, contact);
}

/**
 * `If-Match` against the contact's etag (`W/"<changeKey>"`, as a GET answers it; `*` matches any).
 * A stale one is 412 with EWS's code for a change key mismatch (UNVERIFIED for contacts: seen on
 * events). With `contactsIfMatchIgnored` the header is ignored.
 */
function checkIfMatch(ctx: HandlerContext, contact: ContactRecord): void {
  const ifMatch = ctx.request.headers['if-match'];
  if (ifMatch === undefined || ctx.sim.flags.contactsIfMatchIgnored) return;
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(`"${contact.changeKey}"`)) return;
  throw new GraphError(412, 'ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
}

/** PATCH /contacts/{id} or through its folder: the properties given, a list or an address replaced whole; 200 with the contact. */
export function patchContact(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const contact = requireContact(store, id, chain ? requireContactFolderChain(ctx, store, chain) : undefined);
  const { fields, properties } = readContactBody(requireBody(ctx));
  checkIfMatch(ctx, contact);
  store.updateContact(contact, fields);
  if (properties.length > 0) {
    setExtendedProperties(contact, properties);
    contact.extendedPropertiesAtMs = ctx.sim.clock.now();
  }
  return entity(ctx, 200, contact);
}

/** DELETE /contacts/{id} or through its folder: 204; gone is 404. */
export function removeContact(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const contact = requireContact(store, id, chain ? requireContactFolderChain(ctx, store, chain) : undefined);
  store.deleteContact(contact);
  return noContent();
}

/**
 * GET .../contacts/{id}/photo/$value: the photo's bytes with its content type; a contact without one is
 * 404 ErrorItemNotFound (UNVERIFIED: the code and message for a contact's missing photo; users' photos
 * answer ImageNotFound). Inside a `$batch` the bytes come base64 (runBatch).
 */
export function getContactPhoto(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const contact = requireContact(store, id, chain ? requireContactFolderChain(ctx, store, chain) : undefined);
  if (!contact.photo) throw new GraphError(404, 'ErrorItemNotFound', "The photo wasn't found.");
  return bytes(200, contact.photo.contentType, contact.photo.bytes);
}

/** The image types profilephoto-update names (jpeg), and png, which Outlook takes too (UNVERIFIED which others Graph takes). */
const photoTypes = new Set(['image/jpeg', 'image/png']);

/**
 * PUT .../contacts/{id}/photo/$value with the image's bytes and its Content-Type: 200 without a body.
 * Graph takes requests under 4 MB (profilephoto-update: "There is a limit of 4 MB on the total size of
 * each REST request"; the front door answers 413 past it).
 */
export function putContactPhoto(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const contact = requireContact(store, id, chain ? requireContactFolderChain(ctx, store, chain) : undefined);
  const contentType = (ctx.request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const body = ctx.request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw graphErrors.invalidRequest('The request body must be the image.');
  if (!photoTypes.has(contentType)) throw graphErrors.invalidRequest('The image type is not supported.');
  store.setPhoto(contact, { contentType, bytes: body });
  return noContent(200);
}

