import type { GraphRequestError } from './graphErrors';
import type { GraphByteStream } from './transport/sendForStream';

/**
 * A Graph request as pure data. Request builders (shared/graph/requests/*) return these; only the
 * client turns them into HTTP. `path` is relative to `{FERRY_GRAPH_URL}/v1.0` (e.g. `/me/mailFolders/delta`)
 * unless `link` is set: then it is a link Graph gave us (`@odata.nextLink`/`@odata.deltaLink`),
 * path and query exactly as Graph sent them, which the client only follows on FERRY_GRAPH_URL's origin.
 */
export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface GraphRequest {
  /** Name of the operation in the operation table; used in logs and telemetry instead of the URL. */
  operation: string;
  method: GraphMethod;
  /** Path under /v1.0, with every id segment already URL-encoded. Ignored when `link` is set. */
  path: string;
  query?: Record<string, string>;
  /** An absolute link Graph returned (nextLink/deltaLink), or a path+query relative to the Graph origin. */
  link?: string;
  headers?: Record<string, string>;
  /** JSON, or bytes (a Uint8Array: a photo's `$value`) sent as they are with the request's own `content-type` header. */
  body?: unknown;
  /**
   * False for requests Graph may act on only once (send, create, meeting answers, uploads): those are
   * retried only on 429 or when nothing reached Graph.
   */
  idempotent: boolean;
}

export interface GraphResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  /** Graph's `request-id` header, for logs and support. */
  requestId?: string;
}

/** One page of a Graph collection (delta or plain list). */
export interface GraphPage<T> {
  value: T[];
  /** Path+query (origin dropped) of the next page, if any. */
  nextLink?: string;
  /** Path+query (origin dropped) of the delta link that ends a round, if any. */
  deltaLink?: string;
}

/**
 * One item's result of GraphClient.batch: its 2xx answer, or its failure as the device error it maps
 * to, with the item's own answer when Graph gave one (a 404 there means "absent"). Without `response`,
 * Graph gave no answer for the item: its network fault, broken envelope, deadline or refused wait, or
 * the failure of the `$batch` request itself (then `error.graphStatus` is that request's status).
 */
export type BatchResult<T = unknown> =
  | { readonly ok: true; readonly response: GraphResponse<T> }
  | { readonly ok: false; readonly error: GraphRequestError; readonly response?: GraphResponse };

export interface GraphClient {
  /** Sends one request through the policies. Throws FerryError (or GraphSyncResetError for delta restarts). */
  send<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>>;
  /**
   * Sends requests through `$batch` (20 per batch, at most as many batches in flight as the concurrency
   * allows). Resolves to one result per request, in request order; each item is retried (or not) by the
   * rules of `send`, alone, and a finished item is never sent again. Graph's failures are results, not
   * thrown (see BatchResult); it rejects only on an abort, a foreign link or a programming mistake.
   */
  batch(requests: GraphRequest[]): Promise<BatchResult[]>;
  /**
   * Sends a request of an operation that answers `stream` (a `$value`): resolves once Graph's headers
   * and the first chunk of the body are in (retried by the rules of `send` until then), with the body
   * as a GraphByteStream that yields the rest as the caller pulls it. A failure after that is thrown
   * from the stream and never retried (bytes may have gone on already).
   */
  stream(request: GraphRequest): Promise<GraphResponse<GraphByteStream>>;
  /** Fetches one page: `request` is the first page's request, or a link request. */
  page<T>(request: GraphRequest): Promise<GraphPage<T>>;
  /** Pages through a collection (following nextLink, even when `value` is empty) until deltaLink or the end. */
  pages<T>(request: GraphRequest): AsyncIterable<GraphPage<T>>;
}
