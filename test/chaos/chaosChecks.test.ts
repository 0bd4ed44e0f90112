import { attemptProblems, answerProblems, coverageProblems } from './chaosChecks';
import type { AnswerRecord } from '../device/referenceDevice';
import type { FaultStatsSnapshot } from '../../dev/graphSim/core/faults/faultStats';

/** The chaos suite's checks must be able to fail: each is fed a case it has to reject. */
const answer = (over: Partial<AnswerRecord>): AnswerRecord => ({
  command: 'mail/sync',
  status: 200,
  contentType: 'application/json; charset=utf-8',
  retryAfterHeader: null,
  durationInMs: 30,
  ...over,
});
const problem = { contentType: 'application/problem+json' };

describe('answerProblems', () => {
  it('passes answers that keep the rules', () => {
    expect(
      answerProblems([
        answer({}),
        answer({ status: 429, code: 'throttled', retryAfterHeader: '1', retryAfterField: 1, ...problem }),
        answer({ status: 502, code: 'outcome_unknown', ...problem }),
        answer({ status: 410, code: 'sync_state_invalid', ...problem }),
      ]),
    ).toEqual([]);
  });

  it.each([
    ['a 500', answer({ status: 500, code: 'internal_error', ...problem }), '500'],
    ['no Retry-After on a 503', answer({ status: 503, code: 'upstream_unavailable', ...problem }), 'is not whole seconds'],
    ['a fractional Retry-After', answer({ status: 429, code: 'throttled', retryAfterHeader: '0.5', retryAfterField: 0.5, ...problem }), 'is not whole seconds'],
    ['a Retry-After of 0', answer({ status: 429, code: 'throttled', retryAfterHeader: '0', retryAfterField: 0, ...problem }), 'is not whole seconds'],
    ['retryAfter unlike the header', answer({ status: 429, code: 'throttled', retryAfterHeader: '2', retryAfterField: 1, ...problem }), 'differs'],
    ['a code the table lacks', answer({ status: 409, code: 'no_such_code', ...problem }), 'not in the device rule table'],
    ['a code with another status', answer({ status: 400, code: 'throttled', ...problem }), 'not in the device rule table'],
    ['an error that is not problem+json', answer({ status: 404, code: 'not_found', contentType: 'text/html' }), 'not problem+json'],
    ['a slow answer', answer({ durationInMs: 4001 }), 'took 4001 ms'],
    ['no answer', answer({ status: 'none' }), 'no answer'],
  ])('flags %s', (_name, record, message) => {
    expect(answerProblems([record]).join('\n')).toContain(message);
  });
});

describe('attemptProblems', () => {
  it('allows throttling retries and one retry after a connection fault', () => {
    expect(
      attemptProblems({
        a: { method: 'GET', idempotent: true, outcomes: ['status429', 'status503', 'resetAfterApply', 'ok'] },
        b: { method: 'GET', idempotent: true, outcomes: ['hang', 'hang'] },
        c: { method: 'POST', idempotent: false, outcomes: ['status429', 'ok'] },
        d: { method: 'POST', idempotent: false, outcomes: ['cutBody'] },
      }),
    ).toEqual([]);
  });

  it('flags a second repeat after connection faults, and any repeat of a write whose outcome was unknown', () => {
    const problems = attemptProblems({
      a: { method: 'GET', idempotent: true, outcomes: ['cutBody', 'resetBeforeApply', 'ok'] },
      b: { method: 'POST', idempotent: false, outcomes: ['status504', 'ok'] },
      c: { method: 'POST', idempotent: false, outcomes: ['resetAfterApply', 'ok'] },
    });
    expect(problems).toHaveLength(3);
  });
});

describe('coverageProblems', () => {
  const stats = (faulted: number, missing: string[] = []): FaultStatsSnapshot => ({
    requests: 100,
    faulted,
    byKind: Object.fromEntries(
      ['status429', 'status503', 'status504', 'resetBeforeApply', 'resetAfterApply', 'cutBody', 'dropMidBody', 'hang', 'syncStateNotFound'].map((k) => [k, missing.includes(k) ? 0 : 1]),
    ) as FaultStatsSnapshot['byKind'],
    items: 0,
    faultedItems: 0,
    itemsByKind: { status429: 0, status503: 0, status504: 0 },
    attempts: {},
  });

  it('wants 20% faulted and every kind seen', () => {
    expect(coverageProblems(stats(20))).toEqual([]);
    expect(coverageProblems(stats(19))).toEqual(['19 of 100 requests faulted (19.0% < 20%)']);
    expect(coverageProblems(stats(30, ['hang']))).toEqual(['no hang fault was seen']);
  });
});
