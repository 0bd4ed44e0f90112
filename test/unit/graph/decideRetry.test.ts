import fc from 'fast-check';
import { decideRetry, type AttemptCount, type AttemptOutcome } from '../../../shared/graph/decideRetry';
import { backoffForBudget, exponentialBackoffInMs } from '../../../shared/graph/exponentialBackoff';
import { parseRetryAfterInMs } from '../../../shared/graph/parseRetryAfter';
import { mayHaveReachedGraph } from '../../../shared/graph/transport/transportError';
import { createWaitBudget } from '../../../shared/graph/waitBudget';

const now = Date.UTC(2025, 0, 1);

describe('parseRetryAfterInMs', () => {
  it.each([
    ['2', 2000],
    ['2.128', 2128],
    [' 0 ', 0],
    ['120', 120_000],
    [new Date(now + 5000).toUTCString(), 5000],
    [new Date(now - 5000).toUTCString(), 0],
    ['', undefined],
    ['-1', undefined],
    ['soon', undefined],
    ['1e3', undefined],
  ])('%p -> %p', (value, expected) => {
    expect(parseRetryAfterInMs(value, now)).toBe(expected);
  });
});

describe('exponentialBackoffInMs', () => {
  it('stays within [0, min(8000, 500 * 2^n))', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retryCount, random) => {
        const wait = exponentialBackoffInMs(retryCount, () => random);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(Math.min(8000, 500 * 2 ** retryCount));
      }),
    );
  });
});

describe('backoffForBudget', () => {
  it.each([
    [5000, 500],
    [60_000, 500],
    [1000, 100],
    [0, 10],
  ])('a wait budget of %i ms starts backing off below %i ms', (budget, base) => {
    expect(backoffForBudget(budget)).toEqual({ baseInMs: base, maxInMs: 8000 });
  });
});

describe('decideRetry: one row per case', () => {
  const budget = { allowedWaitInMs: 5000, backoff: backoffForBudget(5000) };
  const answer = (code: number, headers: Record<string, string> = {}, brokenBody?: boolean): AttemptOutcome => ({ response: { status: code, headers, ...(brokenBody ? { brokenBody } : {}) } });
  const fault = (code: string, mayHaveReachedGraph: boolean, byDeadline?: boolean): AttemptOutcome => ({ transportError: { code, mayHaveReachedGraph, ...(byDeadline ? { byDeadline } : {}) } });
  const claims = { 'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ=="' };
  const retry = (waitInMs: number, reason: string, freshToken = false) => ({ retry: true, waitInMs, reason, freshToken });
  const stop = (reason: string, retryAfterInMs?: number) => (retryAfterInMs === undefined ? { retry: false, reason } : { retry: false, reason, retryAfterInMs });
  type Row = [string, boolean, AttemptOutcome, Partial<AttemptCount>, Partial<typeof budget>, unknown];

  // [case, idempotent, outcome, attempt (number, faultCount, unauthorizedCount), allowance, decision]
  const rows: Row[] = [
    ['429 with Retry-After: 2', true, answer(429, { 'retry-after': '2' }), {}, {}, retry(2000, 'throttled')],
    ['429, not idempotent (Graph did not act)', false, answer(429, { 'retry-after': '2' }), {}, {}, retry(2000, 'throttled')],
    ['503 without Retry-After: backoff', true, answer(503), {}, {}, retry(250, 'throttled')],
    ['503, not idempotent', false, answer(503, { 'retry-after': '1' }), {}, {}, stop('outcome_unknown')],
    ['504 without Retry-After: backoff', true, answer(504), {}, {}, retry(250, 'throttled')],
    ['504, not idempotent', false, answer(504), {}, {}, stop('outcome_unknown')],
    ['Retry-After with a fraction', true, answer(429, { 'retry-after': '2.128' }), {}, {}, retry(2128, 'throttled')],
    ['Retry-After as an HTTP-date', true, answer(503, { 'retry-after': new Date(now + 3000).toUTCString() }), {}, {}, retry(3000, 'throttled')],
    ['Retry-After missing, third attempt: backoff grows', true, answer(429), { number: 3 }, {}, retry(1000, 'throttled')],
    ['Retry-After unreadable: backoff', true, answer(429, { 'retry-after': 'soon' }), {}, {}, retry(250, 'throttled')],
    ['429 on the 6th attempt: the 5th retry was the last', true, answer(429, { 'retry-after': '0' }), { number: 6 }, {}, stop('retries_spent')],
    ['429 on the 5th attempt: one retry left', true, answer(429, { 'retry-after': '0' }), { number: 5 }, {}, retry(0, 'throttled')],
    ['429 whose wait overruns the budget', true, answer(429, { 'retry-after': '10' }), {}, {}, stop('wait_refused', 10_000)],
    ['429 whose wait uses the allowance to the millisecond', true, answer(429, { 'retry-after': '2' }), {}, { allowedWaitInMs: 2000 }, retry(2000, 'throttled')],
    ['429 whose wait passes the allowance by one millisecond', true, answer(429, { 'retry-after': '2' }), {}, { allowedWaitInMs: 1999 }, stop('wait_refused', 2000)],
    ['503 whose wait ends past the deadline', true, answer(503, { 'retry-after': '2' }), {}, { allowedWaitInMs: 1500 }, stop('wait_refused', 2000)],
    ['refused (nothing sent), not idempotent', false, fault('ECONNREFUSED', false), { faultCount: 1 }, {}, retry(250, 'transient')],
    ['DNS failure, second fault', true, fault('ENOTFOUND', false), { faultCount: 2 }, {}, stop('retries_spent')],
    ['reset after bytes were sent', true, fault('ECONNRESET', true), { faultCount: 1 }, {}, retry(250, 'transient')],
    ['reset after bytes were sent, not idempotent', false, fault('ECONNRESET', true), { faultCount: 1 }, {}, stop('outcome_unknown')],
    ['timeout, second fault', true, fault('ETIMEDOUT', true), { faultCount: 2 }, {}, stop('retries_spent')],
    ['reset whose backoff the budget refuses', true, fault('ECONNRESET', true), { faultCount: 1 }, { allowedWaitInMs: 100 }, stop('wait_refused', 250)],
    ['2xx with a broken body', true, answer(200, {}, true), { faultCount: 1 }, {}, retry(250, 'transient')],
    ['2xx with a broken body, not idempotent (it was written)', false, answer(201, {}, true), { faultCount: 1 }, {}, stop('outcome_unknown')],
    ['2xx with a broken body after a reset (one fault retry in all)', true, answer(200, {}, true), { faultCount: 2 }, {}, stop('retries_spent')],
    ['no time left to start an attempt', false, fault('DEADLINE', false, true), { faultCount: 1 }, {}, stop('deadline')],
    ['attempt cut short by the deadline', true, fault('DEADLINE', true, true), { faultCount: 1 }, {}, stop('deadline')],
    ['answer too large', true, fault('ERR_ANSWER_TOO_LARGE', true), { faultCount: 1 }, {}, stop('answer_too_large')],
    ['first 401: at once, with a fresh token, even not idempotent', false, answer(401), { unauthorizedCount: 1 }, {}, retry(0, 'unauthorized', true)],
    ['second 401', true, answer(401), { unauthorizedCount: 2 }, {}, stop('retries_spent')],
    ['401 with a claims challenge', true, answer(401, claims), { unauthorizedCount: 1 }, {}, stop('claims_challenge')],
    ['200', true, answer(200), {}, {}, stop('final_answer')],
    ['201, not idempotent', false, answer(201), {}, {}, stop('final_answer')],
    ['404', true, answer(404), {}, {}, stop('final_answer')],
    ['500', true, answer(500), {}, {}, stop('final_answer')],
    ['502', true, answer(502), {}, {}, stop('final_answer')],
  ];

  it.each(rows)('%s', (_case, idempotent, outcome, attempt, allowance, expected) => {
    const count: AttemptCount = { number: 1, faultCount: 0, unauthorizedCount: 0, nowInMs: now, jitter: 0.5, ...attempt };
    // Strict: a stop without advice carries no `retryAfterInMs` key at all.
    expect(decideRetry({ idempotent }, outcome, count, { ...budget, ...allowance })).toStrictEqual(expected);
  });

  it('is pure: the same facts give the same decision, whatever was decided before', () => {
    const count: AttemptCount = { number: 2, faultCount: 1, unauthorizedCount: 0, nowInMs: now, jitter: 0.25 };
    const decisions = rows.map(([, idempotent, outcome]) => decideRetry({ idempotent }, outcome, count, budget));
    expect(rows.map(([, idempotent, outcome]) => decideRetry({ idempotent }, outcome, count, budget))).toEqual(decisions);
  });
});

describe('mayHaveReachedGraph', () => {
  it.each([
    ['ECONNREFUSED', false],
    ['ENOTFOUND', false],
    ['EAI_AGAIN', false],
    ['CERT_HAS_EXPIRED', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', false],
    ['ERR_SSL_WRONG_VERSION_NUMBER', false],
    ['ECONNRESET', true],
    ['ETIMEDOUT', true],
    ['ECONNABORTED', true],
    ['UNKNOWN', true],
  ])('%s may have reached Graph: %p', (code, expected) => {
    expect(mayHaveReachedGraph(code)).toBe(expected);
  });
});

describe('wait budget', () => {
  it('counts overlapping waits once', () => {
    const budget = createWaitBudget({ budgetInMs: 5000 });
    expect(budget.tryReserve(2000, 0)).toBe(true);
    expect(budget.tryReserve(2000, 0)).toBe(true);
    expect(budget.tryReserve(2000, 1000)).toBe(true);
    expect(budget.spentInMs).toBe(3000);
    expect(budget.tryReserve(2500, 3000)).toBe(false);
    expect(budget.spentInMs).toBe(3000);
    expect(budget.tryReserve(2000, 3000)).toBe(true);
    expect(budget.spentInMs).toBe(5000);
  });

  it('refuses a wait that ends past the deadline', () => {
    const budget = createWaitBudget({ budgetInMs: 60_000, deadlineInMs: 10_000 });
    expect(budget.tryReserve(1000, 9500)).toBe(false);
    expect(budget.tryReserve(500, 9500)).toBe(true);
  });

  it('never lets reserved time exceed the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10_000), fc.nat(3000))), fc.nat(10_000), (waits, budgetInMs) => {
        const budget = createWaitBudget({ budgetInMs });
        let clock = 0;
        for (const [wait, gap] of waits) {
          clock += gap;
          budget.tryReserve(wait, clock);
          expect(budget.spentInMs).toBeLessThanOrEqual(budgetInMs);
        }
      }),
    );
  });

  it('allows exactly the waits it would reserve (allowedWaitInMs agrees with tryReserve)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10_000), fc.nat(3000))), fc.nat(10_000), fc.option(fc.nat(30_000)), (waits, budgetInMs, deadlineInMs) => {
        const budget = createWaitBudget({ budgetInMs, deadlineInMs: deadlineInMs ?? undefined });
        let clock = 0;
        for (const [wait, gap] of waits) {
          clock += gap;
          const allowed = budget.allowedWaitInMs(clock);
          expect(budget.tryReserve(wait, clock)).toBe(wait <= allowed);
        }
      }),
    );
  });
});
