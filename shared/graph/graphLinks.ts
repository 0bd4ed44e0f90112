import { FerryError } from '../protocol/ferryError';
import { checkOutboundUrl } from '../net/checkOutboundUrl';

/**
 * Links Graph returns (`@odata.nextLink`, `@odata.deltaLink`) are followed only on FERRY_GRAPH_URL's
 * origin (scheme, host and port): a link elsewhere would carry the user's token to another host.
 * https://learn.microsoft.com/en-us/graph/paging
 */
function foreignLink(): FerryError {
  return new FerryError('upstream_error', { logReason: 'foreign_link' });
}

const schemeAndAuthority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\\]*/;

/**
 * Drops the origin of a link Graph gave us and returns its path+query exactly as Graph wrote them (the
 * fragment is dropped). Throws FerryError `upstream_error` (logReason `foreign_link`) for another origin.
 */
export function toRelativeLink(absoluteLink: string, graphUrl: string): string {
  const resolved = resolveLink(absoluteLink, graphUrl);
  const authority = schemeAndAuthority.exec(absoluteLink);
  let relative = authority ? absoluteLink.slice(authority[0].length) : absoluteLink;
  relative = relative.split('#', 1)[0] ?? '';
  if (!relative.startsWith('/')) relative = resolved.pathname + resolved.search;
  // `//host` or `/\host` would be read as another authority when resolved again.
  if (/^\/[/\\]/.test(relative)) throw foreignLink();
  return relative;
}

/**
 * Resolves an absolute link or a path+query relative to the Graph origin. Throws FerryError
 * `upstream_error` (logReason `foreign_link`) when the result is not on `graphUrl`'s origin.
 */
export function resolveLink(link: string, graphUrl: string): URL {
  const base = new URL(graphUrl);
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw foreignLink();
  }
  if (url.origin !== base.origin || checkOutboundUrl(url, [base.origin]) !== undefined) throw foreignLink();
  url.hash = '';
  return url;
}
