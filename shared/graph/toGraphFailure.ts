import { GraphRequestError } from './graphRequestError';
import { GraphSyncResetError, syncResetReason } from './graphSyncResetError';
import type { PipelineRequest, PipelineResponse } from './pipeline';
import { readGraphErrorCode } from './readGraphErrorCode';
import { minimumRetryAfterInMs, toFerryError } from './toFerryError';
import type { TransportError } from './transport/transportError';

/** A failed answer: a delta restart, or a device error from the error table. */
export function toGraphFailure(
  response: PipelineResponse,
  request: PipelineRequest,
  nowInMs: number,
): GraphSyncResetError | GraphRequestError {
  const reason = syncResetReason(response.status, readGraphErrorCode(response.body), request.isDelta);
  if (reason) return new GraphSyncResetError(reason, request.operation, response.requestId);
  return toFerryError(response, request.operation, {
    idempotent: request.idempotent,
    retryAfterInMs: response.retryAfterInMs,
    nowInMs,
  });
}

/**
 * No answer from Graph. Nothing sent, or an idempotent request: 503 `upstream_unavailable`, retry later.
 * A non-idempotent request that may have reached Graph: 502 `outcome_unknown` (`outcomeUnknown`): the
 * command may look it up (sendWithLookUp); else the device repeats it by its own rule for that answer.
 */
export function toTransportFailure(error: TransportError, request: PipelineRequest): GraphRequestError {
  const outcomeUnknown = !request.idempotent && error.mayHaveReachedGraph;
  return new GraphRequestError(outcomeUnknown ? 'outcome_unknown' : 'upstream_unavailable', {
    operation: request.operation,
    transportErrorCode: error.code,
    outcomeUnknown,
    retryAfterInMs: outcomeUnknown ? undefined : Math.max(minimumRetryAfterInMs, error.retryAfterInMs ?? 0),
  });
}

/**
 * A 2xx whose body was cut, not JSON or off-schema, after the one retry an idempotent request gets:
 * 502 `upstream_error`. A non-idempotent request was written (Graph acted, its answer was lost):
 * 502 `outcome_unknown`.
 */
export function toBrokenBodyFailure(response: PipelineResponse, request: PipelineRequest): GraphRequestError {
  return new GraphRequestError(request.idempotent ? 'upstream_error' : 'outcome_unknown', {
    operation: request.operation,
    graphStatus: response.status,
    graphRequestId: response.requestId,
    outcomeUnknown: !request.idempotent,
    logReason: 'broken_body',
  });
}
