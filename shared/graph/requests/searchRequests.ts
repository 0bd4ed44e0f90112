import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';
import { linkRequest } from './linkRequest';
import { searchParameter } from './searchKql';

/**
 * The first page of a message search: `folderId`'s messages only (not its subfolders), or the whole
 * mailbox's (`/me/messages`, hidden folders included: the caller judges those). `$top` is the page
 * size; Graph sorts by sent time and allows neither `$orderby` nor `$filter` beside `$search`.
 * https://learn.microsoft.com/graph/search-query-parameter#using-search-on-message-collections
 */
export function messageSearchRequest(kql: string, select: readonly string[], top: number, folderId?: string): GraphRequest {
  const query = { $search: searchParameter(kql), $select: select.join(','), $top: String(top) };
  return folderId === undefined ? buildRequest('messages.search', {}, { query }) : buildRequest('mailFolders.messagesSearch', { folderId }, { query });
}

/** A later page: the nextLink as Graph gave it. */
export function messageSearchLinkRequest(link: string, folderId?: string): GraphRequest {
  return linkRequest(folderId === undefined ? 'messages.search' : 'mailFolders.messagesSearch', link, {});
}

/**
 * People the user works with, ranked by Graph, matched by `text` (cleaned like a search term; a plain
 * value in quotes, no KQL). https://learn.microsoft.com/graph/people-insights-overview#search-people
 */
export function peopleSearchRequest(text: string, top: number): GraphRequest {
  return buildRequest('people.list', {}, { query: { $search: `"${text}"`, $top: String(top), $select: 'displayName,scoredEmailAddresses' } });
}
