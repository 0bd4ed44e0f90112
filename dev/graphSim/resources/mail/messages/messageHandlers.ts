import { GraphError, graphErrors } from '../../../core/graphError';
import { isWellFormedGraphId } from '../../../core/graphIds';
import type { FolderRecord, MessageRecord } from '../mailboxTypes';
import type { MailboxStore } from '../mailboxStore';
import { matchesSearch, parseSearchParameter } from './searchKql';
import { checkFilterOrder, compareBy, matchesFilter, parseFilter, parseOrderBy } from './messageFilter';
import { toMessageChanges } from './messagePatch';
import { matchesExtendedPropertyFilter, parseExtendedPropertyExpand, parseExtendedPropertyFilter, setExtendedProperties, toExtendedProperties } from '../../../core/extendedProperties';
import { moveMessage, softDeleteMessage, updateMessage } from './messageWrites';
import { parseSelect } from '../../../core/odataQuery';
import { requireFolder, requireFolderChain, requireMessage, requireObjectBody, requireStore } from '../resolveTargets';
import type { HandlerContext, SimResponse } from '../../../core/simContext';
import { contextUrl, json, noContent, pageList, preferenceApplied, SimByteStream, streamed } from '../../../core/simResponses';
import { findAttachmentById, idFormFor } from './messageIdForm';
import { attachmentProperties, toGraphAttachment } from './toGraphAttachment';
import { itemValueContentType, pendingValueCuts, valueBytes, valueLength, valueStream } from './attachmentContent';
import { selectableMessageProperties, toGraphMessage } from './toGraphMessage';

/**
 * message endpoints (https://learn.microsoft.com/graph/api/resources/message): list, get, update,
 * move, delete, attachments. `chain` is the URL's folder path when the message is addressed through a
 * folder (`/mailFolders/{id}/messages/{id}`).
 */
function renderOptions(ctx: HandlerContext) {
  return {
    select: parseSelect(ctx.request.query.get('$select'), selectableMessageProperties, 'message'),
    bodyContentType: ctx.prefer.bodyContentType,
    ids: idFormFor(requireStore(ctx), ctx.prefer.immutableId),
    expandProperty: parseExtendedPropertyExpand(ctx.request.query.get('$expand')),
  };
}

function bodyPreference(ctx: HandlerContext): Record<string, string> {
  return preferenceApplied({ bodyContentType: ctx.prefer.bodyContentType });
}

/** GET /messages or /mailFolders/{id}/messages: newest first unless `$orderby` says otherwise; `$search` lists search results. */
export function listMessages(ctx: HandlerContext, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const folder = chain ? requireFolderChain(store, chain) : undefined;
  const query = ctx.request.query;
  if (query.get('$search') !== null) return searchMessages(ctx, store, folder);
  const propertyFilter = parseExtendedPropertyFilter(query.get('$filter'));
  const filter = propertyFilter ? [] : parseFilter(query.get('$filter'));
  const orderBy = parseOrderBy(query.get('$orderby'));
  checkFilterOrder(filter, orderBy);
  const options = renderOptions(ctx);
  const items = (folder ? store.messagesIn(folder.id) : store.allMessages())
    .filter((m) => (propertyFilter ? matchesExtendedPropertyFilter(m, propertyFilter) : matchesFilter(m, filter)))
    .sort(compareBy(orderBy.length > 0 ? orderBy : [{ property: 'receivedDateTime', descending: true }]));
  const path = folder ? `mailFolders/${encodeURIComponent(folder.id)}/messages` : 'messages';
  const page = pageList(ctx, items, path);
  return json(
    200,
    {
      '@odata.context': contextUrl(ctx, folder ? `mailFolders('${folder.id}')/messages` : 'messages'),
      value: page.value.map((m) => toGraphMessage(m, options)),
      ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    },
    { ...bodyPreference(ctx), ...preferenceApplied({ maxPageSize: page.appliedPageSize }) },
  );
}

/** Graph answers at most this many search results (https://learn.microsoft.com/graph/search-query-parameter). */
const maxSearchResults = 1000;

/**
 * `$search` on a folder's messages (that folder only, not its subfolders) or the mailbox's: the KQL
 * subset of searchKql.ts, results by sent time, newest first (documented: sorted by sent date; the
 * direction UNVERIFIED), at most 1,000, paged by `$top`/`$skip` links. Neither `$filter` nor
 * `$orderby` may come with it (400, as documented for messages). Mail newer than the indexing delay
 * (`searchIndexDelayInMs`, UNVERIFIED how long Exchange takes) is not found yet. Mailbox-wide results
 * include hidden folders, as Exchange's do (Teams chat items show up: a known issue).
 */
function searchMessages(ctx: HandlerContext, store: MailboxStore, folder: FolderRecord | undefined): SimResponse {
  const query = ctx.request.query;
  if (query.get('$filter') !== null || query.get('$orderby') !== null) {
    throw new GraphError(400, 'ErrorInvalidUrlQuery', 'The query parameter $search is not supported with $filter or $orderby.');
  }
  const clauses = parseSearchParameter(query.get('$search')!);
  const options = renderOptions(ctx);
  const indexedBefore = ctx.sim.clock.now() - ctx.sim.settings.searchIndexDelayInMs;
  const items = (folder ? store.messagesIn(folder.id) : store.allMessages())
    .filter((m) => Date.parse(m.createdDateTime) <= indexedBefore && matchesSearch(m, clauses, ctx.sim.flags.searchWordPrefix))
    .sort((a, b) => (a.sentDateTime < b.sentDateTime ? 1 : a.sentDateTime > b.sentDateTime ? -1 : a.id < b.id ? -1 : 1))
    .slice(0, maxSearchResults);
  const path = folder ? `mailFolders/${encodeURIComponent(folder.id)}/messages` : 'messages';
  const page = pageList(ctx, items, path);
  const value: unknown[] = page.value.map((m) => toGraphMessage(m, options));
  // An injected oddity: a 200 whose `value` holds an error object (state.answerNextSearchWithErrorItem).
  if (store.searchErrorItems > 0) {
    store.searchErrorItems -= 1;
    value.splice(0, value.length, { error: { code: 'ErrorInternalServerTransientError', message: 'An internal server error occurred.' } });
  }
  return json(200, {
    '@odata.context': contextUrl(ctx, folder ? `mailFolders('${folder.id}')/messages` : 'messages'),
    value,
    ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
  }, bodyPreference(ctx));
}

function findAnyMessage(ctx: HandlerContext, id: string, chain?: string[]): MessageRecord {
  const store = requireStore(ctx);
  return requireMessage(store, id, chain ? requireFolderChain(store, chain) : undefined);
}

/**
 * A message for GET, PATCH, move and attachments. A soft-deleted one (in Recoverable Items) answers as
 * any message does: GET 200 with Recoverable Items' parentFolderId, PATCH 200, and a move out of there
 * restores it (what Outlook's "Recover Deleted Items" does). UNVERIFIED: only the repeated DELETE's 403
 * is reported (msgraph-sdk-dotnet#3047), and that issue guesses GET answers 200; the flag
 * `deletedGetIs404` makes every such call 404 ErrorItemNotFound instead.
 */
export function findMessage(ctx: HandlerContext, id: string, chain?: string[]): MessageRecord {
  const message = findAnyMessage(ctx, id, chain);
  if (ctx.sim.flags.deletedGetIs404 && requireStore(ctx).isSoftDeleted(message)) throw graphErrors.itemNotFound();
  return message;
}

function entity(ctx: HandlerContext, message: MessageRecord, status = 200): SimResponse {
  return json(status, { '@odata.context': contextUrl(ctx, 'messages/$entity'), ...toGraphMessage(message, renderOptions(ctx)) }, bodyPreference(ctx));
}

export function getMessage(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  return entity(ctx, findMessage(ctx, id, chain));
}

/**
 * PATCH: isRead, flag, categories, importance, inferenceClassification (and content of drafts), and
 * singleValueExtendedProperties (created or replaced by id; documented for any message:
 * https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties).
 */
export function patchMessage(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const message = findMessage(ctx, id, chain);
  if (!ctx.sim.flags.ifMatchIgnored) requireChangeKey(ctx.request.headers['if-match'], message);
  const { singleValueExtendedProperties, ...rest } = requireObjectBody(ctx);
  const properties = singleValueExtendedProperties === undefined ? [] : toExtendedProperties(singleValueExtendedProperties);
  const changes = toMessageChanges(rest, message.isDraft);
  const store = requireStore(ctx);
  // A property write alone is still a write of the item: new change key, in the next delta.
  if (setExtendedProperties(message, properties) && Object.keys(changes).length === 0) updateMessage(store, message, { changeKey: message.changeKey });
  updateMessage(store, message, changes);
  return entity(ctx, message);
}

/**
 * `If-Match: W/"<changeKey>"` (the `@odata.etag` of a GET) makes a PATCH conditional: another change
 * key is 412 `ErrorIrresolvableConflict`, Exchange's code for "the change key passed in the request does
 * not match the current change key for the item" (UNVERIFIED that Graph checks it on messages: the flag
 * `ifMatchIgnored` ignores it). `*` and no header always pass.
 */
function requireChangeKey(ifMatch: string | undefined, message: MessageRecord): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const given = ifMatch.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  if (given !== message.changeKey) {
    throw new GraphError(412, 'ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
  }
}

/** POST .../move {destinationId}: 201 with the message, same id (immutable ids). */
export function postMessageMove(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const message = findMessage(ctx, id, chain);
  const body = requireObjectBody(ctx);
  if (typeof body.destinationId !== 'string' || body.destinationId === '') throw graphErrors.invalidRequest('The destinationId parameter is required.');
  // UNVERIFIED: a well-known name the mailbox has no folder for (`archive` without an Archive folder)
  // is 404 ErrorItemNotFound like an unknown id; Exchange might create the folder instead.
  const destination = requireFolder(store, body.destinationId);
  if (destination.id === store.rootId) throw graphErrors.invalidRequest('Messages cannot be moved to the root folder.');
  // UNVERIFIED: a move into Recoverable Items is taken like any move (Exchange may refuse it).
  moveMessage(store, message, destination.id);
  return entity(ctx, message, 201);
}

/**
 * DELETE: 204; the message moves into Recoverable Items\Deletions (https://learn.microsoft.com/graph/api/message-delete
 * notes "You may not be able to delete items in the recoverable items deletions folder"). Deleting it
 * again is 403 ErrorCannotDeleteObject "Object cannot be deleted.", not 404, as reported with immutable
 * ids (https://github.com/microsoftgraph/msgraph-sdk-dotnet/issues/3047); so is deleting any message
 * already there.
 */
export function removeMessage(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const message = findAnyMessage(ctx, id, chain);
  if (store.isSoftDeleted(message)) throw graphErrors.cannotDeleteObject();
  softDeleteMessage(store, message);
  return noContent();
}

/** GET .../attachments: metadata and content of each file attachment (attachment-list.json). */
export function listAttachments(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const message = findMessage(ctx, id, chain);
  const select = parseSelect(ctx.request.query.get('$select'), attachmentProperties, 'attachment');
  const ids = idFormFor(requireStore(ctx), ctx.prefer.immutableId);
  return json(200, {
    '@odata.context': contextUrl(ctx, `messages('${ids.message(message)}')/attachments`),
    value: message.attachments.map((a) => toGraphAttachment(a, select, ids.attachment(message, a))),
  });
}

function findAttachment(ctx: HandlerContext, id: string, attachmentId: string, chain?: string[]) {
  const message = findMessage(ctx, id, chain);
  if (!isWellFormedGraphId(attachmentId)) throw graphErrors.idMalformed();
  const attachment = findAttachmentById(requireStore(ctx), message, attachmentId);
  if (!attachment) throw graphErrors.itemNotFound();
  return { message, attachment };
}

export function getAttachment(ctx: HandlerContext, id: string, attachmentId: string, chain?: string[]): SimResponse {
  const { message, attachment } = findAttachment(ctx, id, attachmentId, chain);
  const select = parseSelect(ctx.request.query.get('$select'), attachmentProperties, 'attachment');
  const ids = idFormFor(requireStore(ctx), ctx.prefer.immutableId);
  return json(200, {
    '@odata.context': contextUrl(ctx, `messages('${ids.message(message)}')/attachments/$entity`),
    ...toGraphAttachment(attachment, select, ids.attachment(message, attachment)),
  });
}

/**
 * DELETE .../attachments/{id} (https://learn.microsoft.com/graph/api/attachment-delete): 204; the
 * message changes (hasAttachments, change key). UNVERIFIED: allowed on sent messages too, as here.
 */
export function removeAttachment(ctx: HandlerContext, id: string, attachmentId: string, chain?: string[]): SimResponse {
  const { message, attachment } = findAttachment(ctx, id, attachmentId, chain);
  message.attachments = message.attachments.filter((a) => a !== attachment);
  updateMessage(requireStore(ctx), message, { changeKey: message.changeKey });
  return noContent();
}

/**
 * GET .../attachments/{id}/$value: an attachment's raw contents (attachment-get, "Get the raw contents
 * of a file or item attachment", https://learn.microsoft.com/graph/api/attachment-get): a file's bytes
 * with its own Content-Type, an item's MIME, vCard or iCalendar; "Attempting to get the $value of a
 * reference attachment returns HTTP 405". Streamed as the client reads. UNVERIFIED, so switchable:
 * whether Graph sends Content-Length (flag `attachmentValueWithoutLength`) and honours Range (flag
 * `attachmentValueRange`; off, Range is ignored and the whole file comes with 200).
 */
export function getAttachmentValue(ctx: HandlerContext, id: string, attachmentId: string, chain?: string[]): SimResponse {
  const { attachment } = findAttachment(ctx, id, attachmentId, chain);
  const kind = attachment.kind ?? 'file';
  if (kind === 'reference') throw graphErrors.methodNotAllowed();
  const contentType = kind === 'item' ? itemValueContentType(attachment) : attachment.contentType;
  const length = valueLength(attachment);
  const withLength = !ctx.sim.flags.attachmentValueWithoutLength;
  const range = ctx.sim.flags.attachmentValueRange ? simRange(ctx.request.headers.range, length) : undefined;
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { 'Content-Range': `bytes */${length}` } };
  }
  const [start, end] = range ?? [0, length];
  const store = requireStore(ctx);
  const cutAfter = pendingValueCuts.get(store);
  pendingValueCuts.delete(store);
  const body = new SimByteStream(end - start, () => valueStream(attachment, start, end), () => valueBytes(attachment, start, end), withLength, cutAfter);
  if (!range) return streamed(200, contentType, body);
  return streamed(206, contentType, body, { 'Content-Range': `bytes ${start}-${end - 1}/${length}` });
}

/** One `bytes=a-b` / `bytes=a-` range as [start, end) within `length`; anything else is ignored. */
function simRange(header: string | undefined, length: number): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d+)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const start = Number(match[1]);
  const last = match[2] === '' ? length - 1 : Math.min(Number(match[2]), length - 1);
  if (start >= length) return 'unsatisfiable';
  return last < start ? undefined : [start, last + 1];
}
