import { systemClock } from '../clock';
import { silentLogger } from '../observability/logger';
import { FerryError } from '../protocol/ferryError';
import { createBatchSender } from './batch/sendBatch';
import { checkGraphClientOptions, type GraphClientOptions } from './graphClientOptions';
import type { GraphClient, GraphPage, GraphRequest, GraphResponse } from './graphRequest';
import { createPermitPool } from './permitPool';
import { createPipeline } from './pipeline';
import { attemptLogPolicy } from './policies/attemptLogPolicy';
import { concurrencyPolicy } from './policies/concurrencyPolicy';
import { headersPolicy } from './policies/headersPolicy';
import { requestIdPolicy } from './policies/requestIdPolicy';
import { retryPolicy } from './policies/retryPolicy';
import { nonIdempotentRetryStrategy } from './retryStrategies/nonIdempotentRetryStrategy';
import { throttlingRetryStrategy } from './retryStrategies/throttlingRetryStrategy';
import { transportRetryStrategy } from './retryStrategies/transportRetryStrategy';
import { toGraphFailure, toTransportFailure } from './toGraphFailure';
import { toGraphPage } from './toGraphPage';
import { toPipelineRequest } from './toPipelineRequest';
import { createAxiosTransport } from './transport/axiosTransport';
import { defaultGraphAxios } from './transport/defaultGraphAxios';
import { TransportError } from './transport/transportError';
import { createWaitBudget } from './waitBudget';

/**
 * The Graph client: named policies over an axios transport, outermost first:
 * requestId (one client-request-id per logical request) -> retry (the one loop that sleeps, within the
 * command's wait budget) -> headers (token, Accept, Prefer) -> concurrency (permits per attempt) ->
 * attemptLog (Graph request-id, one log line per attempt) -> transport.
 * Failures leave as FerryError (GraphRequestError) or, for delta restarts, GraphSyncResetError.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const graphUrl = checkGraphClientOptions(options);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const random = options.random ?? Math.random;
  const { signal } = options;

  const transport = createAxiosTransport(options.transport ?? defaultGraphAxios(), {
    signal,
    timeoutInMs: options.attemptTimeoutInMs ?? 30_000,
  });
  const attempt = createPipeline(
    [headersPolicy(options.getToken), concurrencyPolicy(createPermitPool(options.maxConcurrency ?? 4), signal), attemptLogPolicy(clock, logger)],
    transport,
  );
  const outerPolicies = [
    requestIdPolicy(),
    retryPolicy({
      strategies: [nonIdempotentRetryStrategy(), throttlingRetryStrategy({ random }), transportRetryStrategy({ random })],
      budget: createWaitBudget({ budgetInMs: options.waitBudgetInMs ?? 5000, deadline: options.deadline }),
      clock,
      logger,
      signal,
    }),
  ];
  const sendThroughPipeline = createPipeline(outerPolicies, attempt);

  async function send<T = unknown>(graphRequest: GraphRequest): Promise<GraphResponse<T>> {
    const request = toPipelineRequest(graphRequest, graphUrl);
    let response;
    try {
      response = await sendThroughPipeline(request);
    } catch (error) {
      throw error instanceof TransportError ? toTransportFailure(error, request) : error;
    }
    if (response.status < 200 || response.status > 299) throw toGraphFailure(response, request, clock.now());
    return { status: response.status, headers: { ...response.headers }, body: response.body as T, requestId: response.requestId };
  }

  async function page<T>(request: GraphRequest): Promise<GraphPage<T>> {
    const response = await send(request);
    return toGraphPage<T>(response.body, graphUrl);
  }

  async function* pages<T>(first: GraphRequest): AsyncGenerator<GraphPage<T>> {
    let request = first;
    for (;;) {
      const current = await page<T>(request);
      yield current;
      if (current.deltaLink !== undefined || current.nextLink === undefined) return;
      // A nextLink pointing at itself would loop for ever.
      if (current.nextLink === request.link) throw new FerryError('upstream_error', { logReason: 'link_loop' });
      request = { operation: first.operation, method: 'GET', path: first.path, link: current.nextLink, headers: first.headers, idempotent: true };
    }
  }

  const batch = createBatchSender({ graphUrl, chunkPolicies: outerPolicies, attempt, clock, logger });

  return { send, batch, page, pages };
}
