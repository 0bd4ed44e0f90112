import { findUser } from '../../directory';

/**
 * Makes chosen Graph calls slow, for tests of Ferry's time budget ("delta pages take 2.3 s and 6 s in
 * turn"). The Nth request that matches waits `delaysInMs[N]` on the simulator's clock while it holds its
 * mailbox slot, then runs; after the last value the list starts again (`afterLast: 'cycle'`, default) or
 * its last value stays (`'repeatLast'`). A request is counted when it gets its slot, so one answered
 * 429 by throttling, `throttleNext` or a fault takes no turn.
 */
export interface LatencySchedule {
  /**
   * Operation kind as `state.stats.byOperation` names it (`messages.delta`, `mailFolders.list`, ...).
   * Default: every routed operation, plain requests and `$batch` items alike. `batch` matches only a
   * `$batch` as a whole (its items then wait by their own schedules as well).
   */
  operation?: string;
  /** Only this user's requests (oid or UPN). Default: anyone's. */
  oid?: string;
  /** Milliseconds each matching request waits, in turn; at least one value, each 0 or more. */
  delaysInMs: readonly number[];
  /** What follows the last value. Default `cycle`. */
  afterLast?: 'cycle' | 'repeatLast';
}

/** A schedule as it runs: `taken` is how many matching requests it has delayed so far. */
export interface ActiveLatencySchedule extends LatencySchedule {
  taken: number;
}

/** The schedules in force; the first that matches a request gives its delay. */
export class LatencySchedules {
  private schedules: ActiveLatencySchedule[] = [];

  constructor(initial?: LatencySchedule | readonly LatencySchedule[]) {
    this.replace(initial);
  }

  /** Replaces every schedule (counts start at 0); throws RangeError for a malformed one and keeps the old ones. */
  replace(input: LatencySchedule | readonly LatencySchedule[] | null | undefined): void {
    const list = input === undefined || input === null ? [] : Array.isArray(input) ? input : [input as LatencySchedule];
    this.schedules = list.map(toActiveSchedule);
  }

  /** Copies of the schedules with their counts (what the admin listener shows). */
  snapshot(): ActiveLatencySchedule[] {
    return this.schedules.map((s) => ({ ...s, delaysInMs: [...s.delaysInMs] }));
  }

  /** The delay of one request of `oid` for `operation`, taking its turn; 0 when no schedule matches. */
  take(oid: string, operation: string): number {
    const schedule = this.schedules.find((s) => (s.oid === undefined || s.oid === oid) && (s.operation === undefined ? operation !== 'batch' : s.operation === operation));
    if (!schedule) return 0;
    const turn = schedule.taken++;
    const count = schedule.delaysInMs.length;
    return schedule.delaysInMs[schedule.afterLast === 'repeatLast' ? Math.min(turn, count - 1) : turn % count]!;
  }
}

function toActiveSchedule(raw: LatencySchedule): ActiveLatencySchedule {
  if (typeof raw !== 'object' || raw === null) throw new RangeError('a latency schedule is an object with delaysInMs');
  const { operation, oid, delaysInMs, afterLast } = raw;
  if (!Array.isArray(delaysInMs) || delaysInMs.length === 0 || !delaysInMs.every((d) => typeof d === 'number' && Number.isFinite(d) && d >= 0)) {
    throw new RangeError('delaysInMs must be a non-empty list of numbers of 0 or more');
  }
  if (operation !== undefined && typeof operation !== 'string') throw new RangeError('operation must be a string');
  if (oid !== undefined && typeof oid !== 'string') throw new RangeError('oid must be a string');
  if (afterLast !== undefined && afterLast !== 'cycle' && afterLast !== 'repeatLast') throw new RangeError("afterLast must be 'cycle' or 'repeatLast'");
  return {
    ...(operation === undefined ? {} : { operation }),
    ...(oid === undefined ? {} : { oid: findUser(oid)?.oid ?? oid }),
    delaysInMs: [...delaysInMs],
    ...(afterLast === undefined ? {} : { afterLast }),
    taken: 0,
  };
}
