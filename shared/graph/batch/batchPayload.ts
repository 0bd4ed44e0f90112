import { FerryError } from '../../protocol/ferryError';
import { graphVersionPath } from '../graphUrls';
import type { GraphResponse } from '../graphRequest';
import type { PipelineRequest, PipelineResponse } from '../pipeline';
import { immutableIdPreference, mergePrefer } from '../preferHeader';

/** One entry of a `$batch` body. https://learn.microsoft.com/en-us/graph/json-batching#request-format */
export interface BatchRequestItem {
  id: string;
  method: string;
  /** Relative to /v1.0, with the query. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * A request as a batch item. Batch items do not inherit the `$batch` request's headers, so each gets
 * its own `Prefer: IdType="ImmutableId"`, and Content-Type when it has a body (required by Graph).
 */
export function toBatchRequestItem(id: string, request: PipelineRequest): BatchRequestItem {
  if (!request.url.pathname.startsWith(`${graphVersionPath}/`)) {
    throw new FerryError('upstream_error', { logReason: 'foreign_link' });
  }
  const { authorization: _ignored, ...requestHeaders } = request.headers;
  const headers: Record<string, string> = { ...requestHeaders };
  headers.prefer = mergePrefer(immutableIdPreference, headers.prefer);
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  return {
    id,
    method: request.method,
    url: request.url.pathname.slice(graphVersionPath.length) + request.url.search,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) return record;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' || typeof value === 'number') record[name.toLowerCase()] = String(value);
  }
  return record;
}

/**
 * The item answers of a `$batch` response by id (Graph answers in any order), or undefined when the
 * response is not a batch envelope (the `$batch` request itself failed). A 200 envelope is the norm;
 * Graph documents 424 for a batch holding throttled items. https://learn.microsoft.com/en-us/graph/throttling#throttling-and-batching
 */
export function readBatchResponses(response: PipelineResponse): Map<string, GraphResponse> | undefined {
  const envelopeStatus = (response.status >= 200 && response.status < 300) || response.status === 424;
  const items = (response.body as { responses?: unknown } | undefined)?.responses;
  if (!envelopeStatus || !Array.isArray(items)) return undefined;
  const answers = new Map<string, GraphResponse>();
  for (const item of items as unknown[]) {
    const { id, status, headers, body } = (item ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || typeof status !== 'number' || answers.has(id)) continue;
    answers.set(id, { status, headers: lowerCaseHeaders(headers), body, requestId: response.requestId });
  }
  return answers;
}
