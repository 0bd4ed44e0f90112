import type { Clock } from '../../clock';
import { silentLogger, type Logger } from '../../observability/logger';
import { recordGraphAttempt } from '../../observability/recordGraphAttempt';
import type { PipelinePolicy } from '../pipeline';
import { TransportError } from '../transport/transportError';

interface FailedAttempt {
  endedAt: number;
  throttled: boolean;
}

/** Graph's request-id is a GUID; anything else is not logged or returned. */
const requestIdShape = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Times each Graph attempt once (inside the retry loop, next to the transport) and reports it twice:
 * one log line (operation, status or transport error code, duration, attempt number, client and Graph
 * request ids) and one metric (operation, status or error type, duration, and for a retry the time since
 * the previous attempt of the same request ended, the retry policy's wait, matched by
 * `client-request-id`, which every retry of a request shares). It also hands Graph's `request-id` header
 * on as `response.requestId`. Never the URL, the query, another header value or a body. One instance
 * per Graph client (one command), so the map of failed attempts lives no longer than the command.
 */
export function telemetryPolicy(clock: Clock, logger: Logger = silentLogger): PipelinePolicy {
  const failedAttempts = new Map<string, FailedAttempt>();
  return {
    name: 'telemetryPolicy',
    async sendRequest(request, next) {
      const startedAt = clock.now();
      const key = request.headers['client-request-id'];
      const fields = { operation: request.operation, attempt: request.attempt, clientRequestId: key };
      const previous = key === undefined ? undefined : failedAttempts.get(key);
      if (key !== undefined) failedAttempts.delete(key);
      const retry = previous ? { retryWaitInMs: Math.max(0, startedAt - previous.endedAt), retryReason: previous.throttled ? ('throttled' as const) : ('transient' as const) } : {};
      try {
        const response = await next(request);
        const endedAt = clock.now();
        const durationInMs = endedAt - startedAt;
        const header = response.headers['request-id'];
        const requestId = header !== undefined && requestIdShape.test(header) ? header : undefined;
        // A 2xx whose body was cut or off-shape failed like a dropped connection: decideRetry treats it
        // so, and so does the count (its retry is a transient one, not a first attempt).
        const brokenBody = response.brokenBody === true;
        logger.info('graph.response', { ...fields, status: response.status, durationInMs, graphRequestId: requestId, brokenBody: brokenBody || undefined });
        recordGraphAttempt({ operation: request.operation, status: response.status, ...(brokenBody ? { errorType: 'broken_body' } : {}), durationInMs, ...retry });
        if (key !== undefined && (brokenBody || response.status === 429 || response.status >= 500)) {
          failedAttempts.set(key, { endedAt, throttled: [429, 503, 504].includes(response.status) });
        }
        return { ...response, requestId };
      } catch (error) {
        const endedAt = clock.now();
        const durationInMs = endedAt - startedAt;
        const errorType = error instanceof TransportError ? error.code : 'error';
        if (error instanceof TransportError) logger.warn('graph.transport_error', { ...fields, errorCode: error.code, durationInMs });
        recordGraphAttempt({ operation: request.operation, errorType, durationInMs, ...retry });
        if (key !== undefined && error instanceof TransportError) failedAttempts.set(key, { endedAt, throttled: false });
        throw error;
      }
    },
  };
}
