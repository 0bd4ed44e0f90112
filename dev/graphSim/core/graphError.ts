/**
 * The one error type handlers throw. It becomes Graph's envelope
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`
 * (https://learn.microsoft.com/graph/errors), with the status and any extra headers (Retry-After,
 * Location, WWW-Authenticate) it carries.
 */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  /** Extra innerError fields (the throttling sample adds code/status/message there). */
  readonly innerError: Record<string, string>;
  /** No innerError at all: `{"error":{"code","message"}}`, as Outlook's `ApplicationThrottled` 429s come. */
  readonly bare: boolean;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { headers?: Record<string, string>; innerError?: Record<string, string>; bare?: boolean } = {},
  ) {
    super(message);
    this.name = 'GraphError';
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
    this.innerError = options.innerError ?? {};
    this.bare = options.bare ?? false;
  }
}

/** Graph's innerError date: seconds precision, no zone designator ("2025-02-13T10:17:05"). */
export function innerErrorDate(nowInMs: number): string {
  return new Date(nowInMs).toISOString().slice(0, 19);
}

export function toErrorBody(error: GraphError, ids: { requestId: string; clientRequestId: string; nowInMs: number }): unknown {
  if (error.bare) return { error: { code: error.code, message: error.message } };
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        ...error.innerError,
        date: innerErrorDate(ids.nowInMs),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

/** Errors several handlers raise, with the codes and messages Exchange/Graph use for them. */
export const graphErrors = {
  itemNotFound: () => new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.'),
  idMalformed: () => new GraphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.'),
  badJson: () =>
    new GraphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'),
  segmentNotFound: (segment: string) => new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  methodNotAllowed: () => new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
  unknownProperty: (name: string, type: string) =>
    new GraphError(400, 'RequestBroker--ParseUri', `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`),
  bodyRead: (message: string) => new GraphError(400, 'RequestBodyRead', message),
  invalidRequest: (message: string) => new GraphError(400, 'ErrorInvalidRequest', message),
  // UNVERIFIED: Outlook's code for an unsupported $filter; seen in the wild, not in the docs.
  invalidFilter: () => new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.'),
  accessDenied: () => new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
  // A repeated DELETE of a message with immutable ids (microsoftgraph/msgraph-sdk-dotnet#3047).
  cannotDeleteObject: () => new GraphError(403, 'ErrorCannotDeleteObject', 'Object cannot be deleted.'),
};
