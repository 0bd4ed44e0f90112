import type { z } from 'zod';

/**
 * A zod error as one line for `detail`: the path and rule of each issue, never the rejected value
 * (it may be mailbox content or a token). A body that fits none of a request's shapes (mail/sync by
 * `folderId` or by `kind`) says what each shape lacks.
 */
export function formatValidationError(error: z.ZodError): string {
  return formatIssues(error.issues);
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
      if (issue.code === 'unrecognized_keys') return `${path}: unknown field(s) ${issue.keys.map((k) => JSON.stringify(k.slice(0, 64))).join(', ')}`;
      if (issue.code === 'invalid_type') return `${path}: expected ${issue.expected}`;
      if (issue.code === 'invalid_union' && issue.errors.length > 0) return `${path}: fits none of its ${issue.errors.length} shapes: ${issue.errors.map((branch) => `(${formatIssues(branch)})`).join(' or ')}`;
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
