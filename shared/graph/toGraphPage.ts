import { FerryError } from '../protocol/ferryError';
import type { GraphPage } from './graphRequest';
import { toRelativeLink } from './graphUrls';

function invalidPage(): FerryError {
  return new FerryError('upstream_error', { logReason: 'invalid_page' });
}

function readLink(body: Record<string, unknown>, name: string, graphUrl: string): string | undefined {
  const link = body[name];
  if (link === undefined || link === null) return undefined;
  if (typeof link !== 'string') throw invalidPage();
  return toRelativeLink(link, graphUrl);
}

/**
 * Reads one page of a Graph collection: `value` plus the next/delta link with the origin dropped.
 * A body that is not an object with a `value` array is `upstream_error` (logReason `invalid_page`);
 * a link to another origin is `upstream_error` (logReason `foreign_link`).
 */
export function toGraphPage<T>(body: unknown, graphUrl: string): GraphPage<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidPage();
  const record = body as Record<string, unknown>;
  if (!Array.isArray(record.value)) throw invalidPage();
  const page: GraphPage<T> = { value: record.value as T[] };
  const nextLink = readLink(record, '@odata.nextLink', graphUrl);
  const deltaLink = readLink(record, '@odata.deltaLink', graphUrl);
  if (nextLink !== undefined) page.nextLink = nextLink;
  if (deltaLink !== undefined) page.deltaLink = deltaLink;
  return page;
}
