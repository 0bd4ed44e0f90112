import { templateUrlPath } from './templateUrlPath';

/**
 * A path, or a path with a query (`http.target`), reduced to its templated path. Undefined when the
 * value does not start with `/`.
 */
export function toTelemetryPath(value: string): string | undefined {
  if (!value.startsWith('/')) return undefined;
  const end = value.search(/[?#]/);
  return templateUrlPath(end === -1 ? value : value.slice(0, end));
}
