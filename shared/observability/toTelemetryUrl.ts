import { templateUrlPath } from './templateUrlPath';

/**
 * An absolute URL reduced to what telemetry may keep: origin (scheme, host, port; never user info)
 * and the templated path. The query (delta tokens, `$filter` values, `client_id`), the fragment and
 * every id in the path are gone. Undefined when the value is not an absolute http(s) URL.
 */
export function toTelemetryUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.origin + templateUrlPath(url.pathname);
}

