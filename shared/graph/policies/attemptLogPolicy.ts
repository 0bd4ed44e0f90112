import type { Clock } from '../../clock';
import type { Logger } from '../../observability/logger';
import type { PipelinePolicy } from '../pipeline';
import { TransportError } from '../transport/transportError';

/** Graph's request-id is a GUID; anything else is not logged or returned. */
const requestIdShape = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Innermost policy: times each attempt, captures Graph's `request-id` header into the response and logs
 * one line per attempt with the operation name, status, duration, attempt number and ids. Never the
 * URL, the query, a header value other than the ids, or a body.
 */
export function attemptLogPolicy(clock: Clock, logger: Logger): PipelinePolicy {
  return {
    name: 'attemptLogPolicy',
    async sendRequest(request, next) {
      const startedAt = clock.now();
      const fields = {
        operation: request.operation,
        attempt: request.attempt,
        clientRequestId: request.headers['client-request-id'],
      };
      try {
        const response = await next(request);
        const header = response.headers['request-id'];
        const requestId = header !== undefined && requestIdShape.test(header) ? header : undefined;
        logger.info('graph.response', {
          ...fields,
          status: response.status,
          durationInMs: clock.now() - startedAt,
          graphRequestId: requestId,
          brokenBody: response.brokenBody || undefined,
        });
        return { ...response, requestId };
      } catch (error) {
        if (error instanceof TransportError) {
          logger.warn('graph.transport_error', { ...fields, errorCode: error.code, durationInMs: clock.now() - startedAt });
        }
        throw error;
      }
    },
  };
}
