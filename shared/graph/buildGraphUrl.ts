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
