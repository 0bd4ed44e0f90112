import { randomUUID } from 'node:crypto';
import type { HttpResponseInit } from '@azure/functions';
import { FerryError } from './ferryError';
import { toProblem, problemContentType } from './problem';

export async function unknownCommandHandler(): Promise<HttpResponseInit> {
  const requestId = randomUUID();
  const problem = toProblem(new FerryError('unknown_command', { detail: 'There is no command at this path on this server.' }), requestId);
  return {
    status: problem.status,
    jsonBody: problem.body,
    headers: { ...problem.headers, 'content-type': problemContentType, 'x-request-id': requestId, 'cache-control': 'no-store' },
  };
}
