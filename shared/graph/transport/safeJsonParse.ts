/** Parses a response body as JSON; an empty or unparsable body gives undefined instead of throwing. */
export function safeJsonParse(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
