import type { PipelinePolicy } from '../pipeline';
import type { PermitPool } from '../permitPool';
import { firstScreenRank } from '../firstScreenRank';

/**
 * Holds the request's permits (1, or min(4, items) for a `$batch`) for the length of one attempt, not
 * during waits; a waiting request queues by its first-screen rank.
 */
export function concurrencyPolicy(pool: PermitPool, signal?: AbortSignal): PipelinePolicy {
  return {
    name: 'concurrencyPolicy',
    async sendRequest(request, next) {
      const release = await pool.acquire(request.permits, signal, firstScreenRank(request.operation));
      try {
        return await next(request);
      } finally {
        release();
      }
    },
  };
}
