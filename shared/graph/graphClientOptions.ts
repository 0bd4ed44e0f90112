import type { AxiosInstance } from 'axios';
import type { Clock } from '../clock';
import type { Logger } from '../observability/logger';
import type { ServerTiming } from '../observability/serverTiming';

/**
 * Gets the on-behalf-of token for Graph. `forceRefresh`: Graph refused the token it gave last (401), so
 * the cached one must be dropped and a new one exchanged.
 */
export type GetGraphToken = (options?: { forceRefresh?: boolean }) => Promise<string>;

/** Options of createGraphClient. One client serves one device command for one mailbox. */
export interface GraphClientOptions {
  /** Graph origin, e.g. `https://graph.microsoft.com` (FERRY_GRAPH_URL); Ferry adds `/v1.0`. The only origin whose links are followed. */
  graphUrl: string;
  /** The on-behalf-of token for Graph; called before every attempt, with `forceRefresh` once after a Graph 401. */
  getToken: GetGraphToken;
  /** Default: one process-wide axios instance with keep-alive agents (see defaultGraphAxios). */
  transport?: AxiosInstance;
  /** Default: systemClock. */
  clock?: Clock;
  /** Default: silentLogger. */
  logger?: Logger;
  /**
   * Time this command may spend waiting on Graph throttling, in ms. Default 5000 (FERRY_GRAPH_WAIT_BUDGET_MS).
   * It also sets the backoff used where Graph gives no Retry-After (backoffForBudget).
   */
  waitBudgetInMs?: number;
  /** Requests in flight at once; a `$batch` counts 4. Default 4 (FERRY_GRAPH_MAX_CONCURRENCY). */
  maxConcurrency?: number;
  /**
   * Epoch ms: the command's one deadline (CommandContext.deadlineInMs) for every Graph call of the
   * command. Each attempt's timeout is min(attemptTimeoutInMs, deadlineInMs - now); with no time left no
   * attempt starts, and no wait ends past it. Such a call fails as `upstream_unavailable` (logReason
   * `deadline`, see isDeadlineExceeded). Default: none.
   */
  deadlineInMs?: number;
  /**
   * Where the device's user signs in again (`{FERRY_AUTHORITY}/{tid}/oauth2/v2.0/authorize`): passed as
   * `authorization_uri` with a Graph claims challenge, as the on-behalf-of exchange does. Default: left out.
   */
  authorizationUri?: string;
  /** Aborts waits, permit queues and requests in flight. */
  signal?: AbortSignal;
  /** Timeout of one attempt (the whole exchange, body included), in ms. Default 10000 (FERRY_GRAPH_TIMEOUT_MS). */
  attemptTimeoutInMs?: number;
  /**
   * Largest Graph answer read, in bytes (and largest request body sent). Default maxGraphAnswerBytes
   * (32 MiB). Past it: 502 `upstream_error`, logReason `answer_too_large` (isAnswerTooLarge).
   */
  maxAnswerBytes?: number;
  /** Source of backoff jitter, in [0, 1). Default Math.random. (Addition, for tests.) */
  random?: () => number;
  /**
   * The command's Server-Timing recorder: every attempt from sending to its last byte and every
   * Retry-After wait count as `graph`. An on-behalf-of exchange reports `auth` itself (getToken).
   */
  timing?: ServerTiming;
}

/** Checks options once, at creation (a misconfiguration fails the first command, not a later retry). */
export function checkGraphClientOptions(options: GraphClientOptions): string {
  const url = new URL(options.graphUrl);
  if (!['https:', 'http:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    throw new TypeError('graphUrl must be an http(s) origin such as https://graph.microsoft.com.');
  }
  if (typeof options.getToken !== 'function') throw new TypeError('getToken must be a function.');
  const { waitBudgetInMs, maxConcurrency, deadlineInMs, attemptTimeoutInMs } = options;
  if (waitBudgetInMs !== undefined && !(Number.isFinite(waitBudgetInMs) && waitBudgetInMs >= 0)) {
    throw new RangeError('waitBudgetInMs must be a finite number >= 0.');
  }
  if (maxConcurrency !== undefined && !(Number.isInteger(maxConcurrency) && maxConcurrency >= 1)) {
    throw new RangeError('maxConcurrency must be an integer >= 1.');
  }
  if (deadlineInMs !== undefined && !Number.isFinite(deadlineInMs)) throw new RangeError('deadlineInMs must be epoch milliseconds.');
  if (options.maxAnswerBytes !== undefined && !(Number.isInteger(options.maxAnswerBytes) && options.maxAnswerBytes > 0)) {
    throw new RangeError('maxAnswerBytes must be a positive integer.');
  }
  if (attemptTimeoutInMs !== undefined && !(Number.isFinite(attemptTimeoutInMs) && attemptTimeoutInMs > 0)) {
    throw new RangeError('attemptTimeoutInMs must be a positive number.');
  }
  return url.origin;
}
