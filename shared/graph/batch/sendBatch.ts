import { randomUUID } from 'node:crypto';
import type { Logger } from '../../observability/logger';
import { buildGraphUrl, toPipelineRequest } from '../graphUrls';
import { decideRetry, type AttemptOutcome, type RetryDecision } from '../decideRetry';
import type { BatchResult, GraphRequest, GraphResponse } from '../graphRequest';
import { operations } from '../operations';
import type { PipelineRequest, PipelineResponse, SendRequest } from '../pipeline';
import { retryLogFields, runRetryLoop, type RetryLoopOptions } from '../policies/retryPolicy';
import { toFerryError, toBrokenBodyFailure, toTransportFailure } from '../graphErrors';
import { TransportError } from '../transport/transportError';
import { toBatchRequestItem, readBatchResponses, type BatchRequestItem } from './batchPayload';

/** Graph takes at most 20 requests per `$batch`. https://learn.microsoft.com/en-us/graph/json-batching */
export const maxBatchItems = 20;
/** Graph hands Outlook up to 4 items of a batch at once, so a `$batch` counts as min(4, its items) concurrent requests. */
export const batchPermits = 4;

export interface BatchSenderOptions {
  graphUrl: string;
  /** One `$batch` POST through the per-attempt policies and the transport. */
  attempt: SendRequest;
  /** The client's retry loop: its wait budget, deadline, clock and backoff. */
  loop: RetryLoopOptions;
  logger: Logger;
  authorizationUri?: string;
}

interface Item {
  id: string;
  operation: string;
  idempotent: boolean;
  payload: BatchRequestItem;
  faultCount: number;
  unauthorizedCount: number;
}

type ChunkOutcome = { response: PipelineResponse; transportError?: undefined } | { response?: undefined; transportError: TransportError };

/**
 * What one attempt of the chunk says about one item: `answer` is the item's own answer, when Graph
 * gave one; `envelope` the failed `$batch` response that stands for it when Graph did not.
 */
interface ItemOutcome {
  outcome: AttemptOutcome;
  answer?: GraphResponse;
  envelope?: PipelineResponse;
}

const waitingStatuses = new Set([429, 503, 504]);

/**
 * One item's part of a chunk attempt. A throttled item's Retry-After may be only in the `$batch`
 * response's headers (https://learn.microsoft.com/en-us/graph/throttling#throttling-and-batching). An
 * item a well-formed envelope leaves unanswered counts as a broken body: Graph may have acted on it.
 */
function toItemOutcome(item: Item, chunk: ChunkOutcome, answers: Map<string, GraphResponse> | undefined): ItemOutcome {
  if (chunk.transportError) return { outcome: { transportError: chunk.transportError } };
  const envelope = chunk.response;
  if (!answers) return { outcome: { response: envelope }, envelope };
  const answer = answers.get(item.id);
  if (!answer) return { outcome: { response: { status: envelope.status, headers: envelope.headers, brokenBody: true } } };
  const inherited = waitingStatuses.has(answer.status) && answer.headers['retry-after'] === undefined && envelope.headers['retry-after'] !== undefined;
  const own = inherited ? { ...answer, headers: { ...answer.headers, 'retry-after': envelope.headers['retry-after'] as string } } : answer;
  return { outcome: { response: own }, answer: own };
}

/** The item's final result once the loop stops for it. */
function toItemResult(item: Item, { outcome, answer, envelope }: ItemOutcome, decision: RetryDecision, nowInMs: number, authorizationUri?: string): BatchResult {
  const retryAfterInMs = decision.retry ? undefined : decision.retryAfterInMs;
  if (outcome.transportError) {
    const error = outcome.transportError as TransportError;
    return { ok: false, error: toTransportFailure(retryAfterInMs === undefined ? error : error.withRetryAfter(retryAfterInMs), item) };
  }
  const { response } = outcome;
  if (response.brokenBody) return { ok: false, error: toBrokenBodyFailure({ status: response.status }, item) };
  if (answer && answer.status >= 200 && answer.status <= 299) return { ok: true, response: answer };
  const options = { idempotent: item.idempotent, retryAfterInMs, nowInMs, authorizationUri };
  const error = toFerryError(answer ?? (envelope as PipelineResponse), item.operation, options);
  return answer ? { ok: false, error, response: answer } : { ok: false, error };
}

/**
 * `$batch` in chunks of 20, each item judged on its own by decideRetry, as if it were sent alone:
 * an item finished (answered 2xx, or a failure no retry changes, or a write whose fate is unknown)
 * keeps its result and is never sent again; the items to retry (a 429; a 503/504, a broken envelope or
 * a network fault when the item is idempotent; any item after a 401, with a fresh token) go out again
 * together in a new `$batch` after the longest wait among them, through the client's one retry loop and
 * wait budget. An item whose wait the budget refuses finishes with Graph's advice as Retry-After. A
 * failure of the `$batch` request itself becomes each pending item's result; answers received in
 * earlier attempts stay. Nothing is thrown for Graph's failures, only for aborts and programming mistakes.
 */
export function createBatchSender({ graphUrl, attempt, loop, logger, authorizationUri }: BatchSenderOptions) {
  async function sendChunk(items: Item[]): Promise<BatchResult[]> {
    const results = new Map<string, BatchResult>();
    let pending = items;
    let freshToken = false;
    const clientRequestId = randomUUID();
    const request = (attemptNumber: number): PipelineRequest => ({
      operation: 'batch',
      method: operations.batch.method,
      url: buildGraphUrl(graphUrl, operations.batch.pathTemplate),
      headers: { 'client-request-id': clientRequestId },
      body: { requests: pending.map((item) => item.payload) },
      idempotent: pending.every((item) => item.idempotent),
      isDelta: false,
      answer: operations.batch.answer,
      permits: Math.min(batchPermits, pending.length),
      attempt: attemptNumber,
      freshToken,
    });

    await runRetryLoop<ChunkOutcome, void>(
      {
        async attempt(attemptNumber) {
          try {
            return { response: await attempt(request(attemptNumber)) };
          } catch (error) {
            if (!(error instanceof TransportError)) throw error;
            return { transportError: error };
          }
        },
        judge(chunk, turn) {
          const answers = chunk.response && !chunk.response.brokenBody ? readBatchResponses(chunk.response) : undefined;
          const retrying: Item[] = [];
          let waitInMs = 0;
          let refusedWaitInMs: number | undefined;
          let logFields: Record<string, string | number | undefined> = {};
          freshToken = false;
          for (const item of pending) {
            const itemOutcome = toItemOutcome(item, chunk, answers);
            const { outcome } = itemOutcome;
            if (outcome.transportError || outcome.response.brokenBody) item.faultCount++;
            if (outcome.response?.status === 401) item.unauthorizedCount++;
            const count = { number: turn.attempt, faultCount: item.faultCount, unauthorizedCount: item.unauthorizedCount, nowInMs: turn.nowInMs, jitter: turn.jitter };
            const decision = decideRetry(item, outcome, count, { allowedWaitInMs: turn.allowedWaitInMs, backoff: loop.backoff });
            if (decision.retry) {
              retrying.push(item);
              freshToken ||= decision.freshToken;
              if (decision.waitInMs >= waitInMs) {
                waitInMs = decision.waitInMs;
                logFields = retryLogFields('batch', outcome, decision);
              }
              continue;
            }
            if (decision.reason === 'wait_refused') refusedWaitInMs = Math.max(refusedWaitInMs ?? 0, decision.retryAfterInMs ?? 0);
            results.set(item.id, toItemResult(item, itemOutcome, decision, turn.nowInMs, authorizationUri));
          }
          if (answers) logger.info('graph.batch', { operation: 'batch', attempt: turn.attempt, itemCount: pending.length, throttledItemCount: retrying.length });
          if (refusedWaitInMs !== undefined) {
            logger.warn('graph.retry_refused', { operation: 'batch', attempt: turn.attempt, retryAfterInMs: refusedWaitInMs, budgetSpentInMs: loop.budget.spentInMs });
          }
          pending = retrying;
          return retrying.length === 0 ? { result: undefined } : { waitInMs, logFields };
        },
      },
      loop,
    );
    return items.map((item) => results.get(item.id) as BatchResult);
  }

  return async function batch(requests: GraphRequest[]): Promise<BatchResult[]> {
    // Every item is resolved (origin guard included) before anything is sent.
    const items: Item[] = requests.map((graphRequest, index) => {
      const id = String(index + 1);
      const payload = toBatchRequestItem(id, toPipelineRequest(graphRequest, graphUrl));
      return { id, operation: graphRequest.operation, idempotent: graphRequest.idempotent, payload, faultCount: 0, unauthorizedCount: 0 };
    });
    const chunks: Item[][] = [];
    for (let start = 0; start < items.length; start += maxBatchItems) chunks.push(items.slice(start, start + maxBatchItems));
    // Settle every chunk before reporting a failure, so no request is still running when the caller moves on.
    const settled = await Promise.allSettled(chunks.map(sendChunk));
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.flatMap((result) => (result as PromiseFulfilledResult<BatchResult[]>).value);
  };
}
