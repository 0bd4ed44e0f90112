/** Graph error codes are identifiers such as `ErrorItemNotFound`; anything else is not trusted as one. */
const graphCodeShape = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Reads `error.code` from a Graph error body (https://learn.microsoft.com/en-us/graph/errors#json-representation).
 * Only the code: the message can quote mailbox content and is never read.
 */
export function readGraphErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && graphCodeShape.test(code) ? code : undefined;
}
