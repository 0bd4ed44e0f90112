import { GraphRequestError } from './graphRequestError';
import { GraphSyncResetError, syncResetReason } from './graphSyncResetError';
import type { PipelineRequest, PipelineResponse } from './pipeline';
import { readGraphErrorCode } from './readGraphErrorCode';
import { minimumRetryAfterInMs, toFerryError } from './toFerryError';
import type { TransportError } from './transport/transportError';

/** What the mapping needs to know of the request that failed. */
export type FailedRequest = Pick<PipelineRequest, 'operation' | 'idempotent'>;

/**
 * The device is told to come back this soon after the command's deadline stopped a Graph call. The
 * deadline is Ferry's own answer budget, not a sign that Graph is struggling: the device's next command
 * starts with a whole budget, so a long wait would only delay it; a couple of seconds keeps a device
 * from coming back in a tight loop while Graph is slow.
 */
export const deadlineRetryAfterInMs = 2000;

/** A failed answer: a delta restart, or a device error from the error table. */
export function toGraphFailure(
  response: PipelineResponse,
  request: FailedRequest & Pick<PipelineRequest, 'isDelta'>,
  nowInMs: number,
  authorizationUri?: string,
): GraphSyncResetError | GraphRequestError {
  const reason = syncResetReason(response.status, readGraphErrorCode(response.body), request.isDelta);
  if (reason) return new GraphSyncResetError(reason, request.operation, response.requestId);
  return toFerryError(response, request.operation, {
    idempotent: request.idempotent,
    retryAfterInMs: response.retryAfterInMs,
    nowInMs,
    authorizationUri,
  });
}

/**
 * No answer from Graph. Nothing sent, or an idempotent request: 503 `upstream_unavailable`, retry later.
 * A non-idempotent request that may have reached Graph: 502 `outcome_unknown` (`outcomeUnknown`): the
 * command may look it up (sendWithLookUp); else the device repeats it by its own rule for that answer.
 * Stopped by the command's deadline: logReason `deadline` (isDeadlineExceeded). An answer past
 * maxGraphAnswerBytes: 502 `upstream_error`, logReason `answer_too_large` (isAnswerTooLarge).
 */
export function toTransportFailure(error: TransportError, request: FailedRequest): GraphRequestError {
  const outcomeUnknown = !request.idempotent && error.mayHaveReachedGraph;
  if (error.code === 'ERR_ANSWER_TOO_LARGE') {
    // Graph answered (and, for a write, acted); the answer is what Ferry will not hold.
    return new GraphRequestError(outcomeUnknown ? 'outcome_unknown' : 'upstream_error', {
      operation: request.operation,
      transportErrorCode: error.code,
      outcomeUnknown,
      logReason: 'answer_too_large',
    });
  }
  const retryAfterInMs = error.byDeadline ? deadlineRetryAfterInMs : Math.max(minimumRetryAfterInMs, error.retryAfterInMs ?? 0);
  return new GraphRequestError(outcomeUnknown ? 'outcome_unknown' : 'upstream_unavailable', {
    operation: request.operation,
    transportErrorCode: error.code,
    outcomeUnknown,
    retryAfterInMs: outcomeUnknown ? undefined : retryAfterInMs,
    ...(error.byDeadline ? { logReason: 'deadline' } : {}),
  });
}

/**
 * A 2xx whose body was cut, not JSON or off-schema, after the one retry an idempotent request gets:
 * 502 `upstream_error`. A non-idempotent request was written (Graph acted, its answer was lost):
 * 502 `outcome_unknown`.
 */
export function toBrokenBodyFailure(response: Pick<PipelineResponse, 'status' | 'requestId'>, request: FailedRequest): GraphRequestError {
  return new GraphRequestError(request.idempotent ? 'upstream_error' : 'outcome_unknown', {
    operation: request.operation,
    graphStatus: response.status,
    graphRequestId: response.requestId,
    outcomeUnknown: !request.idempotent,
    logReason: 'broken_body',
  });
}
