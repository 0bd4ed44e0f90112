import type { Clock } from '../../../../shared/clock';

export interface FakeClock extends Clock {
  /** Every sleep, with the clock time it started at. Sleeps resolve at once and advance `now`. */
  readonly sleeps: { at: number; ms: number }[];
  advance(ms: number): void;
}

export const startOfTest = Date.UTC(2025, 0, 1, 12, 0, 0);

/** A clock whose time moves only when told to (or by a sleep, which resolves immediately). */
export function createFakeClock(start = startOfTest): FakeClock {
  let now = start;
  const sleeps: { at: number; ms: number }[] = [];
  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push({ at: now, ms });
      now += ms;
    },
  };
}
