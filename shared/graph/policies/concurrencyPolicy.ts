import type { PipelinePolicy } from '../pipeline';
import type { PermitPool } from '../permitPool';

/** Holds the request's permits (1, or 4 for a `$batch`) for the length of one attempt, not during waits. */
export function concurrencyPolicy(pool: PermitPool, signal?: AbortSignal): PipelinePolicy {
  return {
    name: 'concurrencyPolicy',
    async sendRequest(request, next) {
      const release = await pool.acquire(request.permits, signal);
      try {
        return await next(request);
      } finally {
        release();
      }
    },
  };
}
