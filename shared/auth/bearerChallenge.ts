/**
 * A `WWW-Authenticate` value for the Bearer scheme (RFC 6750 §3) in realm "ferry". Parameters are
 * written in the given order; values are fixed strings or base64, never text taken from a token, so
 * no quoting beyond the surrounding quotes is needed (a `"` or `\` is a programming mistake).
 */
export function bearerChallenge(parameters: Record<string, string> = {}): string {
  const parts = [`realm="ferry"`];
  for (const [name, value] of Object.entries(parameters)) {
    if (/["\\\r\n]/.test(value)) throw new TypeError(`WWW-Authenticate parameter ${name} must not need escaping`);
    parts.push(`${name}="${value}"`);
  }
  return `Bearer ${parts.join(', ')}`;
}
