import { randomUUID } from 'node:crypto';
import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import { FerryError } from './ferryError';
import { toProblem, problemContentType } from './problem';
import { configuredProblemTypeBase } from './problemTypeBase';
import type { FrontDoorSettings } from './commandRuntime';
import { createServerTiming, serverTimingHeader } from '../observability/serverTiming';

/**
 * The handler of every /api/v1 path no command claims: `404 unknown_command` as problem+json, whose
 * device rule drops nothing (the app is newer than this server). Of `runtime` it reads only the base
 * of problem types.
 */
export function createUnknownCommandHandler(runtime: () => { readonly config: Pick<FrontDoorSettings, 'FERRY_PROBLEM_TYPE_BASE'> }, timingNow?: () => number): HttpHandler {
  return async (): Promise<HttpResponseInit> => {
    const timing = createServerTiming(timingNow);
    const requestId = randomUUID();
    const error = new FerryError('unknown_command', { detail: 'There is no command at this path on this server.' });
    const problem = toProblem(error, requestId, configuredProblemTypeBase(runtime));
    return {
      status: problem.status,
      jsonBody: problem.body,
      headers: { ...problem.headers, 'content-type': problemContentType, 'x-request-id': requestId, 'cache-control': 'no-store', [serverTimingHeader]: timing.header() },
    };
  };
}
