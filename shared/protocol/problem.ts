import { errorCodes, type ErrorCode } from './errorCodes';
import { FerryError } from './ferryError';
import { defaultProblemTypeBase } from './problemTypeBase';

export const problemContentType = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  retryAfter?: number;
  requestId: string;
}

/** RFC 9110 §10.2.3: Retry-After in whole seconds; never 0, so a device always backs off. */
export function toRetryAfterSeconds(retryAfterInMs: number): number {
  return Math.max(1, Math.ceil(retryAfterInMs / 1000));
}

/**
 * Pure: a FerryError to the problem body and headers the device receives. `typeBase` is the
 * configured `FERRY_PROBLEM_TYPE_BASE` (problemTypeBase.ts); the type is it followed by the code.
 */
export function toProblem(
  error: FerryError,
  requestId: string,
  typeBase: string = defaultProblemTypeBase,
): { status: number; body: Problem; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...error.headers };
  const body: Problem = {
    type: typeBase + error.code,
    title: errorCodes[error.code].title,
    status: error.status,
    code: error.code,
    requestId,
  };
  // internal_error never carries details: they could describe internals.
  if (error.detail && error.code !== 'internal_error') body.detail = error.detail;
  if (error.retryAfterInMs !== undefined) {
    body.retryAfter = toRetryAfterSeconds(error.retryAfterInMs);
    headers['retry-after'] = String(body.retryAfter);
  }
  return { status: error.status, body, headers };
}
