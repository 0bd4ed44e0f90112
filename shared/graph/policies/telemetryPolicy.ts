import type { Clock } from '../../clock';
import { recordGraphAttempt } from '../../observability/recordGraphAttempt';
import type { PipelinePolicy } from '../pipeline';
import { TransportError } from '../transport/transportError';

interface FailedAttempt {
  endedAt: number;
  throttled: boolean;
}

/**
 * Telemetry for each Graph attempt (inside the retry loop, next to the transport): operation, status
 * or transport error code, duration, and for a retry the time since the previous attempt of the same
 * request ended (the retry policy's wait), matched by `client-request-id`, which every retry of a
 * request shares. Never the URL, a header value or a body. One instance per Graph client (one
 * command), so the map of failed attempts lives no longer than the command.
 */
export function telemetryPolicy(clock: Clock): PipelinePolicy {
  const failedAttempts = new Map<string, FailedAttempt>();
  return {
    name: 'telemetryPolicy',
    async sendRequest(request, next) {
      const startedAt = clock.now();
      const key = request.headers['client-request-id'];
      const previous = key === undefined ? undefined : failedAttempts.get(key);
      if (key !== undefined) failedAttempts.delete(key);
      const retry = previous ? { retryWaitInMs: Math.max(0, startedAt - previous.endedAt), retryReason: previous.throttled ? ('throttled' as const) : ('transient' as const) } : {};
      try {
        const response = await next(request);
        const endedAt = clock.now();
        // A 2xx whose body was cut or off-shape failed like a dropped connection: the retry strategies
        // treat it so, and so does the count (its retry is a transient one, not a first attempt).
        const brokenBody = response.brokenBody === true;
        recordGraphAttempt({ operation: request.operation, status: response.status, ...(brokenBody ? { errorType: 'broken_body' } : {}), durationInMs: endedAt - startedAt, ...retry });
        if (key !== undefined && (brokenBody || response.status === 429 || response.status >= 500)) {
          failedAttempts.set(key, { endedAt, throttled: [429, 503, 504].includes(response.status) });
        }
        return response;
      } catch (error) {
        const endedAt = clock.now();
        const errorType = error instanceof TransportError ? error.code : 'error';
        recordGraphAttempt({ operation: request.operation, errorType, durationInMs: endedAt - startedAt, ...retry });
        if (key !== undefined && error instanceof TransportError) failedAttempts.set(key, { endedAt, throttled: false });
        throw error;
      }
    },
  };
}
