import { graphErrors } from './graphError';

/** A named String single-value extended property. */
export interface ExtendedProperty {
  id: string;
  value: string;
}

/** A stored item that can carry them (a message, a contact); absent until a client writes one. */
export interface HasExtendedProperties {
  extendedProperties?: ExtendedProperty[];
}

/**
 * Named String single-value extended properties on messages and contacts
 * (https://learn.microsoft.com/graph/api/resources/singlevaluelegacyextendedproperty): written in a
 * create or PATCH body as `singleValueExtendedProperties: [{id, value}]`, found mailbox-wide by
 * `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '...' and ep/value eq '...')`, read back by
 * `$expand=singleValueExtendedProperties($filter=id eq '...')`
 * (https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get). Only the
 * `String {guid} Name name` form is simulated; other forms are 400 (UNVERIFIED which error Graph gives
 * a malformed id). Ids compare case-insensitively; so do values in a `$filter` (the doc: "The filter is
 * applied to the property value in a case-insensitive manner"... UNVERIFIED for `eq`; the design
 * relies only on lowercase hex values).
 */
const namedStringId = /^String \{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\} Name [^\s']{1,255}$/i;

export function isNamedStringPropertyId(id: string): boolean {
  return namedStringId.test(id);
}

/** The `singleValueExtendedProperties` of a request body, validated. */
export function toExtendedProperties(value: unknown): ExtendedProperty[] {
  if (!Array.isArray(value)) throw graphErrors.bodyRead('Cannot convert the literal to the expected type \'Collection(microsoft.graph.singleValueLegacyExtendedProperty)\'.');
  return value.map((raw) => {
    const entry = raw as { id?: unknown; value?: unknown } | null;
    if (!entry || typeof entry.id !== 'string' || typeof entry.value !== 'string' || !isNamedStringPropertyId(entry.id)) {
      throw graphErrors.invalidRequest('Only named String single-value extended properties (String {guid} Name name) are simulated.');
    }
    return { id: entry.id, value: entry.value };
  });
}

/** Sets (or replaces, by id) properties on an item; answers whether anything changed. */
export function setExtendedProperties(message: HasExtendedProperties, properties: readonly ExtendedProperty[]): boolean {
  const current = message.extendedProperties ?? [];
  for (const property of properties) {
    const index = current.findIndex((p) => p.id.toLowerCase() === property.id.toLowerCase());
    if (index >= 0) current[index] = { ...property };
    else current.push({ ...property });
  }
  message.extendedProperties = current;
  return properties.length > 0;
}

export function extendedPropertyOf(message: HasExtendedProperties, id: string): ExtendedProperty | undefined {
  return message.extendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase());
}

export interface ExtendedPropertyFilter {
  id: string;
  value: string;
}

const anyFilter = /^singleValueExtendedProperties\/any\(\s*([A-Za-z]\w*)\s*:\s*\1\/id\s+eq\s+'((?:[^']|'')*)'\s+and\s+\1\/value\s+eq\s+'((?:[^']|'')*)'\s*\)$/i;

/**
 * The documented lambda form, alone in `$filter`; undefined when the filter is something else.
 * UNVERIFIED: combined with other clauses, or other operators than `eq`: 400 here.
 */
export function parseExtendedPropertyFilter(raw: string | null): ExtendedPropertyFilter | undefined {
  if (raw === null || !/^\s*singleValueExtendedProperties\//i.test(raw)) return undefined;
  const match = anyFilter.exec(raw.trim());
  if (!match || !isNamedStringPropertyId(match[2]!.replace(/''/g, "'"))) throw graphErrors.invalidFilter();
  return { id: match[2]!.replace(/''/g, "'"), value: match[3]!.replace(/''/g, "'") };
}

export function matchesExtendedPropertyFilter(message: HasExtendedProperties, filter: ExtendedPropertyFilter): boolean {
  const property = extendedPropertyOf(message, filter.id);
  return property !== undefined && property.value.toLowerCase() === filter.value.toLowerCase();
}

const expandForm = /^singleValueExtendedProperties\(\s*\$filter\s*=\s*id\s+eq\s+'((?:[^']|'')*)'\s*\)$/i;

/** `$expand=singleValueExtendedProperties($filter=id eq '...')`: the property id asked for; anything else 400. */
export function parseExtendedPropertyExpand(raw: string | null): string | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const match = expandForm.exec(raw.trim());
  if (!match) throw graphErrors.invalidRequest(`Parsing OData Select and Expand failed: the simulator expands only singleValueExtendedProperties($filter=id eq '...').`);
  return match[1]!.replace(/''/g, "'");
}

/** The expanded collection: the one property when the message has it, else empty (UNVERIFIED: Graph may leave the key out then). */
export function expandedProperties(message: HasExtendedProperties, id: string): ExtendedProperty[] {
  const property = extendedPropertyOf(message, id);
  return property ? [{ ...property }] : [];
}
