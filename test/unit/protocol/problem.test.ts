import { errorCodes } from '../../../shared/protocol/errorCodes';
import { FerryError, isFerryError } from '../../../shared/protocol/ferryError';
import { problemContentType, toProblem, toRetryAfterSeconds } from '../../../shared/protocol/problem';
import { defaultProblemTypeBase } from '../../../shared/protocol/problemTypeBase';

describe('toRetryAfterSeconds', () => {
  it.each([
    [0, 1],
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [2500, 3],
    [30_000, 30],
  ])('%i ms -> %i s (whole seconds, rounded up, never 0)', (ms, seconds) => {
    expect(toRetryAfterSeconds(ms)).toBe(seconds);
  });
});

describe('toProblem', () => {
  it('is served as RFC 9457 problem JSON', () => {
    expect(problemContentType).toBe('application/problem+json');
  });

  it('gives the type, the code’s title and status, the code and the request id, and no more', () => {
    const answer = toProblem(new FerryError('not_found'), 'req-1');
    expect(answer).toEqual({
      status: 404,
      headers: {},
      body: { type: `${defaultProblemTypeBase}not_found`, title: errorCodes.not_found.title, status: 404, code: 'not_found', requestId: 'req-1' },
    });
  });

  it('builds the type on the configured base', () => {
    expect(toProblem(new FerryError('bad_request'), 'r', 'https://example.test/problems/').body.type).toBe('https://example.test/problems/bad_request');
  });

  it('passes the detail on, except for internal_error', () => {
    expect(toProblem(new FerryError('bad_request', { detail: 'Say why.' }), 'r').body.detail).toBe('Say why.');
    expect(toProblem(new FerryError('internal_error', { detail: 'a stack' }), 'r').body).not.toHaveProperty('detail');
  });

  it('puts Retry-After in the body and the headers, in whole seconds, and keeps the error’s own headers', () => {
    const error = new FerryError('throttled', { retryAfterInMs: 1500, headers: { 'x-extra': 'yes' } });
    const answer = toProblem(error, 'r');
    expect(answer.body.retryAfter).toBe(2);
    expect(answer.headers).toEqual({ 'x-extra': 'yes', 'retry-after': '2' });
    expect(error.headers).toEqual({ 'x-extra': 'yes' }); // not changed
    expect(toProblem(new FerryError('throttled', { retryAfterInMs: 0 }), 'r').headers).toEqual({ 'retry-after': '1' });
  });
});

describe('FerryError', () => {
  it('carries its code, status, options and a message that is the detail or the title', () => {
    const cause = new Error('inner');
    const error = new FerryError('throttled', { detail: 'd', retryAfterInMs: 5, headers: { a: 'b' }, logReason: 'why', cause });
    expect(error).toMatchObject({ name: 'FerryError', code: 'throttled', status: 429, detail: 'd', message: 'd', retryAfterInMs: 5, headers: { a: 'b' }, logReason: 'why', cause });
    const bare = new FerryError('not_found');
    expect(bare).toMatchObject({ message: errorCodes.not_found.title, headers: {}, detail: undefined, logReason: undefined, cause: undefined });
    expect(isFerryError(bare)).toBe(true);
    expect(isFerryError(new Error('x'))).toBe(false);
  });
});
