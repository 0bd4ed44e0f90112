/**
 * How long one device command may spend waiting on Graph (FERRY_GRAPH_WAIT_BUDGET_MS), shared by all the
 * requests of one client. It counts wall-clock time during which at least one request is waiting, so four
 * parallel requests told "wait 2 s" spend 2 s of it, not 8 s. A wait that would overrun the budget or end
 * past the deadline is refused: the caller then passes Graph's advice on to the device instead of sleeping.
 */
export interface WaitBudget {
  /** Reserves a wait starting now; false (and nothing reserved) when it does not fit. */
  tryReserve(waitInMs: number, nowInMs: number): boolean;
  readonly spentInMs: number;
}

export interface WaitBudgetOptions {
  budgetInMs: number;
  /** Epoch ms no wait may end after. */
  deadline?: number;
}

export function createWaitBudget({ budgetInMs, deadline }: WaitBudgetOptions): WaitBudget {
  let spentInMs = 0;
  let waitingUntil = Number.NEGATIVE_INFINITY;
  return {
    tryReserve(waitInMs, nowInMs) {
      const end = nowInMs + waitInMs;
      if (deadline !== undefined && end > deadline) return false;
      const added = Math.max(0, end - Math.max(nowInMs, waitingUntil));
      if (spentInMs + added > budgetInMs) return false;
      spentInMs += added;
      waitingUntil = Math.max(waitingUntil, end);
      return true;
    },
    get spentInMs() {
      return spentInMs;
    },
  };
}
