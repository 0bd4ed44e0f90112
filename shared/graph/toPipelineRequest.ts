import { buildGraphUrl } from './buildGraphUrl';
import type { GraphRequest } from './graphRequest';
import { resolveLink } from './graphLinks';
import { operationDefinition } from './operations';
import type { PipelineRequest } from './pipeline';

const deltaPath = /\/(?:microsoft\.graph\.)?delta$/;

/**
 * Resolves a GraphRequest against the Graph origin: a link goes through the origin guard (throws
 * `foreign_link` before anything is sent), a path through buildGraphUrl. Header names become lower case.
 */
export function toPipelineRequest(request: GraphRequest, graphUrl: string, permits = 1): PipelineRequest {
  const url =
    request.link !== undefined
      ? resolveLink(request.link, graphUrl)
      : buildGraphUrl(graphUrl, request.path, request.query);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    operation: request.operation,
    method: request.method,
    url,
    headers,
    body: request.body,
    idempotent: request.idempotent,
    isDelta: request.link !== undefined || deltaPath.test(request.path),
    // A followed link is always a further page of a collection.
    answer: request.link !== undefined ? 'page' : (operationDefinition(request.operation)?.answer ?? 'any'),
    permits,
    attempt: 0,
  };
}
