// Why one long file: the table below is one fact, every Graph call Ferry may make (graphOperationCheck holds
// recorded requests to it, the docs list it), read and reviewed as a whole.
import { encodeGraphId } from './graphUrls';
import type { GraphMethod, GraphRequest } from './graphRequest';

/**
 * What a 2xx answer of an operation must look like; a body that does not is "broken" (cut, not JSON or
 * off-schema) and handled by the rule table in createGraphClient: `page` a collection page
 * (`{value: [objects], @odata.nextLink?, @odata.deltaLink?}`), `entity` one JSON object, `batch` a
 * `$batch` envelope (`{responses: [...]}`), `none` no body expected (202/204; a body is not checked),
 * `stream` raw bytes handed on as they arrive (GraphClient.stream; never parsed, buffered or compressed).
 */
export type AnswerShape = 'page' | 'entity' | 'batch' | 'none' | 'stream';

export interface OperationDefinition {
  readonly method: GraphMethod;
  /** Path under /v1.0; each `{name}` is filled with encodeGraphId(params.name). */
  readonly pathTemplate: string;
  /** Query options Ferry may send with it (names exactly as sent). Links Graph returned are not built here. */
  readonly query: readonly string[];
  readonly answer: AnswerShape;
  /**
   * May the client repeat it after Graph may have acted? GET, PATCH and DELETE yes (a repeated DELETE
   * answers 404, or 403 ErrorCannotDeleteObject with immutable ids: done only once confirmDeleted.ts has
   * checked the message is gone or in Recoverable Items). A POST only with a `reason` saying why a
   * repeat is harmless (move with immutable ids, getSchedule, a `$batch` of idempotent items); creates,
   * `/send`, meeting answers and uploads never (checkOperationTable enforces it, a unit test runs it).
   */
  readonly idempotent: boolean;
  readonly reason?: string;
}

/** Every Graph call Ferry makes, by name. Logs and errors carry the name, never the URL. */
export const operations = {
  'mailFolders.delta': { method: 'GET', pathTemplate: '/me/mailFolders/delta', query: ['$select'], answer: 'page', idempotent: true },
  'mailFolders.get': { method: 'GET', pathTemplate: '/me/mailFolders/{folderId}', query: ['$select'], answer: 'entity', idempotent: true },
  'mailFolders.childFolders': {
    method: 'GET',
    pathTemplate: '/me/mailFolders/{folderId}/childFolders',
    query: ['$select', '$top'],
    answer: 'page',
    idempotent: true,
  },
  // Not idempotent: a repeat after an unknown outcome meets ErrorFolderExists; folders/create looks the name up instead.
  'mailFolders.create': { method: 'POST', pathTemplate: '/me/mailFolders/{folderId}/childFolders', query: [], answer: 'entity', idempotent: false },
  'mailFolders.update': { method: 'PATCH', pathTemplate: '/me/mailFolders/{folderId}', query: [], answer: 'entity', idempotent: true },
  'mailFolders.move': {
    method: 'POST',
    pathTemplate: '/me/mailFolders/{folderId}/move',
    query: [],
    answer: 'entity',
    idempotent: true,
    reason: 'A folder keeps its id when it moves, so a repeat names the same folder and destination; one already there is confirmed by a look-up (folders/move).',
  },
  // A repeat's 404 is judged by folders/delete, which has just read the folder.
  'mailFolders.delete': { method: 'DELETE', pathTemplate: '/me/mailFolders/{folderId}', query: [], answer: 'none', idempotent: true },
  'mailFolders.messages': {
    method: 'GET',
    pathTemplate: '/me/mailFolders/{folderId}/messages',
    query: ['$select', '$filter', '$top'],
    answer: 'page',
    idempotent: true,
  },
  'messages.delta': {
    method: 'GET',
    pathTemplate: '/me/mailFolders/{folderId}/messages/delta',
    query: ['$select', '$orderby', '$filter'],
    answer: 'page',
    idempotent: true,
  },
  // The primary calendar's instances in a window; takes no $select/$filter/$expand (delta-query-events).
  'calendarView.delta': { method: 'GET', pathTemplate: '/me/calendarView/delta', query: ['startDateTime', 'endDateTime'], answer: 'page', idempotent: true },
  'events.get': { method: 'GET', pathTemplate: '/me/events/{eventId}', query: ['$select'], answer: 'entity', idempotent: true },
  // A new event (user-post-events); a repeat could double a meeting and its invitations: calendar/create sends
  // `transactionId` and looks its stamp up instead (sendWithLookUp).
  'events.create': { method: 'POST', pathTemplate: '/me/events', query: [], answer: 'entity', idempotent: false },
  // The primary calendar's singles and masters by a named extended property (singlevaluelegacyextendedproperty-get).
  'events.findByProperty': { method: 'GET', pathTemplate: '/me/events', query: ['$filter', '$expand', '$top'], answer: 'page', idempotent: true },
  // Meeting answers (event-accept, event-tentativelyaccept, event-decline: 202, no body). Each sends the
  // organizer a reply, so never repeated: calendar/respond reads the event's responseStatus first and
  // after an unknown outcome (sendWithLookUp).
  // The organizer's cancel (event-cancel: 202, tells the attendees); a repeat would tell them twice: calendar/delete looks it up.
  'events.cancel': { method: 'POST', pathTemplate: '/me/events/{eventId}/cancel', query: [], answer: 'none', idempotent: false },
  // A repeat's 404 is judged by calendar/delete (gone is what it asked for).
  'events.delete': { method: 'DELETE', pathTemplate: '/me/events/{eventId}', query: [], answer: 'none', idempotent: true },
  'events.accept': { method: 'POST', pathTemplate: '/me/events/{eventId}/accept', query: [], answer: 'none', idempotent: false },
  'events.tentativelyAccept': { method: 'POST', pathTemplate: '/me/events/{eventId}/tentativelyAccept', query: [], answer: 'none', idempotent: false },
  'events.decline': { method: 'POST', pathTemplate: '/me/events/{eventId}/decline', query: [], answer: 'none', idempotent: false },
  // Every calendar of the user: own, shared and delegated (user-list-calendars).
  'calendars.list': { method: 'GET', pathTemplate: '/me/calendars', query: ['$select', '$top'], answer: 'page', idempotent: true },
  'calendar.getSchedule': {
    method: 'POST',
    pathTemplate: '/me/calendar/getSchedule',
    query: [],
    answer: 'page',
    idempotent: true,
    reason: 'getSchedule only reads free/busy: a repeat answers the same question again and changes nothing.',
  },
  'messages.get': { method: 'GET', pathTemplate: '/me/messages/{messageId}', query: ['$select', '$expand'], answer: 'entity', idempotent: true },
  'messages.update': { method: 'PATCH', pathTemplate: '/me/messages/{messageId}', query: [], answer: 'entity', idempotent: true },
  // Soft delete into Recoverable Items; a repeat's 404 or 403 is judged by confirmDeleted.ts.
  'messages.delete': { method: 'DELETE', pathTemplate: '/me/messages/{messageId}', query: [], answer: 'none', idempotent: true },
  'messages.move': {
    method: 'POST',
    pathTemplate: '/me/messages/{messageId}/move',
    query: [],
    answer: 'entity',
    idempotent: true,
    reason: 'With immutable ids a repeated move of a message already in the destination leaves it there, same id.',
  },
  // A new draft in Drafts; a repeat would make a second one: mail/draft looks its stamp up instead (sendWithLookUp).
  'messages.create': { method: 'POST', pathTemplate: '/me/messages', query: [], answer: 'entity', idempotent: false },
  // Response drafts; each call makes a new draft, so never repeated (mail/draft looks the stamp up).
  'messages.createReply': { method: 'POST', pathTemplate: '/me/messages/{messageId}/createReply', query: [], answer: 'entity', idempotent: false },
  'messages.createReplyAll': { method: 'POST', pathTemplate: '/me/messages/{messageId}/createReplyAll', query: [], answer: 'entity', idempotent: false },
  'messages.createForward': { method: 'POST', pathTemplate: '/me/messages/{messageId}/createForward', query: [], answer: 'entity', idempotent: false },
  // Sends a draft (202, no body); a repeat would send it twice: mail/send marks the draft first and looks the send up (sendWithLookUp).
  'messages.send': { method: 'POST', pathTemplate: '/me/messages/{messageId}/send', query: [], answer: 'none', idempotent: false },
  // Mailbox-wide look-up by a named extended property (singlevaluelegacyextendedproperty-get), never $search.
  'messages.findByProperty': { method: 'GET', pathTemplate: '/me/messages', query: ['$filter', '$expand', '$select', '$top'], answer: 'page', idempotent: true },
  'messages.attachments': { method: 'GET', pathTemplate: '/me/messages/{messageId}/attachments', query: ['$select'], answer: 'page', idempotent: true },
  // $search (KQL from requests/searchKql.ts); later pages come from Graph's links, which carry $skip.
  'messages.search': { method: 'GET', pathTemplate: '/me/messages', query: ['$search', '$select', '$top', '$skip'], answer: 'page', idempotent: true },
  'mailFolders.messagesSearch': {
    method: 'GET',
    pathTemplate: '/me/mailFolders/{folderId}/messages',
    query: ['$search', '$select', '$top', '$skip'],
    answer: 'page',
    idempotent: true,
  },
  'people.list': { method: 'GET', pathTemplate: '/me/people', query: ['$search', '$top', '$select'], answer: 'page', idempotent: true },
  'attachments.get': {
    method: 'GET',
    pathTemplate: '/me/messages/{messageId}/attachments/{attachmentId}',
    query: ['$select'],
    answer: 'entity',
    idempotent: true,
  },
  // A repeat after an unknown outcome answers 404: the attachment is gone either way (mail/draft/update).
  'attachments.delete': { method: 'DELETE', pathTemplate: '/me/messages/{messageId}/attachments/{attachmentId}', query: [], answer: 'none', idempotent: true },
  // A file of under FERRY_UPLOAD_SESSION_MIN bytes (attachment-post); each call adds one, so never repeated (the upload looks it up).
  'attachments.create': { method: 'POST', pathTemplate: '/me/messages/{messageId}/attachments', query: [], answer: 'entity', idempotent: false },
  'attachments.createUploadSession': {
    method: 'POST',
    pathTemplate: '/me/messages/{messageId}/attachments/createUploadSession',
    query: [],
    answer: 'entity',
    idempotent: true,
    reason: 'A session adds nothing to the draft until its last chunk arrives; a repeat leaves one unused session, which expires.',
  },
  // The attachment's raw bytes: a file's content, an item's MIME, vCard or iCal; 405 for a reference.
  'attachments.value': { method: 'GET', pathTemplate: '/me/messages/{messageId}/attachments/{attachmentId}/$value', query: [], answer: 'stream', idempotent: true },
  // Contacts (issue #19). The default contact folder is left out of the list and its delta; it is found by name, a contact or a top folder.
  'contactFolders.delta': { method: 'GET', pathTemplate: '/me/contactFolders/delta', query: ['$select'], answer: 'page', idempotent: true },
  'contactFolders.get': { method: 'GET', pathTemplate: '/me/contactFolders/{folderId}', query: ['$select'], answer: 'entity', idempotent: true },
  'contactFolders.list': { method: 'GET', pathTemplate: '/me/contactFolders', query: ['$select', '$top'], answer: 'page', idempotent: true },
  'contactFolders.childFolders': { method: 'GET', pathTemplate: '/me/contactFolders/{folderId}/childFolders', query: ['$select', '$top'], answer: 'page', idempotent: true },
  'contacts.list': { method: 'GET', pathTemplate: '/me/contacts', query: ['$select', '$top'], answer: 'page', idempotent: true },
  'contacts.delta': { method: 'GET', pathTemplate: '/me/contactFolders/{folderId}/contacts/delta', query: ['$select'], answer: 'page', idempotent: true },
  'contacts.get': { method: 'GET', pathTemplate: '/me/contacts/{contactId}', query: ['$select'], answer: 'entity', idempotent: true },
  // Contact writes address the contact through the folder the device names: one moved elsewhere is 404 there (not_found: that folder's copy drops it).
  'contactFolders.contact': { method: 'GET', pathTemplate: '/me/contactFolders/{folderId}/contacts/{contactId}', query: ['$select'], answer: 'entity', idempotent: true },
  // A new contact; a repeat would make a second one: contacts/create looks its stamp up instead (sendWithLookUp).
  'contacts.create': { method: 'POST', pathTemplate: '/me/contacts', query: [], answer: 'entity', idempotent: false },
  'contactFolders.createContact': { method: 'POST', pathTemplate: '/me/contactFolders/{folderId}/contacts', query: [], answer: 'entity', idempotent: false },
  // One folder's contacts by a named extended property (singlevaluelegacyextendedproperty-get lists both URLs for contacts).
  'contacts.findByProperty': { method: 'GET', pathTemplate: '/me/contacts', query: ['$filter', '$expand', '$select', '$top'], answer: 'page', idempotent: true },
  'contactFolders.findContactByProperty': {
    method: 'GET',
    pathTemplate: '/me/contactFolders/{folderId}/contacts',
    query: ['$filter', '$expand', '$select', '$top'],
    answer: 'page',
    idempotent: true,
  },
  // With If-Match (UNVERIFIED on contacts): a repeat after its own success meets a new etag, 412, and contacts/update reads again.
  'contacts.update': { method: 'PATCH', pathTemplate: '/me/contactFolders/{folderId}/contacts/{contactId}', query: [], answer: 'entity', idempotent: true },
  // A repeat's 404 is judged by the command: gone is what it asked for (contacts/delete, contacts/create's doubles).
  'contacts.delete': { method: 'DELETE', pathTemplate: '/me/contactFolders/{folderId}/contacts/{contactId}', query: [], answer: 'none', idempotent: true },
  // The photo's bytes; Ferry asks for them in a $batch, where they come base64 (observed).
  'contacts.photo': { method: 'GET', pathTemplate: '/me/contactFolders/{folderId}/contacts/{contactId}/photo/$value', query: [], answer: 'stream', idempotent: true },
  // PUT replaces the photo whole: a repeat leaves the same photo.
  'contacts.setPhoto': { method: 'PUT', pathTemplate: '/me/contactFolders/{folderId}/contacts/{contactId}/photo/$value', query: [], answer: 'none', idempotent: true },
  // A $batch is as idempotent as its items: the client decides per call (see batch/sendBatch.ts).
  batch: { method: 'POST', pathTemplate: '/$batch', query: [], answer: 'batch', idempotent: false },
} as const satisfies Record<string, OperationDefinition>;

export type OperationName = keyof typeof operations;

/** The table row of an operation name, if the name is in the table. */
export function operationDefinition(name: string): OperationDefinition | undefined {
  return Object.hasOwn(operations, name) ? (operations as Record<string, OperationDefinition>)[name] : undefined;
}

/**
 * The table's own rules, as messages (empty when the table is sound): a POST is idempotent only with a
 * reason, GET/PATCH/DELETE always are, templates are absolute paths, query names are OData options.
 */
export function checkOperationTable(table: Readonly<Record<string, OperationDefinition>>): string[] {
  const problems: string[] = [];
  for (const [name, definition] of Object.entries(table)) {
    if (definition.method === 'POST' && definition.idempotent && !definition.reason?.trim()) {
      problems.push(`${name}: a POST marked idempotent needs a reason`);
    }
    if (definition.method !== 'POST' && !definition.idempotent) problems.push(`${name}: ${definition.method} is idempotent`);
    if (!/^\/[A-Za-z$]/.test(definition.pathTemplate)) problems.push(`${name}: the path template must start with "/"`);
    for (const option of definition.query) if (!/^\$?[A-Za-z]+$/.test(option)) problems.push(`${name}: "${option}" is not a query option name`);
  }
  return problems;
}

type Placeholders<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The path parameters an operation's template names, e.g. `{ folderId: string }`. */
export type OperationParams<Name extends OperationName> = {
  readonly [Key in Placeholders<(typeof operations)[Name]['pathTemplate']>]: string;
};

export interface BuildRequestOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A GraphRequest for a named operation: the template filled with encoded ids, `idempotent` from the
 * table. Pure. A missing or unknown parameter, or a query option the row does not allow, is a
 * programming mistake (TypeError).
 */
export function buildRequest<Name extends OperationName>(
  operation: Name,
  params: OperationParams<Name>,
  { query, headers, body }: BuildRequestOptions = {},
): GraphRequest {
  const definition: OperationDefinition = operations[operation];
  const values = params as Readonly<Record<string, string | undefined>>;
  const used = new Set<string>();
  const path = definition.pathTemplate.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (typeof value !== 'string') throw new TypeError(`${operation}: missing path parameter ${name}.`);
    used.add(name);
    return encodeGraphId(value);
  });
  const unknown = Object.keys(values).filter((name) => !used.has(name));
  if (unknown.length > 0) throw new TypeError(`${operation}: unknown path parameter ${unknown.join(', ')}.`);
  const notAllowed = Object.keys(query ?? {}).filter((name) => !definition.query.includes(name));
  if (notAllowed.length > 0) throw new TypeError(`${operation}: query option ${notAllowed.join(', ')} is not in the operation table.`);
  return {
    operation,
    method: definition.method,
    path,
    idempotent: definition.idempotent,
    ...(query === undefined ? {} : { query }),
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
  };
}
