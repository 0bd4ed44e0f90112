import { FerryError } from '../../protocol/ferryError';

/**
 * The one place Ferry writes KQL (https://learn.microsoft.com/graph/search-query-parameter#using-search-on-message-collections).
 * The device never sends KQL: it sends plain values, and this function makes each of them one literal
 * term. Control characters, `"`, `\` and `*` are dropped and white space collapsed, then every term goes
 * in double quotes, so `OR`, `NOT`, `:`, `(` or `$filter=` stay words to look for. Clauses are joined
 * with `AND`. The simulator parses exactly this subset (dev/graphSim/resources/mail/messages/searchKql.ts)
 * and a property test holds the two together.
 *
 * UNVERIFIED: Microsoft documents no escaped quote inside `$search="..."`; `"subject:\"a b\""` is
 * reported to be accepted where `subject:"a b"` is a 400. The property table says `hasAttachment`, its
 * example `hasAttachments:true`: which Exchange takes is not documented either. Dates: KQL `received`
 * counts whole days in a time zone the docs do not name, and the date syntax is UNVERIFIED (the docs'
 * example `received:07/23/2018`; `received>=2023-06-01` reported to work), so each bound is widened by
 * a day and the caller applies the exact bounds to what comes back.
 */
export interface SearchCriteria {
  /** Words anywhere (sender, subject, body): each one a term. */
  text?: string;
  from?: string;
  to?: string;
  subject?: string;
  hasAttachments?: boolean;
  /** ISO date-time, inclusive. */
  receivedAfter?: string;
  /** ISO date-time, exclusive. */
  receivedBefore?: string;
}

/** Most characters of one field (checked on the device's value) and of the whole KQL. */
export const searchFieldMaxChars = 256;
export const searchKqlMaxChars = 1024;

const dayInMs = 24 * 60 * 60 * 1000;
// C0, DEL, C1 controls, and the characters that could end or escape a quoted term or make it a prefix.
// eslint-disable-next-line no-control-regex
const dropped = /[\u0000-\u001f\u007f-\u009f"\\*]/g;

/** A device value as literal search text: dropped characters gone, white space collapsed and trimmed. */
export function cleanSearchText(value: string): string {
  return value.replace(dropped, ' ').replace(/\s+/gu, ' ').trim();
}

/** `YYYY-MM-DD` (UTC) of an instant moved by whole days. */
function dayOf(isoDateTime: string, shiftInDays: number): string {
  return new Date(Date.parse(isoDateTime) + shiftInDays * dayInMs).toISOString().slice(0, 10);
}

/**
 * The KQL for the criteria, or undefined when no clause remains after cleaning (the caller's 400).
 * Past `searchKqlMaxChars`: `400 bad_request`.
 */
export function buildSearchKql(criteria: SearchCriteria): string | undefined {
  const clauses: string[] = [];
  const quoted = (value: string) => `"${value}"`;
  const words = cleanSearchText(criteria.text ?? '');
  if (words) clauses.push(...words.split(' ').map(quoted));
  for (const field of ['from', 'to', 'subject'] as const) {
    const value = cleanSearchText(criteria[field] ?? '');
    if (value) clauses.push(`${field}:${quoted(value)}`);
  }
  if (criteria.hasAttachments === true) clauses.push('hasAttachments:true');
  if (criteria.receivedAfter) clauses.push(`received>=${dayOf(criteria.receivedAfter, -1)}`);
  if (criteria.receivedBefore) clauses.push(`received<=${dayOf(criteria.receivedBefore, 1)}`);
  if (clauses.length === 0) return undefined;
  const kql = clauses.join(' AND ');
  if (kql.length > searchKqlMaxChars) {
    throw new FerryError('bad_request', { detail: `The search is too long: at most ${searchKqlMaxChars} characters of query.`, logReason: 'kql_too_long' });
  }
  return kql;
}

/** The `$search` value: the KQL in double quotes, its own quotes as `\"` (the client percent-encodes it). */
export function searchParameter(kql: string): string {
  return `"${kql.replace(/"/g, '\\"')}"`;
}
