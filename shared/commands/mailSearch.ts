import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError, isFerryError } from '../protocol/ferryError';
import { mailSearchRequest, mailSearchResponse, type SearchMessage } from '../protocol/schemas/search';
import type { CommandContext } from '../runtime/commandContext';
import { buildSearchKql } from '../graph/requests/searchKql';
import { messageSearchLinkRequest, messageSearchRequest } from '../graph/requests/searchRequests';
import { pullingShareOfSyncBudget } from '../sync/defineSyncCommand';
import { searchSelectFields } from '../translate/toSearchMessage';
import { openSearchCursor, sealSearchCursor, searchCollection } from './searchCursor';
import { searchPages } from './searchPages';

const defaultLimit = 25;

export const mailSearchCommand: CommandDefinition<typeof mailSearchRequest, typeof mailSearchResponse, CommandContext> = {
  route: 'mail/search',
  functionName: 'mailSearch',
  summary: 'Find mail by words, sender, recipient, subject, attachments and dates',
  description:
    "Ferry writes the search query (KQL) from plain values: the device never sends KQL or OData. Criteria are joined with AND; at least one is needed. `folderId`: that folder only, not its subfolders; without it the whole mailbox except hidden folders. Results by sent time as Graph orders them (at most 1,000 in all, no relevance order; new mail is found once Exchange has indexed it). A `cursor` in the answer: send it back with the same search for more; none: no more results. A cursor expires after `FERRY_SEARCH_CURSOR_MIN` minutes, and any cursor that cannot be used is `search_state_invalid`: search again.",
  request: mailSearchRequest,
  response: mailSearchResponse,
  errors: ['folder_not_found', 'search_state_invalid', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const startedAtInMs = context.clock.now();
    const { receivedAfter, receivedBefore, folderId } = input;
    const kql = buildSearchKql(input);
    if (kql === undefined) {
      throw new FerryError('bad_request', { detail: 'Give at least one search criterion with something to search for.', logReason: 'no_criteria' });
    }
    const collection = searchCollection(input);
    const cursor = input.cursor === undefined ? undefined : await openSearchCursor(context, input.cursor, collection);
    const verdicts = new Map<string, boolean>([...(cursor?.hidden ?? []).map((id) => [id, true] as const), ...(cursor?.visible ?? []).map((id) => [id, false] as const)]);
    const afterMs = receivedAfter === undefined ? -Infinity : Date.parse(receivedAfter);
    const beforeMs = receivedBefore === undefined ? Infinity : Date.parse(receivedBefore);
    const keep = (message: SearchMessage) => {
      if (receivedAfter === undefined && receivedBefore === undefined) return true;
      const at = message.receivedAt === null ? NaN : Date.parse(message.receivedAt);
      return at >= afterMs && at < beforeMs;
    };
    const limit = input.limit ?? defaultLimit;
    const firstPageSize = cursor?.top ?? limit;
    let result;
    try {
      result = await searchPages({
        graph: context.graph,
        first: messageSearchRequest(kql, searchSelectFields, firstPageSize, folderId),
        follow: (link) => messageSearchLinkRequest(link, folderId),
        link: cursor?.link,
        skip: cursor?.skip ?? 0,
        limit,
        judgeFolders: folderId === undefined,
        verdicts,
        keep,
        stopPullingAtInMs: Math.min(startedAtInMs + context.config.FERRY_SYNC_BUDGET_MS * pullingShareOfSyncBudget, context.deadlineInMs),
        now: () => context.clock.now(),
      });
    } catch (error) {
      // The folder is unknown to this mailbox (or gone since the first page).
      if (folderId !== undefined && isFerryError(error) && error.code === 'not_found') throw new FerryError('folder_not_found', { logReason: 'search_folder' });
      throw error;
    }
    const next =
      result.next &&
      (await sealSearchCursor(context, collection, {
        ...(result.next.link === undefined ? { top: firstPageSize } : { link: result.next.link }),
        skip: result.next.skip,
        ...(folderId === undefined ? { hidden: [...verdicts].filter(([, hidden]) => hidden).map(([id]) => id), visible: [...verdicts].filter(([, hidden]) => !hidden).map(([id]) => id) } : {}),
      }));
    context.logger.info('mail.search', {
      messages: result.messages.length,
      pages: result.counts.pages,
      dropped: result.counts.dropped,
      hidden: result.counts.hidden,
      notMessage: result.counts.notMessage,
      outsideDates: result.counts.outside,
      folderLookUps: result.counts.folderLookUps,
      mailboxWide: folderId === undefined,
      continued: cursor !== undefined,
      more: next !== undefined,
    });
    return { messages: result.messages, ...(next === undefined ? {} : { cursor: next }) };
  },
};
