import type { Clock } from '../../clock';
import type { Logger } from '../../observability/logger';
import type { PipelinePolicy, PipelineResponse } from '../pipeline';
import { decideRetry, type RetryStrategy } from '../retryStrategies/retryStrategy';
import { TransportError } from '../transport/transportError';
import type { WaitBudget } from '../waitBudget';

export interface RetryPolicyOptions {
  strategies: readonly RetryStrategy[];
  budget: WaitBudget;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * The only place in the client that sleeps. After each attempt the strategies decide (retry after N ms,
 * give up, or not theirs); the loop asks the wait budget before every sleep. When the budget or the
 * deadline refuses, it stops without sleeping and hands back the last outcome marked with the wait Graph
 * advised (`retryAfterInMs`), which the error mapping turns into the device's Retry-After. It never
 * builds device errors itself: the final response is returned, the final TransportError rethrown.
 */
export function retryPolicy({ strategies, budget, clock, logger, signal }: RetryPolicyOptions): PipelinePolicy {
  return {
    name: 'retryPolicy',
    async sendRequest(request, next) {
      let faultCount = 0;
      for (let retryCount = 0; ; retryCount++) {
        let response: PipelineResponse | undefined;
        let transportError: TransportError | undefined;
        try {
          response = await next({ ...request, attempt: retryCount + 1 });
        } catch (error) {
          if (!(error instanceof TransportError)) throw error;
          transportError = error;
        }
        if (transportError || response?.brokenBody) faultCount++;
        const nowInMs = clock.now();
        const { strategy, decision } = decideRetry(strategies, {
          idempotent: request.idempotent,
          response,
          transportError,
          retryCount,
          faultCount,
          nowInMs,
        });
        if (decision === 'not-mine' || decision === 'give-up') {
          if (transportError) throw transportError;
          return response as PipelineResponse;
        }
        const fields = {
          operation: request.operation,
          attempt: retryCount + 1,
          strategy: strategy?.name,
          status: response?.status,
          errorCode: transportError?.code ?? (response?.brokenBody ? 'broken_body' : undefined),
          retryAfterInMs: decision.retryAfterInMs,
        };
        if (!budget.tryReserve(decision.retryAfterInMs, nowInMs)) {
          logger.warn('graph.retry_refused', { ...fields, budgetSpentInMs: budget.spentInMs });
          if (transportError) throw transportError.withRetryAfter(decision.retryAfterInMs);
          return { ...(response as PipelineResponse), retryAfterInMs: decision.retryAfterInMs };
        }
        logger.info('graph.retry', fields);
        await clock.sleep(decision.retryAfterInMs, signal);
      }
    },
  };
}
