import type { Clock } from '../../clock';
import type { Logger } from '../../observability/logger';
import type { ServerTiming } from '../../observability/serverTiming';
import { decideRetry, type AttemptOutcome, type RetryDecision } from '../decideRetry';
import type { ExponentialBackoffOptions } from '../exponentialBackoff';
import type { PipelinePolicy, PipelineResponse } from '../pipeline';
import { TransportError } from '../transport/transportError';
import type { WaitBudget } from '../waitBudget';

export interface RetryLoopOptions {
  budget: WaitBudget;
  /** Backoff where Graph gives no Retry-After (backoffForBudget). */
  backoff: ExponentialBackoffOptions;
  clock: Clock;
  logger: Logger;
  /** Source of backoff jitter, in [0, 1). */
  random: () => number;
  signal?: AbortSignal;
  /** The command's Server-Timing recorder: a wait here counts as `graph` (Graph asked for it). */
  timing?: ServerTiming;
}

/** What the loop tells `judge` after each attempt, for decideRetry. */
export interface RetryTurn {
  readonly attempt: number;
  readonly nowInMs: number;
  readonly allowedWaitInMs: number;
  readonly jitter: number;
}

/** Wait this long, then attempt again; or stop with this result. */
export type RetryStep<T> = { readonly waitInMs: number; readonly logFields: Record<string, string | number | undefined> } | { readonly result: T };

export interface RetryLoop<A, T> {
  /** One attempt (1-based). Its failures are returned as data; anything thrown ends the loop. */
  attempt(attemptNumber: number): Promise<A>;
  /** Decides with decideRetry; may throw to end the loop with an error. */
  judge(outcome: A, turn: RetryTurn): RetryStep<T>;
}

/**
 * The only loop in the client that sleeps (a single request's retryPolicy and a `$batch` chunk both
 * run in it). After each attempt `judge` decides with decideRetry, which is told how long a wait the
 * budget and the deadline allow, so a refused wait never starts; the loop reserves the wait and sleeps.
 */
export async function runRetryLoop<A, T>(loop: RetryLoop<A, T>, options: RetryLoopOptions): Promise<T> {
  const { budget, clock, logger, random, signal, timing } = options;
  for (let attempt = 1; ; attempt++) {
    const outcome = await loop.attempt(attempt);
    const nowInMs = clock.now();
    const step = loop.judge(outcome, { attempt, nowInMs, allowedWaitInMs: budget.allowedWaitInMs(nowInMs), jitter: random() });
    if ('result' in step) return step.result;
    // It fits: decideRetry allowed no longer a wait, and nothing ran since allowedWaitInMs was read.
    budget.tryReserve(step.waitInMs, nowInMs);
    logger.info('graph.retry', { ...step.logFields, attempt, retryAfterInMs: step.waitInMs });
    const wait = () => clock.sleep(step.waitInMs, signal);
    await (timing ? timing.time('graph', wait) : wait());
  }
}

/** The fields of a retry log line: the operation, what failed, and why the loop retries or stops. */
export function retryLogFields(operation: string, outcome: AttemptOutcome, decision: RetryDecision) {
  return {
    operation,
    status: outcome.response?.status,
    errorCode: outcome.transportError?.code ?? (outcome.response?.brokenBody ? 'broken_body' : undefined),
    retryReason: decision.reason,
  };
}

export type RetryPolicyOptions = RetryLoopOptions;

type PolicyOutcome = { response: PipelineResponse; transportError?: undefined } | { response?: undefined; transportError: TransportError };

/**
 * Retries one logical request by decideRetry. It never builds device errors itself: the final response
 * is returned (marked `retryAfterInMs` when a wait was refused, which the error mapping passes on to
 * the device as Retry-After), the final TransportError rethrown.
 */
export function retryPolicy(options: RetryPolicyOptions): PipelinePolicy {
  const { budget, backoff, logger } = options;
  return {
    name: 'retryPolicy',
    sendRequest(request, next) {
      let faultCount = 0;
      let unauthorizedCount = 0;
      let freshToken = false;
      return runRetryLoop<PolicyOutcome, PipelineResponse>(
        {
          async attempt(attempt) {
            try {
              return { response: await next({ ...request, attempt, freshToken }) };
            } catch (error) {
              if (!(error instanceof TransportError)) throw error;
              return { transportError: error };
            }
          },
          judge(outcome, turn) {
            const { response, transportError } = outcome;
            if (transportError || response?.brokenBody) faultCount++;
            if (response?.status === 401) unauthorizedCount++;
            const decision = decideRetry(request, outcome, { number: turn.attempt, faultCount, unauthorizedCount, nowInMs: turn.nowInMs, jitter: turn.jitter }, {
              allowedWaitInMs: turn.allowedWaitInMs,
              backoff,
            });
            const logFields = retryLogFields(request.operation, outcome, decision);
            if (decision.retry) {
              freshToken = decision.freshToken;
              return { waitInMs: decision.waitInMs, logFields };
            }
            if (decision.reason === 'wait_refused') {
              logger.warn('graph.retry_refused', { ...logFields, attempt: turn.attempt, retryAfterInMs: decision.retryAfterInMs, budgetSpentInMs: budget.spentInMs });
            }
            const { retryAfterInMs } = decision;
            if (transportError) throw retryAfterInMs === undefined ? transportError : transportError.withRetryAfter(retryAfterInMs);
            return { result: retryAfterInMs === undefined ? (response as PipelineResponse) : { ...(response as PipelineResponse), retryAfterInMs } };
          },
        },
        options,
      );
    },
  };
}
