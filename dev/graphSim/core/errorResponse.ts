import { GraphError, toErrorBody } from './graphError';
import type { SimResponse } from './simContext';

/** Ids every answer (and every error body) carries. */
export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** A Graph error envelope as an answer; anything that is not a GraphError is a 500. */
export function errorResponse(error: unknown, ids: RequestIds, nowInMs: number): SimResponse {
  const graphError =
    error instanceof GraphError ? error : new GraphError(500, 'ErrorInternalServerError', 'An internal server error occurred. The operation failed.');
  if (!(error instanceof GraphError)) process.stderr.write(`graphSim: internal error: ${error instanceof Error ? error.stack : typeof error}\n`);
  return {
    status: graphError.status,
    headers: { 'Content-Type': 'application/json', ...graphError.headers },
    body: toErrorBody(graphError, { ...ids, nowInMs }),
  };
}
