/**
 * Encodes one id for a path segment. Graph ids can hold `/`, `+` and `=`, so they are always encoded.
 * `.` and `..` are refused: the URL parser treats them (even as `%2e`) as dot segments, which would
 * move the request to another resource (WHATWG URL, "single-dot/double-dot URL path segment").
 */
export function encodeGraphId(id: string): string {
  if (id === '' || id === '.' || id === '..') throw new RangeError('A Graph id cannot be empty, "." or "..".');
  return encodeURIComponent(id);
}
