import { expandedProperties, matchesExtendedPropertyFilter, parseExtendedPropertyExpand, parseExtendedPropertyFilter } from '../../core/extendedProperties';
import { parseSelect } from '../../core/odataQuery';
import { graphErrors } from '../../core/graphError';
import type { HandlerContext, SimResponse } from '../../core/simContext';
import { contextUrl, json, pageList, preferenceApplied } from '../../core/simResponses';
import { requireContact, requireContactFolderChain, requireContactStore } from './resolveContacts';
import type { ContactRecord } from './contactStore';
import { contactFolderProperties, contactProperties, toGraphContact, toGraphContactFolder } from './toGraphContact';

/** contactFolder and contact reads (https://learn.microsoft.com/graph/api/resources/contactfolder, .../contact). */
const folderSelect = (ctx: HandlerContext) => parseSelect(ctx.request.query.get('$select'), contactFolderProperties, 'contactFolder');
const contactSelect = (ctx: HandlerContext) => parseSelect(ctx.request.query.get('$select'), contactProperties, 'contact');

function page(ctx: HandlerContext, context: string, items: Record<string, unknown>[], path: string): SimResponse {
  const cut = pageList(ctx, items, path);
  return json(
    200,
    { '@odata.context': contextUrl(ctx, context), value: cut.value, ...(cut.nextLink ? { '@odata.nextLink': cut.nextLink } : {}) },
    preferenceApplied({ maxPageSize: cut.appliedPageSize }),
  );
}

/**
 * GET /contactFolders (the default folder's children: the default folder itself is left out, as v1.0
 * has been reported to do) or /contactFolders/{id}/childFolders.
 */
export function listContactFolders(ctx: HandlerContext, chain?: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const parent = chain ? requireContactFolderChain(ctx, store, chain) : store.folders.get(store.defaultFolderId)!;
  const fields = folderSelect(ctx);
  const path = chain ? `contactFolders/${encodeURIComponent(parent.id)}/childFolders` : 'contactFolders';
  return page(ctx, chain ? `contactFolders('${parent.id}')/childFolders` : 'contactFolders', store.childFolders(parent.id).map((f) => toGraphContactFolder(f, fields)), path);
}

export function getContactFolder(ctx: HandlerContext, chain: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const folder = requireContactFolderChain(ctx, store, chain);
  return json(200, { '@odata.context': contextUrl(ctx, 'contactFolders/$entity'), ...toGraphContactFolder(folder, folderSelect(ctx)) });
}

/**
 * GET /contacts (the default folder's) or /contactFolders/{id}/contacts; `$filter` takes only the
 * extended-property lambda (singlevaluelegacyextendedproperty-get lists both URLs for contacts), which
 * finds a contact only `contactFilterLagInMs` after its properties were written (UNVERIFIED:
 * read-your-writes of Exchange's filter); `$expand` only `singleValueExtendedProperties($filter=id eq '...')`.
 */
export function listContacts(ctx: HandlerContext, chain?: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const folder = chain ? requireContactFolderChain(ctx, store, chain) : store.folders.get(store.defaultFolderId)!;
  const fields = contactSelect(ctx);
  const filter = parseExtendedPropertyFilter(ctx.request.query.get('$filter'));
  if (filter === undefined && ctx.request.query.get('$filter') !== null) throw graphErrors.invalidFilter();
  const expand = parseExtendedPropertyExpand(ctx.request.query.get('$expand'));
  const visibleBefore = ctx.sim.clock.now() - ctx.sim.settings.contactFilterLagInMs;
  const found = store
    .contactsIn(folder.id)
    .filter((c) => !filter || (matchesExtendedPropertyFilter(c, filter) && (c.extendedPropertiesAtMs ?? 0) <= visibleBefore));
  const path = chain ? `contactFolders/${encodeURIComponent(folder.id)}/contacts` : 'contacts';
  return page(ctx, chain ? `contactFolders('${folder.id}')/contacts` : 'contacts', found.map((c) => render(c, fields, expand)), path);
}

function render(contact: ContactRecord, fields: string[] | undefined, expand: string | undefined): Record<string, unknown> {
  const graph = toGraphContact(contact, fields);
  return expand === undefined ? graph : { ...graph, singleValueExtendedProperties: expandedProperties(contact, expand) };
}

/**
 * GET /contacts/{id} (any folder: the docs call it "a contact in the user's mailbox") or
 * /contactFolders/{id}/contacts/{id} (that folder only).
 */
export function getContact(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireContactStore(ctx);
  const folder = chain ? requireContactFolderChain(ctx, store, chain) : undefined;
  const contact = requireContact(store, id, folder);
  const expand = parseExtendedPropertyExpand(ctx.request.query.get('$expand'));
  return json(200, { '@odata.context': contextUrl(ctx, 'contacts/$entity'), '@odata.etag': `W/"${contact.changeKey}"`, ...render(contact, contactSelect(ctx), expand) });
}
