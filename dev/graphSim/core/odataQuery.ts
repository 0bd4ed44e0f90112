import { GraphError, graphErrors } from './graphError';

/** Parsed `Prefer` values (several may come in one header, comma-separated, or in several headers). */
export interface Preferences {
  maxPageSize?: number;
  bodyContentType?: 'text' | 'html';
  immutableId: boolean;
  /** `outlook.timezone`: the zone events' start and end are given in (Windows or IANA name, as sent). */
  timeZone?: string;
}

export function parsePrefer(header: string | undefined): Preferences {
  const preferences: Preferences = { immutableId: false };
  for (const part of (header ?? '').split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const [rawName, rawValue = ''] = part.split('=', 2).map((s) => s.trim());
    const name = (rawName ?? '').toLowerCase();
    const value = rawValue.replace(/^"|"$/g, '');
    if (name === 'odata.maxpagesize' && /^\d+$/.test(value) && Number(value) > 0) preferences.maxPageSize = Number(value);
    else if (name === 'outlook.body-content-type' && /^(text|html)$/i.test(value)) preferences.bodyContentType = value.toLowerCase() as 'text' | 'html';
    else if (name === 'outlook.timezone' && value !== '') preferences.timeZone = value;
    else if (name === 'idtype' && value.toLowerCase() === 'immutableid') preferences.immutableId = true;
  }
  return preferences;
}

/**
 * `$select` against the type's property names. Graph matches names case-insensitively and answers an
 * unknown one with RequestBroker--ParseUri. Returns canonical names, or undefined for "all".
 */
export function parseSelect(raw: string | null, known: readonly string[], typeName: string): string[] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const canonical = new Map(known.map((name) => [name.toLowerCase(), name]));
  return raw.split(',').map((part) => {
    const name = part.trim();
    const match = canonical.get(name.toLowerCase());
    if (!match) throw graphErrors.unknownProperty(name, typeName);
    return match;
  });
}

/** A non-negative integer query option, or the default. UNVERIFIED: Graph's exact message. */
export function parseCount(raw: string | null, option: '$top' | '$skip', fallback: number): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new GraphError(400, 'BadRequest', `Invalid value '${raw}' for query option '${option}'.`);
  return Number(raw.trim());
}

/** Options a resource does not know are rejected the way OData does. */
export function rejectUnknownOptions(query: URLSearchParams, allowed: readonly string[]): void {
  for (const key of query.keys()) {
    if (key.startsWith('$') && !allowed.includes(key.toLowerCase())) {
      throw new GraphError(400, 'BadRequest', `Query option '${key}' is not allowed. Make sure that it is supported on the resource.`);
    }
  }
}
