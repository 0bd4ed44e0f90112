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
  // Bytes go base64 under their own content type, as JSON batching carries any non-JSON body.
  const bytes = request.body instanceof Uint8Array && headers['content-type'] !== undefined;
  if (request.body !== undefined && !bytes) headers['content-type'] = 'application/json';
  const body = bytes ? Buffer.from(request.body as Uint8Array).toString('base64') : request.body;
  return {
    id,
    method: request.method,
    url: request.url.pathname.slice(graphVersionPath.length) + request.url.search,
    headers,
    ...(body === undefined ? {} : { body }),
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

/** `application/json` and its `+json` kin, with or without parameters (`;odata.metadata=minimal`). */
function isJsonMediaType(contentType: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(contentType.trim());
}

/**
 * An item's body as JSON batching carries it: JSON as JSON; any other media type as a base64 string
 * (https://learn.microsoft.com/answers/questions/1352007; OData JSON Format 4.01, "Batch Requests and
 * Responses", spells it base64url, which the same decoder reads), returned as its bytes; an answer
 * without a body (a 204) as `"body": null` or no body at all, returned as undefined like the empty body
 * of a plain request. UNVERIFIED: that Graph base64s `text/*` too (OData would send it as a plain
 * string); a string without a Content-Type is kept as it is.
 */
export function readItemBody(headers: Readonly<Record<string, string>>, body: unknown): unknown {
  if (body === null || body === undefined) return undefined;
  const contentType = headers['content-type'];
  if (typeof body !== 'string' || contentType === undefined || isJsonMediaType(contentType)) return body;
  return Buffer.from(body, 'base64');
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
    const itemHeaders = lowerCaseHeaders(headers);
    answers.set(id, { status, headers: itemHeaders, body: readItemBody(itemHeaders, body), requestId: response.requestId });
  }
  return answers;
}
