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
 * A non-idempotent request that may have reached Graph: 502 `upstream_error` with `outcomeUnknown`,
 * because telling the device to repeat it could send the mail twice.
 */
export function toTransportFailure(error: TransportError, request: PipelineRequest): GraphRequestError {
  const outcomeUnknown = !request.idempotent && error.mayHaveReachedGraph;
  return new GraphRequestError(outcomeUnknown ? 'upstream_error' : 'upstream_unavailable', {
    operation: request.operation,
    transportErrorCode: error.code,
    outcomeUnknown,
    retryAfterInMs: outcomeUnknown ? undefined : Math.max(minimumRetryAfterInMs, error.retryAfterInMs ?? 0),
  });
}
