import type { Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import type { GraphClient, GraphRequest } from '../graph/graphRequest';
import { folderGetRequest } from '../graph/requests/folderRequests';
import { FerryError, isFerryError } from '../protocol/ferryError';
import type { SearchMessage } from '../protocol/schemas/search';
import { toSearchMessage } from '../translate/toSearchMessage';

/**
 * Fills one `mail/search` answer from Graph's result pages: from where the cursor left off, judging
 * each item, until `limit` messages, the last page, or the time to stop pulling. Where it stops is
 * where the next call goes on: the page's link (absent for the first page) and the items of it judged.
 *
 * Judging, mailbox-wide: Graph's `/me/messages` search also finds items in hidden folders (Teams chat
 * items among them, a known issue), so each page's folders not judged yet get one `$batch` of
 * `mailFolders.get` (`$select=isHidden`) and items in hidden ones are dropped; so is anything whose
 * `@odata.type` is not a message (UNVERIFIED that the two catch every chat item). An item the device
 * schema refuses is dropped and counted; an error object inside `value` (a 200 the page shape lets
 * through) is `502 upstream_error`.
 */
export interface SearchPagesInput {
  graph: GraphClient;
  /** The first page's request, and how to follow a link. */
  first: GraphRequest;
  follow(link: string): GraphRequest;
  /** Where to go on from (the cursor's). */
  link?: string;
  skip: number;
  limit: number;
  /** Judge hidden folders (mailbox-wide search). */
  judgeFolders: boolean;
  /** Folder id → hidden, from the cursor; judged folders are added. */
  verdicts: Map<string, boolean>;
  /** Exact bounds and anything else the KQL could only approximate. */
  keep(message: SearchMessage): boolean;
  /** After this (epoch ms) no further page is pulled. */
  stopPullingAtInMs: number;
  now(): number;
}

export interface SearchPagesResult {
  messages: SearchMessage[];
  /** Where the next call goes on; absent: no more results. */
  next?: { link?: string; skip: number };
  counts: { pages: number; dropped: number; hidden: number; notMessage: number; outside: number; folderLookUps: number };
}

// Message and its subtypes (meeting requests, responses, cancellations are eventMessage*).
const messageType = /^#?microsoft\.graph\.(message|eventMessage[A-Za-z]*)$/;

export async function searchPages(input: SearchPagesInput): Promise<SearchPagesResult> {
  const counts = { pages: 0, dropped: 0, hidden: 0, notMessage: 0, outside: 0, folderLookUps: 0 };
  const messages: SearchMessage[] = [];
  let link = input.link;
  let skip = input.skip;
  for (;;) {
    if (counts.pages > 0 && input.now() >= input.stopPullingAtInMs) return { messages, next: { link, skip }, counts };
    const page = await input.graph.page<Record<string, unknown>>(link === undefined ? input.first : input.follow(link));
    counts.pages++;
    const items = page.value;
    if (items.some((item) => 'error' in item && !('id' in item))) throw new FerryError('upstream_error', { logReason: 'error_in_value' });
    if (input.judgeFolders) await judgeFolders(input, items.slice(skip), counts);
    for (let index = skip; index < items.length; index++) {
      const item = items[index]!;
      const type = item['@odata.type'];
      if (type !== undefined && !(typeof type === 'string' && messageType.test(type))) {
        counts.notMessage++;
        continue;
      }
      const folderId = item.parentFolderId;
      if (input.judgeFolders && typeof folderId === 'string' && input.verdicts.get(folderId) !== false) {
        counts.hidden++;
        continue;
      }
      const message = toSearchMessage(item as GraphMessage);
      if (!message) {
        counts.dropped++;
        continue;
      }
      if (!input.keep(message)) {
        counts.outside++;
        continue;
      }
      messages.push(message);
      if (messages.length === input.limit) {
        if (index + 1 < items.length) return { messages, next: { link, skip: index + 1 }, counts };
        return { messages, ...(page.nextLink ? { next: { link: page.nextLink, skip: 0 } } : {}), counts };
      }
    }
    if (!page.nextLink) return { messages, counts };
    link = page.nextLink;
    skip = 0;
  }
}

/** One `$batch` for the page's folders not judged yet. A folder Graph cannot find counts as hidden. */
async function judgeFolders(input: SearchPagesInput, items: Record<string, unknown>[], counts: SearchPagesResult['counts']): Promise<void> {
  const unknown = [...new Set(items.map((item) => item.parentFolderId).filter((id): id is string => typeof id === 'string' && !input.verdicts.has(id)))];
  if (unknown.length === 0) return;
  counts.folderLookUps += unknown.length;
  const results = await input.graph.batch(unknown.map((id) => folderGetRequest(id, ['isHidden'])));
  results.forEach((result, index) => {
    const id = unknown[index]!;
    if (result.ok) {
      input.verdicts.set(id, (result.response.body as { isHidden?: unknown })?.isHidden === true);
    } else if (isFerryError(result.error) && result.error.code === 'not_found') {
      input.verdicts.set(id, true);
    } else {
      throw result.error;
    }
  });
}
