import { exponentialBackoffInMs, type ExponentialBackoffOptions } from './exponentialBackoff';
import { parseRetryAfterInMs } from './parseRetryAfter';
import { readClaimsChallenge } from './graphErrors';

/** Throttling retries (429/503/504) per logical request before giving up even within the budget. */
export const maxThrottlingRetries = 5;
/** Connection faults (network failures and broken 2xx bodies) retried per logical request: a second one is an outage. */
export const maxFaultRetries = 1;
/** Graph 401s answered with a fresh on-behalf-of token: a second refusal is not a stale token. */
export const maxUnauthorizedRetries = 1;

/** What one attempt got: Graph's answer, or a network failure (Graph did not answer). */
export type AttemptOutcome =
  | {
      /** `brokenBody`: a 2xx whose body was cut, not JSON or off-schema (Graph acted; its answer is lost). */
      readonly response: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly brokenBody?: boolean };
      readonly transportError?: undefined;
    }
  | {
      readonly response?: undefined;
      /** `byDeadline`: the command's deadline stopped the attempt, or left no time to start it. */
      readonly transportError: { readonly code: string; readonly mayHaveReachedGraph: boolean; readonly byDeadline?: boolean };
    };

export interface AttemptCount {
  /** 1 for the first attempt of the logical request. */
  readonly number: number;
  /** Connection faults so far, this attempt's included. */
  readonly faultCount: number;
  /** Graph 401s so far, this attempt's included. */
  readonly unauthorizedCount: number;
  /** Clock time after the attempt, for HTTP-date Retry-After values. */
  readonly nowInMs: number;
  /** A draw in [0, 1) for the backoff's jitter (the caller draws it, so this function stays pure). */
  readonly jitter: number;
}

export interface RetryAllowance {
  /** The longest wait starting now that the command's wait budget and deadline allow (see WaitBudget). */
  readonly allowedWaitInMs: number;
  /** Backoff where Graph gives no Retry-After (backoffForBudget). */
  readonly backoff: ExponentialBackoffOptions;
}

/** Why the loop stops. The caller maps the last outcome to the device's answer (toGraphFailure). */
export type StopReason =
  /** A 2xx, or a status no retry changes (400, 404, 500, ...). */
  | 'final_answer'
  /** A request Graph may act on only once may have been acted on: never re-sent. */
  | 'outcome_unknown'
  | 'retries_spent'
  /** The wait would overrun the wait budget or end past the deadline: `retryAfterInMs` goes to the device. */
  | 'wait_refused'
  | 'deadline'
  /** The answer passed maxGraphAnswerBytes: asking the same again gets the same answer. */
  | 'answer_too_large'
  /** A 401 with a claims challenge: only the user can satisfy it (401 `consent_required`). */
  | 'claims_challenge';

export type RetryDecision =
  | {
      readonly retry: true;
      readonly waitInMs: number;
      readonly reason: 'throttled' | 'transient' | 'unauthorized';
      /** Send the next attempt with a fresh on-behalf-of token (the cached one was refused). */
      readonly freshToken: boolean;
    }
  | { readonly retry: false; readonly reason: StopReason; readonly retryAfterInMs?: number };

/** Statuses after which Graph did not act (429) or may not have (503/504) and asks to come back later. */
const throttlingStatuses = new Set([429, 503, 504]);

function stop(reason: StopReason, retryAfterInMs?: number): RetryDecision {
  return retryAfterInMs === undefined ? { retry: false, reason } : { retry: false, reason, retryAfterInMs };
}

function retryWithin(waitInMs: number, reason: 'throttled' | 'transient', allowance: RetryAllowance): RetryDecision {
  if (waitInMs > allowance.allowedWaitInMs) return stop('wait_refused', waitInMs);
  return { retry: true, waitInMs, reason, freshToken: false };
}

/**
 * The client's one retry decision, a pure function of what it is told (the rules are listed in
 * createGraphClient's header comment; test/unit/graph/decideRetry.test.ts is their table):
 * - a deadline stop is final: there is no time left for another attempt; so is an answer too large
 *   to read, which a repeat would only fetch again;
 * - a request Graph may act on only once (`idempotent: false`) is never re-sent once Graph may have
 *   acted (a 503/504, a network failure after its bytes left, a 2xx whose body was lost);
 * - a connection fault (network failure, broken 2xx body) is retried once after a jittered backoff;
 * - a 401 is retried once at once with a fresh token (Graph did not process the request, so even a
 *   send may be repeated), unless it carries a claims challenge, which only the user can answer;
 * - 429, 503 and 504 wait Graph's Retry-After (else the backoff), at most 5 times;
 * - every wait must fit the allowance (wait budget and deadline), else the wait Graph advised goes to
 *   the device as Retry-After.
 */
export function decideRetry(
  request: { readonly idempotent: boolean },
  outcome: AttemptOutcome,
  attempt: AttemptCount,
  allowance: RetryAllowance,
): RetryDecision {
  const { transportError, response } = outcome;
  const backoffInMs = (retryCount: number) => exponentialBackoffInMs(retryCount, () => attempt.jitter, allowance.backoff);

  if (transportError) {
    if (transportError.byDeadline) return stop('deadline');
    if (transportError.code === 'ERR_ANSWER_TOO_LARGE') return stop('answer_too_large');
    if (!request.idempotent && transportError.mayHaveReachedGraph) return stop('outcome_unknown');
    if (attempt.faultCount > maxFaultRetries) return stop('retries_spent');
    return retryWithin(backoffInMs(attempt.faultCount - 1), 'transient', allowance);
  }
  if (response.brokenBody) {
    if (!request.idempotent) return stop('outcome_unknown');
    if (attempt.faultCount > maxFaultRetries) return stop('retries_spent');
    return retryWithin(backoffInMs(attempt.faultCount - 1), 'transient', allowance);
  }
  if (response.status === 401) {
    if (readClaimsChallenge(response.headers['www-authenticate']) !== undefined) return stop('claims_challenge');
    if (attempt.unauthorizedCount > maxUnauthorizedRetries) return stop('retries_spent');
    return { retry: true, waitInMs: 0, reason: 'unauthorized', freshToken: true };
  }
  if (throttlingStatuses.has(response.status)) {
    // UNVERIFIED: Graph's docs do not say a 503/504 means "not acted on"; a 504 plainly may have been.
    if (!request.idempotent && response.status !== 429) return stop('outcome_unknown');
    if (attempt.number > maxThrottlingRetries) return stop('retries_spent');
    const advised = parseRetryAfterInMs(response.headers['retry-after'], attempt.nowInMs);
    return retryWithin(advised ?? backoffInMs(attempt.number - 1), 'throttled', allowance);
  }
  return stop('final_answer');
}
