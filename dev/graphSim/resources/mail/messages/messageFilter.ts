import { GraphError, graphErrors } from '../../../core/graphError';
import type { MessageRecord } from '../mailboxTypes';

/**
 * The slice of OData `$filter`/`$orderby` Outlook supports that clients use: comparisons joined by
 * `and` on receivedDateTime, sentDateTime, lastModifiedDateTime, isRead, isDraft, hasAttachments,
 * importance, flag/flagStatus, subject. Anything else answers 400 (UNVERIFIED which code Graph uses).
 */
export type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface FilterClause {
  property: string;
  op: Comparison;
  value: string | boolean;
}

const dateProps = ['receivedDateTime', 'sentDateTime', 'lastModifiedDateTime', 'createdDateTime'];
const boolProps = ['isRead', 'isDraft', 'hasAttachments'];
const stringProps = ['importance', 'flag/flagStatus', 'subject'];
const canonical = new Map([...dateProps, ...boolProps, ...stringProps].map((p) => [p.toLowerCase(), p]));
const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function parseFilter(raw: string | null): FilterClause[] {
  if (raw === null || raw.trim() === '') return [];
  return raw.trim().split(/\s+and\s+/i).map((term) => {
    const match = /^([A-Za-z/]+)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/i.exec(term.trim());
    const property = match && canonical.get(match[1]!.toLowerCase());
    if (!match || !property) throw graphErrors.invalidFilter();
    const op = match[2]!.toLowerCase() as Comparison;
    const literal = match[3]!.trim();
    if (dateProps.includes(property)) {
      if (!isoDate.test(literal) || Number.isNaN(Date.parse(literal))) throw graphErrors.invalidFilter();
      return { property, op, value: new Date(literal).toISOString() };
    }
    if (boolProps.includes(property)) {
      if (!/^(true|false)$/i.test(literal) || (op !== 'eq' && op !== 'ne')) throw graphErrors.invalidFilter();
      return { property, op, value: literal.toLowerCase() === 'true' };
    }
    const quoted = /^'((?:[^']|'')*)'$/.exec(literal);
    if (!quoted) throw graphErrors.invalidFilter();
    return { property, op, value: quoted[1]!.replace(/''/g, "'") };
  });
}

function valueOf(message: MessageRecord, property: string): string | boolean {
  switch (property) {
    case 'hasAttachments':
      return message.attachments.some((a) => !a.isInline);
    case 'flag/flagStatus':
      return message.flag.flagStatus;
    default: {
      const value = (message as unknown as Record<string, unknown>)[property];
      return dateProps.includes(property) ? new Date(value as string).toISOString() : (value as string | boolean);
    }
  }
}

export function matchesFilter(message: MessageRecord, clauses: FilterClause[]): boolean {
  return clauses.every(({ property, op, value }) => {
    const actual = valueOf(message, property);
    switch (op) {
      case 'eq': return actual === value;
      case 'ne': return actual !== value;
      case 'gt': return actual > value;
      case 'ge': return actual >= value;
      case 'lt': return actual < value;
      case 'le': return actual <= value;
    }
  });
}

export interface OrderBy {
  property: string;
  descending: boolean;
}

export function parseOrderBy(raw: string | null): OrderBy[] {
  if (raw === null || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const match = /^([A-Za-z/]+)(?:\s+(asc|desc))?$/i.exec(part.trim());
    const property = match && canonical.get(match[1]!.toLowerCase());
    if (!match || !property) throw new GraphError(400, 'BadRequest', `Invalid $orderby expression '${part.trim()}'.`);
    return { property, descending: (match[2] ?? 'asc').toLowerCase() === 'desc' };
  });
}

/**
 * With both `$filter` and `$orderby`, Outlook requires the ordered properties to come first in the
 * filter, in the same order, or answers InefficientFilter
 * (https://learn.microsoft.com/graph/api/user-list-messages#using-filter-and-orderby-in-the-same-query).
 */
export function checkFilterOrder(clauses: FilterClause[], orderBy: OrderBy[]): void {
  if (clauses.length === 0 || orderBy.length === 0) return;
  const filterOrder = [...new Set(clauses.map((c) => c.property))];
  orderBy.forEach((o, index) => {
    if (filterOrder[index] !== o.property) {
      throw new GraphError(400, 'InefficientFilter', 'The restriction or sort order is too complex for this operation.');
    }
  });
}

export function compareBy(orderBy: OrderBy[]): (a: MessageRecord, b: MessageRecord) => number {
  return (a, b) => {
    for (const { property, descending } of orderBy) {
      const x = valueOf(a, property);
      const y = valueOf(b, property);
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
