import type { Clock } from '../../clock';
import type { Logger } from '../../observability/logger';
import { buildGraphUrl } from '../buildGraphUrl';
import type { GraphRequest, GraphResponse } from '../graphRequest';
import { operations } from '../operations';
import { createPipeline, type PipelinePolicy, type PipelineRequest, type PipelineResponse, type SendRequest } from '../pipeline';
import { parseRetryAfterInMs } from '../retryStrategies/parseRetryAfter';
import { toBrokenBodyFailure, toGraphFailure, toTransportFailure } from '../toGraphFailure';
import { toPipelineRequest } from '../toPipelineRequest';
import { TransportError } from '../transport/transportError';
import { toBatchRequestItem, readBatchResponses, type BatchRequestItem } from './batchPayload';

/** Graph takes at most 20 requests per `$batch`. https://learn.microsoft.com/en-us/graph/json-batching */
export const maxBatchItems = 20;
/** Graph hands Outlook up to 4 items of a batch at once, so a `$batch` counts as 4 concurrent requests. */
export const batchPermits = 4;

export interface BatchSenderOptions {
  graphUrl: string;
  /** Policies around the whole chunk (request id, retry): they see a throttled chunk as one 429. */
  chunkPolicies: readonly PipelinePolicy[];
  /** One `$batch` POST through the per-attempt policies and the transport. */
  attempt: SendRequest;
  clock: Clock;
  logger: Logger;
}

interface Item {
  id: string;
  payload: BatchRequestItem;
  idempotent: boolean;
}

/**
 * Items sent again after a wait: a 429 (Graph did not act), and a 503/504 of an idempotent item, as the
 * client's retry layer treats those statuses for a request of its own.
 */
function retryableItem(item: Item, answer: GraphResponse): boolean {
  return answer.status === 429 || (item.idempotent && (answer.status === 503 || answer.status === 504));
}

/** The longest wait the throttled items (or, for items without one, the batch) advise; undefined if none does. */
function longestRetryAfterInMs(throttled: GraphResponse[], batch: PipelineResponse, nowInMs: number): number | undefined {
  const waits = throttled
    .map((answer) => parseRetryAfterInMs(answer.headers['retry-after'] ?? batch.headers['retry-after'], nowInMs))
    .filter((wait): wait is number => wait !== undefined);
  return waits.length === 0 ? undefined : Math.max(...waits);
}

/**
 * `$batch` in chunks of 20. Within a chunk, items answered 429 (or 503/504 when idempotent) are sent
 * again, alone, in a new `$batch` after the longest Retry-After, which may be only in the items'
 * headers (https://learn.microsoft.com/en-us/graph/throttling#throttling-and-batching); the wait goes
 * through the client's one retry loop and budget, which see the chunk's throttled items as a single 429.
 * When the budget runs out those items are returned with their status. Other item failures are returned
 * too; a failure of a `$batch` request itself is thrown. An envelope that is cut, not JSON, or leaves an
 * item unanswered is a broken body: retried once when every item is idempotent, like any request.
 */
export function createBatchSender({ graphUrl, chunkPolicies, attempt, clock, logger }: BatchSenderOptions) {
  async function sendChunk(items: Item[]): Promise<GraphResponse[]> {
    const answers = new Map<string, GraphResponse>();
    let pending = items;
    let lastWasEnvelope = false;

    const attemptChunk: SendRequest = async (request) => {
      const response = await attempt({ ...request, body: { requests: pending.map((item) => item.payload) } });
      const itemAnswers = response.brokenBody ? undefined : readBatchResponses(response);
      lastWasEnvelope = itemAnswers !== undefined;
      if (!itemAnswers) return response;
      if (pending.some((item) => !itemAnswers.has(item.id))) {
        lastWasEnvelope = false;
        return { ...response, brokenBody: true };
      }
      const throttled: Item[] = [];
      for (const item of pending) {
        const answer = itemAnswers.get(item.id) as GraphResponse;
        answers.set(item.id, answer);
        if (retryableItem(item, answer)) throttled.push(item);
      }
      logger.info('graph.batch', {
        operation: request.operation,
        attempt: request.attempt,
        itemCount: pending.length,
        throttledItemCount: throttled.length,
      });
      pending = throttled;
      if (throttled.length === 0) return response;
      const wait = longestRetryAfterInMs(throttled.map((item) => answers.get(item.id) as GraphResponse), response, clock.now());
      return {
        status: 429,
        headers: wait === undefined ? {} : { 'retry-after': String(wait / 1000) },
        body: undefined,
        requestId: response.requestId,
      };
    };

    const request: PipelineRequest = {
      operation: 'batch',
      method: operations.batch.method,
      url: buildGraphUrl(graphUrl, operations.batch.pathTemplate),
      headers: {},
      idempotent: items.every((item) => item.idempotent),
      isDelta: false,
      answer: operations.batch.answer,
      permits: batchPermits,
      attempt: 0,
    };
    let final: PipelineResponse;
    try {
      final = await createPipeline(chunkPolicies, attemptChunk)(request);
    } catch (error) {
      throw error instanceof TransportError ? toTransportFailure(error, request) : error;
    }
    if (final.brokenBody) throw toBrokenBodyFailure(final, request);
    if (!lastWasEnvelope) throw toGraphFailure(final, request, clock.now());
    return items.map((item) => answers.get(item.id) as GraphResponse);
  }

  return async function batch(requests: GraphRequest[]): Promise<GraphResponse[]> {
    // Every item is resolved (origin guard included) before anything is sent.
    const items: Item[] = requests.map((graphRequest, index) => {
      const id = String(index + 1);
      return { id, payload: toBatchRequestItem(id, toPipelineRequest(graphRequest, graphUrl)), idempotent: graphRequest.idempotent };
    });
    const chunks: Item[][] = [];
    for (let start = 0; start < items.length; start += maxBatchItems) chunks.push(items.slice(start, start + maxBatchItems));
    // Settle every chunk before reporting a failure, so no request is still running when the caller moves on.
    const settled = await Promise.allSettled(chunks.map(sendChunk));
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.flatMap((result) => (result as PromiseFulfilledResult<GraphResponse[]>).value);
  };
}
