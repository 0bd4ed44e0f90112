/** Response headers a browser may read besides the CORS-safelisted ones. */
const exposedHeaders = 'x-request-id, retry-after, www-authenticate, content-disposition, content-range, server-timing';
/** How long a browser may reuse a preflight answer, in seconds. */
const preflightMaxAgeInSeconds = 600;

export interface CorsDecision {
  /** Headers to add to the answer: none when CORS is off or the origin is not listed. */
  headers: Record<string, string>;
  /** True for a preflight from a listed origin: answer 204 with `headers` and nothing else. */
  preflight: boolean;
}

const none: CorsDecision = { headers: {}, preflight: false };

/**
 * CORS for the device API (Fetch standard, "CORS protocol"). Off unless FERRY_CORS_ORIGINS lists
 * exact origins; a request whose `Origin` is not listed gets no CORS header at all (the browser then
 * withholds the answer), and `*` is never sent. No `Access-Control-Allow-Credentials`: devices send
 * bearer tokens, never cookies. `allowedOrigins` is read lazily and a failure to read it (bad
 * configuration) means CORS off: this runs before the command's own error handling.
 */
export function corsDecision(
  request: { method: string; headers: { get(name: string): string | null } },
  allowedOrigins: () => readonly string[],
): CorsDecision {
  const origin = request.headers.get('origin');
  if (origin === null) return none;
  let allowed: readonly string[];
  try {
    allowed = allowedOrigins();
  } catch {
    return none;
  }
  if (allowed.length === 0) return none;
  // Answers differ by Origin: a shared cache must not serve one origin's answer to another.
  if (!allowed.includes(origin)) return { headers: { vary: 'Origin' }, preflight: false };
  const headers: Record<string, string> = {
    vary: 'Origin',
    'access-control-allow-origin': origin,
    'access-control-expose-headers': exposedHeaders,
  };
  if (request.method !== 'OPTIONS' || request.headers.get('access-control-request-method') === null) return { headers, preflight: false };
  return {
    headers: {
      ...headers,
      // GET and Range for the one download (mail/attachment); POST for every other command.
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'authorization, content-type, range, if-range',
      'access-control-max-age': String(preflightMaxAgeInSeconds),
    },
    preflight: true,
  };
}
