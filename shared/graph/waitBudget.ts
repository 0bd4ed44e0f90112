/**
 * How long one device command may spend waiting on Graph (FERRY_GRAPH_WAIT_BUDGET_MS), shared by all the
 * requests of one client. It counts wall-clock time during which at least one request is waiting, so four
 * parallel requests told "wait 2 s" spend 2 s of it, not 8 s. A wait that would overrun the budget or end
 * past the deadline is refused: the caller then passes Graph's advice on to the device instead of sleeping.
 */
export interface WaitBudget {
  /** The longest wait starting at `nowInMs` that fits the budget and ends by the deadline (may be negative past it). */
  allowedWaitInMs(nowInMs: number): number;
  /** Reserves a wait starting now; false (and nothing reserved) when it does not fit. */
  tryReserve(waitInMs: number, nowInMs: number): boolean;
  readonly spentInMs: number;
}

export interface WaitBudgetOptions {
  budgetInMs: number;
  /** Epoch ms no wait may end after (the command's deadline). */
  deadlineInMs?: number;
}

export function createWaitBudget({ budgetInMs, deadlineInMs }: WaitBudgetOptions): WaitBudget {
  let spentInMs = 0;
  let waitingUntil = Number.NEGATIVE_INFINITY;
  const allowedWaitInMs = (nowInMs: number) => {
    // Time already reserved by an overlapping wait costs nothing more.
    const byBudget = Math.max(0, waitingUntil - nowInMs) + budgetInMs - spentInMs;
    return deadlineInMs === undefined ? byBudget : Math.min(byBudget, deadlineInMs - nowInMs);
  };
  return {
    allowedWaitInMs,
    tryReserve(waitInMs, nowInMs) {
      if (waitInMs > allowedWaitInMs(nowInMs)) return false;
      const end = nowInMs + waitInMs;
      spentInMs += Math.max(0, end - Math.max(nowInMs, waitingUntil));
      waitingUntil = Math.max(waitingUntil, end);
      return true;
    },
    get spentInMs() {
      return spentInMs;
    },
  };
}
