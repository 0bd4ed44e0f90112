import { z } from 'zod';
import { toRetryAfterSeconds } from './problem';

/**
 * A command's `202 Accepted` answer: the request was taken, its work is not finished (e.g. a message
 * being sent); the body is `{code: "pending"}` and `Retry-After` says when to ask again (deviceRules.ts:
 * `pending`). A handler returns it instead of its response; only commands whose definition declares
 * `pending` may, and defineCommand writes it (no schema of the response applies to it).
 */
export class PendingAnswer {
  readonly retryAfterInSeconds: number;

  constructor(retryAfterInMs: number) {
    this.retryAfterInSeconds = toRetryAfterSeconds(retryAfterInMs);
  }
}

export function isPendingAnswer(value: unknown): value is PendingAnswer {
  return value instanceof PendingAnswer;
}

/** The body of every 202, for the docs. */
export const pendingBody = z
  .object({ code: z.literal('pending').meta({ description: 'Accepted, not finished: ask again after `Retry-After`.' }) })
  .meta({ id: 'Pending' });
