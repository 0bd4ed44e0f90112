import type { ErrorCode } from '../protocol/errorCodes';

/**
 * The one table from a Graph failure to a device error code. First matching row wins; Graph codes match
 * case-insensitively. Callers may refine a row for their resource (e.g. a 404 on a folder becomes
 * `folder_not_found`) by branching on GraphRequestError.graphStatus.
 */
export interface GraphErrorRule {
  /** Matches this status only (any status when absent). */
  readonly status?: number;
  /** Matches statuses in [from, to] (inclusive). */
  readonly statusRange?: readonly [number, number];
  /** Matches one of these Graph `error.code` values (any code when absent). */
  readonly graphCodes?: readonly string[];
  readonly code: ErrorCode;
  /** The Microsoft page the row is based on. */
  readonly doc: string;
}

const graphErrors = 'https://learn.microsoft.com/en-us/graph/errors';
/** Outlook codes in Graph errors are Exchange response codes. */
const exchangeCodes = 'https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/responsecode';
const expectedErrors = 'https://learn.microsoft.com/en-us/graph/best-practices-concept#handling-expected-errors';

export const graphErrorRules: readonly GraphErrorRule[] = [
  {
    graphCodes: ['MailboxNotEnabledForRESTAPI', 'MailboxNotSupportedForRESTAPI'],
    code: 'mailbox_unavailable',
    doc: 'https://learn.microsoft.com/en-us/exchange/troubleshoot/user-and-shared-mailboxes/rest-api-is-not-yet-supported-for-this-mailbox-error',
  },
  { status: 404, code: 'not_found', doc: graphErrors },
  {
    // The id does not name an item of this mailbox, whatever status carries it. ErrorInvalidIdMalformed
    // (400) is an id Graph cannot parse: from the device's side that item does not exist either.
    graphCodes: ['ErrorItemNotFound', 'ErrorInvalidMailboxItemId', 'ErrorInvalidIdMalformed'],
    code: 'not_found',
    doc: exchangeCodes,
  },
  { status: 403, graphCodes: ['ErrorAccessDenied'], code: 'forbidden', doc: exchangeCodes },
  // Graph still refused the on-behalf-of token after the client exchanged a fresh one (a 401 carrying a
  // claims challenge is `consent_required`, see toFerryError): the device gets a new token and repeats.
  { status: 401, code: 'unauthorized', doc: 'https://learn.microsoft.com/en-us/graph/resolve-auth-errors' },
  { status: 429, code: 'throttled', doc: 'https://learn.microsoft.com/en-us/graph/throttling' },
  { status: 503, code: 'upstream_unavailable', doc: expectedErrors },
  { status: 504, code: 'upstream_unavailable', doc: graphErrors },
  // These two rows name what every other status gets too (mapGraphError's fallback): they are here to
  // cite the page, so their ranges cannot change an answer.
  // Stryker disable next-line ArrayDeclaration: the row's code is the fallback's.
  { statusRange: [400, 499], code: 'upstream_error', doc: graphErrors },
  // Stryker disable next-line ArrayDeclaration: the row's code is the fallback's.
  { statusRange: [500, 599], code: 'upstream_error', doc: graphErrors },
];

function matches(rule: GraphErrorRule, status: number, graphCode: string | undefined): boolean {
  if (rule.status !== undefined && rule.status !== status) return false;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,BooleanLiteral: the only range rows come last and name the fallback's code (see graphErrorRules).
  if (rule.statusRange && (status < rule.statusRange[0] || status > rule.statusRange[1])) return false;
  if (rule.graphCodes) {
    const code = graphCode?.toLowerCase();
    return rule.graphCodes.some((candidate) => candidate.toLowerCase() === code);
  }
  return true;
}

/** Device error code for a Graph status and error code. Anything unmatched (e.g. a 3xx) is `upstream_error`. */
export function mapGraphError(status: number, graphCode: string | undefined): ErrorCode {
  return graphErrorRules.find((rule) => matches(rule, status, graphCode))?.code ?? 'upstream_error';
}

/**
 * A Graph 4xx that says for sure the request was refused and not acted on (a draft without recipients,
 * a message over the size limit, access denied): a non-idempotent request answered so may be made
 * again later, and mail/send clears its send mark. Not: 404 (the item may be in flight, e.g. a message
 * being sent), 408 (a timeout: it may have run), 409 and 412 (another writer: someone else's send),
 * 429 (throttled: not acted on, but the answer is `throttled`, handled by its own rule).
 */
export function isDefiniteRefusal(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status <= 499 && ![404, 408, 409, 412, 429].includes(status);
}
