import { FerryError } from '../../protocol/ferryError';
import { toRetryAfterSeconds } from '../../protocol/problem';
import type { ItemResult } from '../../protocol/schemas/mailActions';
import type { BatchResult } from '../../graph/graphRequest';

/**
 * One id's result from its failure: `not_found` for an id this mailbox does not have (unknown, deleted
 * for good, or another user's: Graph's 404 ErrorItemNotFound / ErrorInvalidMailboxItemId), else
 * `failed` with the error's device code and, when Graph advised a wait (throttled past the wait
 * budget, Graph unavailable), `retryAfter` in whole seconds. Pure.
 */
export function failedItem(id: string, error: unknown): ItemResult {
  if (!(error instanceof FerryError)) throw error;
  if (error.code === 'not_found') return { id, status: 'not_found' };
  const retryAfter = error.retryAfterInMs === undefined ? {} : { retryAfter: toRetryAfterSeconds(error.retryAfterInMs) };
  return { id, status: 'failed', code: error.code, ...retryAfter };
}

/** One id's result from a `$batch` item that carries no information besides its success. Pure. */
export function plainItem(id: string, result: BatchResult): ItemResult {
  return result.ok ? { id, status: 'ok' } : failedItem(id, result.error);
}

/**
 * A move's result: the folder the message is in now (the answer's `parentFolderId`) and, should Graph
 * ever answer another id (immutable ids never change on a move), `newId`. Pure.
 */
export function movedItem(id: string, result: BatchResult): ItemResult {
  if (!result.ok) return failedItem(id, result.error);
  const moved = (result.response.body ?? {}) as { id?: unknown; parentFolderId?: unknown };
  return {
    id,
    status: 'ok',
    ...(typeof moved.parentFolderId === 'string' && moved.parentFolderId !== '' ? { folderId: moved.parentFolderId } : {}),
    ...(typeof moved.id === 'string' && moved.id !== '' && moved.id !== id ? { newId: moved.id } : {}),
  };
}

/** Counts of results by status, for the command's one log line (ids and content never logged). */
export function countResults(results: readonly ItemResult[]): Record<string, number> {
  const counts: Record<string, number> = { ok: 0, not_found: 0, failed: 0 };
  for (const result of results) counts[result.status ?? 'ok'] = (counts[result.status ?? 'ok'] ?? 0) + 1;
  return counts;
}
