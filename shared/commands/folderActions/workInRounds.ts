import { isFerryError } from '../../protocol/ferryError';
import type { CommandContext } from '../../runtime/commandContext';
import { pullingShareOfSyncBudget } from '../../sync/defineSyncCommand';

/** What one round of a bulk folder action did: items done, a failure that stops it, or nothing left. */
export interface RoundResult {
  readonly done: number;
  /** Nothing is left to do. */
  readonly finished: boolean;
  /** An item failed for a reason the next call may not escape (throttled, refused...). */
  readonly failure?: unknown;
}

/**
 * Runs rounds (list the first page of what is left, then act on it in `$batch`) within the command's
 * time budget: a new round starts only before the share of `FERRY_SYNC_BUDGET_MS` a sync spends pulling,
 * and never past the deadline, so the answer leaves in time. Always the first page: each round shrinks
 * the set, and a skip-based nextLink would step over what is left.
 * `more: true` when time ran out, a round failed after something was done, or an item failed; with
 * nothing done at all the failure goes to the device as it is (its rule: wait, back off, show).
 */
export async function workInRounds(context: CommandContext, round: () => Promise<RoundResult>): Promise<{ done: number; more: boolean; rounds: number }> {
  const stopStartingAtInMs = Math.min(context.clock.now() + context.config.FERRY_SYNC_BUDGET_MS * pullingShareOfSyncBudget, context.deadlineInMs);
  let done = 0;
  let rounds = 0;
  do {
    let result: RoundResult;
    try {
      result = await round();
    } catch (error) {
      if (done > 0 && isFerryError(error)) return { done, more: true, rounds };
      throw error;
    }
    rounds++;
    done += result.done;
    if (result.failure !== undefined) {
      if (done === 0) throw result.failure;
      return { done, more: true, rounds };
    }
    if (result.finished) return { done, more: false, rounds };
  } while (context.clock.now() < stopStartingAtInMs);
  return { done, more: true, rounds };
}
