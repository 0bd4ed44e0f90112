import { systemClock } from '../clock';
import { silentLogger } from '../observability/logger';
import { FerryError } from '../protocol/ferryError';
import { createBatchSender } from './batch/sendBatch';
import { checkGraphClientOptions, type GraphClientOptions } from './graphClientOptions';
import type { GraphClient, GraphPage, GraphRequest, GraphResponse } from './graphRequest';
import { createPermitPool } from './permitPool';
import { createPipeline } from './pipeline';
import { answerShapePolicy } from './policies/answerShapePolicy';
import { concurrencyPolicy } from './policies/concurrencyPolicy';
import { headersPolicy } from './policies/headersPolicy';
import { requestIdPolicy } from './policies/requestIdPolicy';
import { retryPolicy, type RetryLoopOptions } from './policies/retryPolicy';
import { telemetryPolicy } from './policies/telemetryPolicy';
import { backoffForBudget } from './exponentialBackoff';
import { toBrokenBodyFailure, toGraphFailure, toTransportFailure } from './graphErrors';
import { toGraphPage } from './toGraphPage';
import { toPipelineRequest } from './graphUrls';
import { operationDefinition } from './operations';
import type { GraphByteStream } from './transport/sendForStream';
import { createAxiosTransport } from './transport/axiosTransport';
import { defaultGraphAxios } from './transport/defaultGraphAxios';
import { TransportError } from './transport/transportError';
import { createWaitBudget } from './waitBudget';

/** Default timeout of one attempt (FERRY_GRAPH_TIMEOUT_MS). */
export const defaultAttemptTimeoutInMs = 10_000;

/**
 * The Graph client: named policies over an axios transport, outermost first:
 * requestId (one client-request-id per logical request, kept across its retries) -> retry (the one
 * loop that sleeps, deciding with the pure decideRetry within the command's wait budget and deadline)
 * -> headers (token, Accept, Prefer) -> concurrency (permits per attempt) -> telemetry (Graph
 * request-id, one log line and one metric per attempt) -> answerShape (a cut or off-schema 2xx body is
 * a fault) -> transport (no redirects, per-attempt timeout bounded by the deadline, answer size cap).
 * Failures leave as FerryError (GraphRequestError) or, for delta restarts, GraphSyncResetError.
 *
 * The rule per failure, idempotent / not idempotent (a non-idempotent request is never re-sent once
 * its bytes may have reached Graph):
 * - 429: retry within the wait budget, then 429 `throttled` / the same.
 * - 503, 504: likewise, then 503 `upstream_unavailable` / 502 `outcome_unknown` at once.
 * - 401: one retry at once with a fresh on-behalf-of token (Graph did not act) / the same; a second
 *   401 is 401 `unauthorized`; a 401 with a claims challenge is 401 `consent_required` with the claims at once.
 * - refused, DNS or TLS failure (nothing sent): one retry, then 503 `upstream_unavailable` / the same.
 * - reset or timeout after bytes were sent: one retry, then 503 `upstream_unavailable` / 502 `outcome_unknown`.
 * - 2xx with a cut, non-JSON or off-schema body: one retry, then 502 `upstream_error` / 502 `outcome_unknown`.
 * - an answer past maxGraphAnswerBytes (32 MiB): no retry, 502 `upstream_error` / 502 `outcome_unknown`
 *   (logReason `answer_too_large`, isAnswerTooLarge).
 * - the command's deadline reached (an attempt cut short, or no time left to start one): no retry,
 *   503 `upstream_unavailable` with a short Retry-After / the same if nothing was sent, else 502
 *   `outcome_unknown` (logReason `deadline`, isDeadlineExceeded).
 * A command that can look the outcome up (e.g. find the sent item) wraps the call in sendWithLookUp.
 * `$batch` items follow the same rules, each on its own (see sendBatch).
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const graphUrl = checkGraphClientOptions(options);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const random = options.random ?? Math.random;
  const { signal, timing } = options;

  const { deadlineInMs, authorizationUri } = options;
  const transport = createAxiosTransport(options.transport ?? defaultGraphAxios(graphUrl), {
    signal,
    timeoutInMs: options.attemptTimeoutInMs ?? defaultAttemptTimeoutInMs,
    deadlineInMs,
    clock,
    maxAnswerBytes: options.maxAnswerBytes,
    timing,
  });
  const attempt = createPipeline(
    [
      headersPolicy(options.getToken),
      concurrencyPolicy(createPermitPool(options.maxConcurrency ?? 4), signal),
      telemetryPolicy(clock, logger),
      answerShapePolicy(),
    ],
    transport,
  );
  const waitBudgetInMs = options.waitBudgetInMs ?? 5000;
  const loop: RetryLoopOptions = {
    budget: createWaitBudget({ budgetInMs: waitBudgetInMs, deadlineInMs }),
    backoff: backoffForBudget(waitBudgetInMs),
    clock,
    logger,
    random,
    signal,
    timing,
  };
  const sendThroughPipeline = createPipeline([requestIdPolicy(), retryPolicy(loop)], attempt);

  async function send<T = unknown>(graphRequest: GraphRequest): Promise<GraphResponse<T>> {
    const request = toPipelineRequest(graphRequest, graphUrl);
    let response;
    try {
      response = await sendThroughPipeline(request);
    } catch (error) {
      throw error instanceof TransportError ? toTransportFailure(error, request) : error;
    }
    if (response.status < 200 || response.status > 299) throw toGraphFailure(response, request, clock.now(), authorizationUri);
    if (response.brokenBody) throw toBrokenBodyFailure(response, request);
    return { status: response.status, headers: { ...response.headers }, body: response.body as T, requestId: response.requestId };
  }

  async function stream(graphRequest: GraphRequest): Promise<GraphResponse<GraphByteStream>> {
    if (operationDefinition(graphRequest.operation)?.answer !== 'stream' || graphRequest.link !== undefined) {
      throw new TypeError(`${graphRequest.operation} does not answer a stream.`);
    }
    return send<GraphByteStream>(graphRequest);
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

  const batch = createBatchSender({ graphUrl, attempt, loop, logger, authorizationUri });

  return { send, stream, batch, page, pages };
}
