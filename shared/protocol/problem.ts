import { errorCodes, type ErrorCode } from './errorCodes';
import { FerryError } from './ferryError';

export const problemContentType = 'application/problem+json';

/** Where the `type` URIs of problems point: the error table in the device API reference. */
export const problemTypeBase = 'https://github.com/ferry/ferry/blob/main/docs/device-api.md#';

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

/** Pure: a FerryError to the problem body and headers the device receives. */
export function toProblem(error: FerryError, requestId: string): { status: number; body: Problem; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...error.headers };
  const body: Problem = {
    type: problemTypeBase + error.code,
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
