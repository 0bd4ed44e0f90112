import { graphErrorRules, mapGraphError } from '../../../shared/graph/errorMap';
import { backoffForBudget, exponentialBackoffInMs } from '../../../shared/graph/exponentialBackoff';
import { parseRetryAfterInMs } from '../../../shared/graph/parseRetryAfter';
import { createWaitBudget } from '../../../shared/graph/waitBudget';

/* The arithmetic under the retry decision, to the millisecond (the mutation run found it pinned only by bounds). */
const now = Date.UTC(2025, 0, 1);

describe('parseRetryAfterInMs: what is not a Retry-After', () => {
  it.each(['x2', '2x', '2.', '.5', '01 Jan 2025 00:00:05 GMT', 'Wed, not a date', undefined, '   '])('%p -> undefined', (value) => {
    expect(parseRetryAfterInMs(value, now)).toBeUndefined();
  });

  it('reads an IMF-fixdate in the future to the millisecond, and rounds fractional seconds', () => {
    expect(parseRetryAfterInMs('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfterInMs('0.0004', now)).toBe(0);
    expect(parseRetryAfterInMs('0.0005', now)).toBe(1);
  });
});

describe('exponentialBackoffInMs', () => {
  it('draws below min(max, base * 2^n), floored, with the defaults 500 ms and 8 s', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => exponentialBackoffInMs(n, () => 0.5))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect(exponentialBackoffInMs(0, () => 0.9999)).toBe(499);
    expect(exponentialBackoffInMs(2, () => 0.5, { baseInMs: 10, maxInMs: 30 })).toBe(15);
    expect(exponentialBackoffInMs(1, () => 0.5, { baseInMs: 10 })).toBe(10);
  });

  it('starts at a tenth of the budget, floored, between 10 and 500 ms', () => {
    expect(backoffForBudget(1999)).toEqual({ baseInMs: 199, maxInMs: 8000 });
    expect(backoffForBudget(99)).toEqual({ baseInMs: 10, maxInMs: 8000 });
  });
});

describe('createWaitBudget', () => {
  it('counts overlapping waits once and allows exactly what is left', () => {
    const budget = createWaitBudget({ budgetInMs: 1000 });
    expect(budget.allowedWaitInMs(0)).toBe(1000);
    expect(budget.tryReserve(400, 0)).toBe(true);
    expect(budget.spentInMs).toBe(400);
    // 100 ms later, 300 ms of that wait are still reserved: a parallel wait may run to 1000 ms from 0.
    expect(budget.allowedWaitInMs(100)).toBe(900);
    expect(budget.tryReserve(500, 100)).toBe(true);
    expect(budget.spentInMs).toBe(600);
    expect(budget.allowedWaitInMs(600)).toBe(400);
    expect(budget.tryReserve(401, 600)).toBe(false);
    expect(budget.spentInMs).toBe(600);
    expect(budget.tryReserve(400, 600)).toBe(true);
    expect(budget.spentInMs).toBe(1000);
    expect(budget.allowedWaitInMs(2000)).toBe(0);
  });

  it('allows no wait past the deadline, negative once it has passed', () => {
    const budget = createWaitBudget({ budgetInMs: 10_000, deadlineInMs: 5000 });
    expect(budget.allowedWaitInMs(4000)).toBe(1000);
    expect(budget.allowedWaitInMs(6000)).toBe(-1000);
    expect(budget.tryReserve(1001, 4000)).toBe(false);
    expect(budget.tryReserve(1000, 4000)).toBe(true);
  });
});

describe('graphErrorRules', () => {
  it('cites a Microsoft page on every row', () => {
    for (const rule of graphErrorRules) expect(rule.doc).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\/\S+$/);
  });

  it.each([
    [399, undefined, 'upstream_error'],
    [418, undefined, 'upstream_error'],
    [600, undefined, 'upstream_error'],
    [400, 'errorinvalididmalformed', 'not_found'],
    [403, 'ErrorAccessDenied', 'forbidden'],
    [403, 'ErrorSomethingElse', 'upstream_error'],
    [500, 'MailboxNotEnabledForRESTAPI', 'mailbox_unavailable'],
  ])('%i %s -> %s', (status, graphCode, code) => {
    expect(mapGraphError(status, graphCode)).toBe(code);
  });
});
