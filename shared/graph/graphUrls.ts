import { checkOutboundUrl } from '../net/checkOutboundUrl';
import { FerryError } from '../protocol/ferryError';
import type { GraphRequest } from './graphRequest';
import { operationDefinition } from './operations';
import type { PipelineRequest } from './pipeline';

/*
 * Every Graph URL Ferry builds or follows: paths from encoded ids (buildGraphUrl, encodeGraphId), the
 * links Graph returns, followed only on FERRY_GRAPH_URL's origin (resolveLink, toRelativeLink), and
 * a GraphRequest resolved into the URL the pipeline sends (toPipelineRequest).
 */

/** Graph API version Ferry speaks; request paths are relative to it. */
export const graphVersionPath = '/v1.0';

/**
 * Builds `{graphUrl}/v1.0{path}?{query}` with URL/URLSearchParams. `path` must already carry encoded
 * ids (see encodeGraphId); a path the URL parser would rewrite (dot segments, raw spaces, `?`, `#`) is a
 * programming mistake and throws a TypeError rather than silently reaching another resource.
 */
export function buildGraphUrl(graphUrl: string, path: string, query?: Readonly<Record<string, string>>): URL {
  if (!path.startsWith('/') || path.includes('?') || path.includes('#')) {
    throw new TypeError('A Graph request path starts with "/" and has no query or fragment.');
  }
  const url = new URL(graphVersionPath + path, graphUrl);
  if (url.pathname !== graphVersionPath + path) {
    throw new TypeError('A Graph request path must be encoded and free of dot segments.');
  }
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.append(name, value);
  return url;
}

/**
 * Encodes one id for a path segment. Graph ids can hold `/`, `+` and `=`, so they are always encoded.
 * `.` and `..` are refused: the URL parser treats them (even as `%2e`) as dot segments, which would
 * move the request to another resource (WHATWG URL, "single-dot/double-dot URL path segment").
 */
export function encodeGraphId(id: string): string {
  if (id === '' || id === '.' || id === '..') throw new RangeError('A Graph id cannot be empty, "." or "..".');
  return encodeURIComponent(id);
}

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

const deltaPath = /\/(?:microsoft\.graph\.)?delta$/;

/**
 * Resolves a GraphRequest against the Graph origin: a link goes through the origin guard (throws
 * `foreign_link` before anything is sent), a path through buildGraphUrl. Header names become lower case.
 */
export function toPipelineRequest(request: GraphRequest, graphUrl: string, permits = 1): PipelineRequest {
  const url =
    request.link !== undefined
      ? resolveLink(request.link, graphUrl)
      : buildGraphUrl(graphUrl, request.path, request.query);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    operation: request.operation,
    method: request.method,
    url,
    headers,
    body: request.body,
    idempotent: request.idempotent,
    // A delta request, or a link of one: only there does a 410 mean "restart the round". A link of a
    // plain listing (childFolders' nextLink) is not one: its 410 is an ordinary failure.
    isDelta: deltaPath.test(url.pathname),
    // A followed link is always a further page of a collection.
    answer: request.link !== undefined ? 'page' : (operationDefinition(request.operation)?.answer ?? 'any'),
    permits,
    attempt: 0,
  };
}
