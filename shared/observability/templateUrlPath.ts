/**
 * Path segments telemetry may show as they are: Graph v1.0 resource and action names and Graph's
 * well-known folder names (https://learn.microsoft.com/graph/api/resources/mailfolder), the Entra ID
 * token and discovery paths, the managed-identity token endpoints, Key Vault collections and the
 * Application Insights ingestion paths. Compared without case (Graph paths are case-insensitive).
 * Anything else (ids, tenant ids and names, secret names and versions, addresses) becomes `:id`: an
 * allow-list, so a segment nobody thought of is hidden, never shown. (Not `{id}`: the exporter builds
 * the dependency name through a URL parser, which would percent-encode the braces.)
 */
const vocabulary = new Set(
  [
    // Microsoft Graph
    'v1.0', 'beta', 'me', 'users', '$batch', '$value', '$count', 'delta', 'microsoft.graph.delta',
    'mailFolders', 'childFolders', 'messages', 'attachments', 'sendMail', 'send', 'reply', 'replyAll',
    'forward', 'move', 'copy', 'createReply', 'createReplyAll', 'createForward', 'createUploadSession',
    'mailboxSettings', 'events', 'calendar', 'calendars', 'calendarView', 'instances', 'accept',
    'decline', 'tentativelyAccept', 'cancel', 'contacts', 'contactFolders', 'extensions',
    // Graph well-known folder names
    'inbox', 'drafts', 'sentitems', 'deleteditems', 'junkemail', 'archive', 'outbox', 'msgfolderroot',
    'clutter', 'conflicts', 'conversationhistory', 'localfailures', 'recoverableitemsdeletions',
    'scheduled', 'searchfolders', 'serverfailures', 'syncissues',
    // Entra ID (and the dev IdP, which copies its paths)
    'common', 'organizations', 'consumers', 'oauth2', 'v2.0', 'token', 'authorize', 'devicecode',
    'discovery', 'keys', 'instance', '.well-known', 'openid-configuration',
    // Managed identity endpoints (App Service/Functions and IMDS)
    'msi', 'metadata', 'identity',
    // Key Vault
    'secrets', 'certificates', 'deletedsecrets', 'versions',
    // Application Insights ingestion
    'v2', 'v2.1', 'track', 'QuickPulseService.svc', 'ping', 'post',
    // Ferry's own device API (the local host's routes)
    'api', 'v1', 'health', 'folders', 'mail', 'sync', 'get', 'create', 'rename', 'delete', 'markRead', 'empty',
  ].map((segment) => segment.toLowerCase()),
);

/** Placeholder for every segment outside the vocabulary. */
export const idPlaceholder = ':id';

/** OData key syntax, as Graph writes it in nextLink/deltaLink: `mailFolders('AAMk…')`. */
const keySegment = /^([^()]+)\((.*)\)$/;

/**
 * The path with every segment outside the vocabulary replaced by `:id`, e.g.
 * `/v1.0/me/mailFolders/AAMkAD…/messages/delta` → `/v1.0/me/mailFolders/:id/messages/delta`, and
 * `mailfolders('AAMkAD…')` → `mailfolders(:id)`. Pure. Expects a path without query or fragment
 * (callers take `URL.pathname`).
 */
export function templateUrlPath(pathname: string): string {
  return pathname.split('/').map(templateSegment).join('/');
}

function templateSegment(segment: string): string {
  if (segment === '' || vocabulary.has(segment.toLowerCase())) return segment;
  const key = keySegment.exec(segment);
  if (key && vocabulary.has(key[1]!.toLowerCase())) return `${key[1]}(${idPlaceholder})`;
  return idPlaceholder;
}
