const seconds = /^\d+(?:\.\d+)?$/;
const httpDate = /^[A-Za-z]{3}/;

/**
 * Reads a Retry-After value (RFC 9110 §10.2.3): delay-seconds, which Graph sometimes sends with a
 * fraction (`2.128`), or an HTTP-date. Returns milliseconds (a date in the past gives 0), or undefined
 * when the value is missing or unreadable.
 */
export function parseRetryAfterInMs(value: string | undefined, nowInMs: number): number | undefined {
  const trimmed = value?.trim();
  // Stryker disable next-line ConditionalExpression: neither pattern reads '' and "undefined" is no date; this only says so first.
  if (!trimmed) return undefined;
  if (seconds.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!httpDate.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - nowInMs) : undefined;
}
