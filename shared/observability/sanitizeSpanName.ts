import { toTelemetryPath } from './toTelemetryPath';

const methodOnly = /^(?:HTTPS? )?[A-Z]{3,7}$/;
const methodAndPath = /^([A-Z]{3,7}) (\/\S*)$/;
/** Ferry's own spans: `ferry` and a command route such as `folders/sync`. */
const ferrySpan = /^ferry(?: [a-z][A-Za-z]{0,31}(?:\/[a-z][A-Za-z]{0,31}){0,3})?$/;

/** What an unknown span name becomes: the name could hold anything, so none of it is kept. */
export const redactedSpanName = 'span';

/**
 * A span name telemetry may show: an HTTP method (`GET`), a method and templated path
 * (`GET /v1.0/me/mailFolders/:id`), or one of Ferry's own names. Anything else becomes `span`.
 */
export function sanitizeSpanName(name: string): string {
  if (methodOnly.test(name) || ferrySpan.test(name)) return name;
  const match = methodAndPath.exec(name);
  if (match) return `${match[1]} ${toTelemetryPath(match[2]!)}`;
  return redactedSpanName;
}
