import type { BatchResult } from '../graph/graphRequest';
import { messageGetRequest, messageUpdateRequest } from '../graph/requests/messageRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { bulkResponse, mailUpdateRequest, type ItemResult, type MailUpdateRequest } from '../protocol/schemas/mailActions';
import type { CommandContext } from '../runtime/commandContext';
import { countResults, failedItem, plainItem } from './bulk/itemResult';

type Changes = MailUpdateRequest['set'];

/** Both forms of `set` as one shape (the schema lets only one of the category forms through). */
type AnySet = { read?: boolean; flag?: 'none' | 'flagged' | 'complete'; categories?: string[]; addCategories?: string[]; removeCategories?: string[] };

const flagStatuses = { none: 'notFlagged', flagged: 'flagged', complete: 'complete' } as const;

/** The PATCH body of the fields every message gets alike (categories only when replaced). Pure. */
export function commonPatch(changes: Changes): Record<string, unknown> {
  const set: AnySet = changes;
  const patch: Record<string, unknown> = {};
  if (set.read !== undefined) patch.isRead = set.read;
  // Status only: no start, due or completed dates in v1.
  if (set.flag !== undefined) patch.flag = { flagStatus: flagStatuses[set.flag] };
  if (set.categories !== undefined) patch.categories = [...new Set(set.categories)];
  return patch;
}

/** A message's categories after adding and removing (order kept, added ones last, no repeats). Pure. */
export function editCategories(current: readonly string[], add: readonly string[] = [], remove: readonly string[] = []): string[] {
  const removed = new Set(remove);
  return [...new Set([...current, ...add])].filter((category) => !removed.has(category));
}

function categoriesOf(result: BatchResult): string[] {
  const categories = (result.ok ? (result.response.body as { categories?: unknown } | undefined)?.categories : undefined) ?? [];
  return Array.isArray(categories) ? categories.filter((c): c is string => typeof c === 'string') : [];
}

export const mailUpdateCommand: CommandDefinition<typeof mailUpdateRequest, typeof bulkResponse, CommandContext> = {
  route: 'mail/update',
  functionName: 'mailUpdate',
  summary: 'Mark up to 100 messages read or unread, flag them, set their categories',
  description:
    'Changes only the fields of `set` on every message of `ids`, with one result per id in the order of `ids`. `categories` replaces the list; `addCategories` and `removeCategories` read each message and write it back (last writer wins). One failing id never fails the others.',
  request: mailUpdateRequest,
  response: bulkResponse,
  errors: ['consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const { ids } = input;
    const set: AnySet = input.set;
    const patch = commonPatch(set);
    const editing = set.addCategories !== undefined || set.removeCategories !== undefined;
    const results: Array<ItemResult | undefined> = ids.map(() => undefined);
    const bodies = ids.map(() => patch);
    if (editing) {
      // Read, then write: a message changed by someone else in between keeps this command's list.
      const reads = await context.graph.batch(ids.map((id) => messageGetRequest(id, ['categories'])));
      reads.forEach((read, index) => {
        if (!read.ok) results[index] = failedItem(ids[index]!, read.error);
        else bodies[index] = { ...patch, categories: editCategories(categoriesOf(read), set.addCategories, set.removeCategories) };
      });
    }
    const pending = ids.flatMap((id, index) => (results[index] ? [] : [index]));
    const writes = await context.graph.batch(pending.map((index) => messageUpdateRequest(ids[index]!, bodies[index]!)));
    pending.forEach((index, position) => (results[index] = plainItem(ids[index]!, writes[position]!)));
    const answer = results as ItemResult[];
    context.logger.info('mail.update', { ids: ids.length, ...countResults(answer) });
    return { results: answer };
  },
};
