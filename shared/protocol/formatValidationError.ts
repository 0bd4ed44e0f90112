import type { z } from 'zod';

/**
 * A zod error as one line for `detail`: the path and rule of each issue, never the rejected value
 * (it may be mailbox content or a token).
 */
export function formatValidationError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
      if (issue.code === 'unrecognized_keys') return `${path}: unknown field(s) ${issue.keys.map((k) => JSON.stringify(k.slice(0, 64))).join(', ')}`;
      if (issue.code === 'invalid_type') return `${path}: expected ${issue.expected}`;
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
