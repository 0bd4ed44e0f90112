import { FerryError } from './ferryError';

/** Longest query string a raw command reads, in characters: two ids of at most 512 and their names fit. */
export const maxQueryLength = 4096;

/**
 * A URL query as an object of strings for a raw command's schema. A parameter given twice is 400
 * (`?message=a&message=b`: which one a cache, a proxy or Ferry reads would differ), and so is a query
 * longer than maxQueryLength as sent (`rawQuery`: the URL's search without its `?`).
 */
export function readQuery(query: URLSearchParams, rawQuery: string): Record<string, string> {
  if (rawQuery.length > maxQueryLength) {
    throw new FerryError('bad_request', { detail: `The query must be at most ${maxQueryLength} characters.`, logReason: 'query_too_long' });
  }
  const values = new Map<string, string>();
  for (const [name, value] of query) {
    if (values.has(name)) throw new FerryError('bad_request', { detail: `The query parameter ${JSON.stringify(name.slice(0, 40))} is given more than once.`, logReason: 'duplicate_parameter' });
    values.set(name, value);
  }
  // fromEntries defines each name as an own property, `__proto__` included.
  return Object.fromEntries(values);
}
