import { workInRounds, type RoundResult } from '../../../shared/commands/folderActions/workInRounds';
import { loadConfig } from '../../../shared/config';
import { FerryError } from '../../../shared/protocol/ferryError';
import type { CommandContext } from '../../../shared/runtime/commandContext';

/**
 * The round loop of folders/markRead and folders/empty: rounds until nothing is left, no new round
 * past 60% of the command budget (`more: true`), a failure after progress is `more: true`, before any
 * it goes to the device. The clock is a counter each round moves on.
 */
describe('workInRounds', () => {
  const budgetInMs = 1000;
  function context(): CommandContext & { advance(ms: number): void } {
    let now = 10_000;
    return {
      config: loadConfig({ FERRY_SYNC_BUDGET_MS: String(budgetInMs) }),
      clock: { now: () => now, sleep: async () => undefined },
      deadlineInMs: now + budgetInMs,
      advance: (ms: number) => void (now += ms),
    } as unknown as CommandContext & { advance(ms: number): void };
  }
  const rounds = (c: ReturnType<typeof context>, results: RoundResult[], msEach = 100) => {
    let index = 0;
    return async () => {
      c.advance(msEach);
      const result = results[index++];
      if (!result) throw new Error('one round too many');
      return result;
    };
  };

  it('runs rounds until nothing is left', async () => {
    const c = context();
    await expect(workInRounds(c, rounds(c, [{ done: 100, finished: false }, { done: 7, finished: true }]))).resolves.toEqual({ done: 107, more: false, rounds: 2 });
  });

  it('starts no round past 60% of the budget, and says more', async () => {
    const c = context();
    const many = Array.from({ length: 20 }, () => ({ done: 10, finished: false }));
    await expect(workInRounds(c, rounds(c, many, 250))).resolves.toEqual({ done: 30, more: true, rounds: 3 });
  });

  it('answers more after an item failure that follows progress, and the failure itself before any', async () => {
    const throttled = new FerryError('throttled', { retryAfterInMs: 2000 });
    const c1 = context();
    await expect(workInRounds(c1, rounds(c1, [{ done: 20, finished: false }, { done: 3, finished: false, failure: throttled }]))).resolves.toEqual({ done: 23, more: true, rounds: 2 });
    const c2 = context();
    await expect(workInRounds(c2, rounds(c2, [{ done: 0, finished: false, failure: throttled }]))).rejects.toBe(throttled);
  });

  it('answers more when a listing fails after progress; before any, the device gets the error; a bug is never swallowed', async () => {
    const unavailable = new FerryError('upstream_unavailable', { retryAfterInMs: 2000 });
    const c1 = context();
    let call = 0;
    const failSecond = async (): Promise<RoundResult> => {
      if (call++ === 0) return { done: 5, finished: false };
      throw unavailable;
    };
    await expect(workInRounds(c1, failSecond)).resolves.toEqual({ done: 5, more: true, rounds: 1 });
    await expect(workInRounds(context(), async () => Promise.reject(unavailable))).rejects.toBe(unavailable);
    let first = true;
    const bug = new TypeError('bug');
    await expect(workInRounds(context(), async () => (first ? ((first = false), { done: 1, finished: false }) : Promise.reject(bug)))).rejects.toBe(bug);
  });
});
