import type { GraphMethod } from './graphRequest';
import type { AnswerShape } from './operations';

/**
 * One request as it travels through the client's policies: the GraphRequest with its URL already
 * resolved (and origin-checked) against FERRY_GRAPH_URL. Policies never mutate it; they pass a copy.
 * Modelled on core-rest-pipeline's `PipelineRequest`.
 */
export interface PipelineRequest {
  /** Operation name (logs and errors use it instead of the URL). */
  readonly operation: string;
  readonly method: GraphMethod;
  /** Absolute URL on the Graph origin. Never logged: its query can hold mailbox data. */
  readonly url: URL;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly idempotent: boolean;
  /** A delta request or a followed link: a 410 there means "restart the round". */
  readonly isDelta: boolean;
  /** What a 2xx answer must look like (from the operation table; `any`: JSON or empty). */
  readonly answer: AnswerShape | 'any';
  /** Concurrency permits one attempt holds: 1, or min(4, items) for a `$batch`. */
  readonly permits: number;
  /** 1 for the first attempt; set by the retry policy. */
  readonly attempt: number;
  /** Set by the retry policy after a 401: the attempt asks for a fresh on-behalf-of token. */
  readonly freshToken?: boolean;
}

export interface PipelineResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  readonly body: unknown;
  /** Graph's `request-id` header (log-safe shape only). */
  readonly requestId?: string;
  /**
   * A 2xx whose body is cut, not JSON or not the shape the operation answers with (set by the
   * transport and answerShapePolicy). Graph may have acted; the answer itself is lost.
   */
  readonly brokenBody?: boolean;
  /**
   * Set by the retry policy when decideRetry wanted to wait this long but the wait budget or the deadline
   * refused: the error mapping passes it on to the device as Retry-After.
   */
  readonly retryAfterInMs?: number;
}

export type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;

/** A named step around the transport, like core-rest-pipeline's `PipelinePolicy`. */
export interface PipelinePolicy {
  readonly name: string;
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}

/** Composes policies (first = outermost) over a transport. */
export function createPipeline(policies: readonly PipelinePolicy[], transport: SendRequest): SendRequest {
  return policies.reduceRight<SendRequest>(
    (next, policy) => (request) => policy.sendRequest(request, next),
    transport,
  );
}
