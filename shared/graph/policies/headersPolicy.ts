import type { GetGraphToken } from '../graphClientOptions';
import type { PipelinePolicy } from '../pipeline';
import { immutableIdPreference, mergePrefer } from '../preferHeader';

/**
 * Authorization (a token fetched per attempt, so a retry after a long wait gets a fresh one, and one
 * forced fresh when the retry policy asks after a Graph 401), Accept,
 * Content-Type for bodies, and `Prefer: IdType="ImmutableId"` merged with the request's own preferences.
 */
export function headersPolicy(getToken: GetGraphToken): PipelinePolicy {
  return {
    name: 'headersPolicy',
    async sendRequest(request, next) {
      const token = await (request.freshToken ? getToken({ forceRefresh: true }) : getToken());
      const headers: Record<string, string> = {
        ...request.headers,
        authorization: `Bearer ${token}`,
        // JSON unless the request names what it takes (a `$value` takes any type).
        accept: request.headers.accept ?? 'application/json',
        prefer: mergePrefer(immutableIdPreference, request.headers.prefer),
      };
      // Bytes carry the content type their request names (an image); anything else is JSON.
      if (request.body !== undefined && !(request.body instanceof Uint8Array && headers['content-type'] !== undefined)) headers['content-type'] = 'application/json';
      return next({ ...request, headers });
    },
  };
}
