import { createHash } from 'node:crypto';
import { z } from 'zod';
import { FerryError, isFerryError } from '../protocol/ferryError';
import type { CommandContext } from '../runtime/commandContext';
import { openState, peekStateKeyId, sealState, type StateBinding } from '../state/stateToken';
import { toEpochSeconds } from '../sync/syncStateCodec';

/**
 * The `mail/search` cursor: sealed like sync state but under the `ferry/cursor/v1` key, bound to tenant,
 * user and `search:` + SHA-256 of the canonical query (every request field but `cursor` and `limit`),
 * so it opens only for the same user asking the same search. It holds where Graph's results go on (the
 * nextLink's path and query, or none for the first page, plus how many items of that page were already
 * judged), the folder verdicts Ferry has made (left out when they would pass 4,096 characters) and
 * when it was issued. Every failure, expiry included, is `410 search_state_invalid`.
 */
export const searchCursorSchema = z.strictObject({
  v: z.literal(1),
  /** Issued at, epoch seconds. */
  at: z.number().int().nonnegative(),
  /** Graph's nextLink (path and query) of the page to go on with; absent: the first page again. */
  link: z.string().min(1).optional(),
  /** The first page's `$top` when `link` is absent, so the first page is asked for again as it was. */
  top: z.number().int().positive().optional(),
  /** Items of that page already judged (handed out or dropped). */
  skip: z.number().int().nonnegative(),
  hidden: z.array(z.string()).optional(),
  visible: z.array(z.string()).optional(),
});
export type SearchCursor = z.infer<typeof searchCursorSchema>;

/** `search:` + base64url SHA-256 of the query's fields (not `cursor`, not `limit`) in key order. */
export function searchCollection(input: Record<string, unknown>): string {
  const canonical = Object.keys(input)
    .filter((key) => key !== 'cursor' && key !== 'limit' && input[key] !== undefined)
    .sort()
    .map((key) => [key, input[key]]);
  return `search:${createHash('sha256').update(JSON.stringify(canonical)).digest('base64url')}`;
}

function bindingOf(context: CommandContext, collection: string): StateBinding {
  return { tid: context.caller.tid, oid: context.caller.oid, collection };
}

function cursorInvalid(reason: string): FerryError {
  return new FerryError('search_state_invalid', { logReason: reason });
}

/** Opens a cursor for this user and query; any failure (and a cursor past FERRY_SEARCH_CURSOR_MIN) is 410 `search_state_invalid`. */
export async function openSearchCursor(context: CommandContext, token: string, collection: string): Promise<SearchCursor> {
  let cursor: SearchCursor;
  try {
    cursor = openState(token, bindingOf(context, collection), await context.keyRing(peekStateKeyId(token)), searchCursorSchema, 'cursor');
  } catch (error) {
    if (isFerryError(error) && error.code === 'sync_state_invalid') throw cursorInvalid(error.logReason ?? 'invalid');
    throw error;
  }
  if (toEpochSeconds(context.clock.now()) - cursor.at > context.config.FERRY_SEARCH_CURSOR_MIN * 60) throw cursorInvalid('expired');
  return cursor;
}

/** Seals a cursor; when the folder verdicts would make it too long, without them. */
export async function sealSearchCursor(context: CommandContext, collection: string, cursor: Omit<SearchCursor, 'v' | 'at'>): Promise<string> {
  const keyRing = await context.keyRing();
  const payload: SearchCursor = { v: 1, at: toEpochSeconds(context.clock.now()), ...cursor };
  try {
    return sealState(payload, bindingOf(context, collection), keyRing, searchCursorSchema, 'cursor');
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const { hidden: _hidden, visible: _visible, ...withoutVerdicts } = payload;
    return sealState(withoutVerdicts, bindingOf(context, collection), keyRing, searchCursorSchema, 'cursor');
  }
}
