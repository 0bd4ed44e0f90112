import { z } from 'zod';
import { graphFolderId, graphId } from './common';
import { ferryKind } from './ferryKind';

/** Most ids one bulk command takes: 100 ids of 512 characters fit the 64 KB body limit. */
export const maxBulkIds = 100;

/** The folder kinds a move may name instead of an id, and the Graph well-known name each is sent as. */
export const moveDestinationKinds = { inbox: 'inbox', deleted: 'deleteditems', archive: 'archive', junk: 'junkemail' } as const;
export type MoveDestinationKind = keyof typeof moveDestinationKinds;

/**
 * Names a device must not send as a destination: the other device kinds and every Graph well-known
 * name (lower case; Graph reads them case-insensitively). Real folder ids are long opaque strings and
 * never one of these, so a device cannot reach Recoverable Items or the root by a name.
 */
const refusedDestinationNames = new Set([
  'drafts', 'sent', 'outbox', 'root', 'other',
  'archive', 'clutter', 'conflicts', 'conversationhistory', 'deleteditems', 'drafts', 'inbox', 'junkemail', 'localfailures',
  'msgfolderroot', 'outbox', 'recoverableitemsdeletions', 'scheduled', 'searchfolders', 'sentitems', 'serverfailures', 'syncissues',
]);

export function isMoveDestinationKind(value: string): value is MoveDestinationKind {
  return Object.hasOwn(moveDestinationKinds, value);
}

/** The ids of one bulk command: 1 to 100 message ids, each at most once. */
export const bulkIds = z
  .array(graphId)
  .min(1)
  .max(maxBulkIds)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id')
  .meta({ description: `1 to ${maxBulkIds} message ids, each at most once (a repeated id is 400).`, uniqueItems: true });

export const itemResultSchema = z
  .object({
    id: graphId.meta({ description: 'The id as the request gave it.' }),
    status: z
      .enum(['ok', 'not_found', 'failed'])
      .default('ok')
      .meta({ description: '`not_found`: no such message in this mailbox (drop it). `failed`: see `code`.' }),
    folderId: graphFolderId.optional().meta({ description: 'Moves (`mail/move`, `mail/delete` to Deleted Items): the folder the message is in now.' }),
    newId: graphId.optional().meta({ description: 'Only should Graph ever give the moved message a new id (ids are immutable): use it from now on.' }),
    // A string, not an enum: a device follows the rule table by code, and a newer server may add codes.
    code: z.string().optional().meta({ description: 'With `failed`: a code of the error table (Error codes); follow its rule for this id.' }),
    retryAfter: z.number().int().positive().optional().meta({ description: 'With `throttled` or `upstream_unavailable`: seconds to wait before repeating this id.' }),
  })
  .meta({ id: 'ItemResult', description: 'The outcome of one id of a bulk command.' });
export type ItemResult = z.infer<typeof itemResultSchema>;

export const bulkResponse = z
  .object({ results: z.array(itemResultSchema).meta({ description: 'One result per id, in the order of `ids`.' }) })
  .meta({ id: 'BulkResponse' });
export type BulkResponse = z.infer<typeof bulkResponse>;

const categoryList = z.array(z.string().min(1).max(255)).max(50);

const commonFields = {
  read: z.boolean().optional(),
  flag: z.enum(['none', 'flagged', 'complete']).optional().meta({ description: '`complete` sets the flag status only (no dates).' }),
};
const hasField = (set: Record<string, unknown>) => Object.values(set).some((value) => value !== undefined);

export const mailUpdateRequest = z
  .strictObject({
    ids: bulkIds,
    set: z
      .union([
        z.strictObject({ ...commonFields, categories: categoryList.optional().meta({ description: 'Replaces the whole list.' }) }).refine(hasField, 'must set at least one field').meta({ minProperties: 1 }),
        z
          .strictObject({
            ...commonFields,
            addCategories: categoryList.optional().meta({ description: "Added to each message's list (read, then written: last writer wins)." }),
            removeCategories: categoryList.optional().meta({ description: "Removed from each message's list (read, then written)." }),
          })
          .refine(hasField, 'must set at least one field')
          .meta({ minProperties: 1 }),
      ])
      .meta({ description: 'Only the fields given change (at least one). `categories` replaces the list and cannot go with `addCategories` or `removeCategories`.' }),
  })
  .meta({ id: 'MailUpdateRequest' });
export type MailUpdateRequest = z.infer<typeof mailUpdateRequest>;

export const mailMoveRequest = z
  .strictObject({
    ids: bulkIds,
    destinationId: graphFolderId
      .refine((value) => isMoveDestinationKind(value) || !refusedDestinationNames.has(value.toLowerCase()), 'must be a folder id or one of inbox, deleted, archive, junk')
      .meta({ description: 'A folder id, or one of the kinds `inbox`, `deleted`, `archive`, `junk`. Moving to `junk` reports nothing to Microsoft.', ...ferryKind('folder') }),
  })
  .meta({ id: 'MailMoveRequest' });
export type MailMoveRequest = z.infer<typeof mailMoveRequest>;

export const mailDeleteRequest = z
  .strictObject({
    ids: bulkIds,
    permanent: z
      .boolean()
      .optional()
      .meta({ description: 'false (default): to Deleted Items; messages already there are deleted. true: deleted (Exchange keeps them in Recoverable Items, out of every folder).' }),
  })
  .meta({ id: 'MailDeleteRequest' });
export type MailDeleteRequest = z.infer<typeof mailDeleteRequest>;
