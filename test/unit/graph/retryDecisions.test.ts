import fc from 'fast-check';
import { backoffForBudget, exponentialBackoffInMs } from '../../../shared/graph/retryStrategies/exponentialBackoff';
import { nonIdempotentRetryStrategy } from '../../../shared/graph/retryStrategies/nonIdempotentRetryStrategy';
import { parseRetryAfterInMs } from '../../../shared/graph/retryStrategies/parseRetryAfter';
import type { RetryInformation } from '../../../shared/graph/retryStrategies/retryStrategy';
import { throttlingRetryStrategy } from '../../../shared/graph/retryStrategies/throttlingRetryStrategy';
import { connectionFaultRetryStrategy } from '../../../shared/graph/retryStrategies/connectionFaultRetryStrategy';
import { mayHaveReachedGraph } from '../../../shared/graph/transport/transportError';
import { createWaitBudget } from '../../../shared/graph/waitBudget';

const now = Date.UTC(2025, 0, 1);
const info = (over: Partial<RetryInformation>): RetryInformation => ({ idempotent: true, retryCount: 0, faultCount: 0, nowInMs: now, ...over });
const status = (code: number, headers: Record<string, string> = {}) => ({ response: { status: code, headers } });

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

describe('strategies', () => {
  const throttling = throttlingRetryStrategy({ random: () => 0.5 });
  const transport = connectionFaultRetryStrategy({ random: () => 0.5 });
  const nonIdempotent = nonIdempotentRetryStrategy();

  it('throttling claims 429/503/504 only', () => {
    expect(throttling.retry(info(status(429, { 'retry-after': '2' })))).toEqual({ retryAfterInMs: 2000 });
    expect(throttling.retry(info(status(503)))).toEqual({ retryAfterInMs: 250 });
    expect(throttling.retry(info(status(504)))).toEqual({ retryAfterInMs: 250 });
    for (const code of [200, 400, 404, 500, 502]) expect(throttling.retry(info(status(code)))).toBe('not-mine');
    expect(throttling.retry(info({ transportError: { code: 'ECONNRESET', mayHaveReachedGraph: true } }))).toBe('not-mine');
    expect(throttling.retry(info({ ...status(429), retryCount: 5 }))).toBe('give-up');
  });

  it('connection faults (network failure or broken body) are retried once in all', () => {
    const error = { code: 'ECONNRESET', mayHaveReachedGraph: true };
    const broken = { response: { status: 200, headers: {}, brokenBody: true } };
    expect(transport.retry(info({ transportError: error, faultCount: 1 }))).toEqual({ retryAfterInMs: 250 });
    expect(transport.retry(info({ transportError: error, faultCount: 2 }))).toBe('give-up');
    expect(transport.retry(info({ ...broken, faultCount: 1 }))).toEqual({ retryAfterInMs: 250 });
    expect(transport.retry(info({ ...broken, faultCount: 2 }))).toBe('give-up');
    expect(transport.retry(info(status(503)))).toBe('not-mine');
    expect(transport.retry(info(status(200)))).toBe('not-mine');
  });

  it('non-idempotent gives up once Graph may have acted, and claims nothing else', () => {
    const notIdempotent = (over: Partial<RetryInformation>) => info({ idempotent: false, ...over });
    expect(nonIdempotent.retry(notIdempotent(status(503)))).toBe('give-up');
    expect(nonIdempotent.retry(notIdempotent(status(504)))).toBe('give-up');
    expect(nonIdempotent.retry(notIdempotent({ transportError: { code: 'ETIMEDOUT', mayHaveReachedGraph: true } }))).toBe('give-up');
    expect(nonIdempotent.retry(notIdempotent({ response: { status: 201, headers: {}, brokenBody: true } }))).toBe('give-up');
    expect(nonIdempotent.retry(notIdempotent(status(201)))).toBe('not-mine');
    expect(nonIdempotent.retry(notIdempotent(status(429)))).toBe('not-mine');
    expect(nonIdempotent.retry(notIdempotent({ transportError: { code: 'ECONNREFUSED', mayHaveReachedGraph: false } }))).toBe('not-mine');
    expect(nonIdempotent.retry(info(status(503)))).toBe('not-mine');
  });

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
    const budget = createWaitBudget({ budgetInMs: 60_000, deadline: 10_000 });
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
});
