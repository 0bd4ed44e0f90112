import type { GraphRequest } from '../graphRequest';

/** A request that follows a link Graph returned; the client checks its origin before sending. */
export function linkRequest(operation: string, link: string, headers: Record<string, string>): GraphRequest {
  return { operation, method: 'GET', path: '', link, headers, idempotent: true };
}

/**
 * Prefer values Ferry sends besides IdType (added by the client): a page size maximum and the body
 * format Graph should render (https://learn.microsoft.com/graph/api/message-get#request-headers).
 */
export function preferHeaders(options: { maxPageSize?: number; bodyContentType?: 'text' | 'html'; timeZone?: string }): Record<string, string> {
  const values: string[] = [];
  if (options.maxPageSize !== undefined) values.push(`odata.maxpagesize=${options.maxPageSize}`);
  if (options.bodyContentType) values.push(`outlook.body-content-type="${options.bodyContentType}"`);
  // Events' start and end in this zone (https://learn.microsoft.com/graph/api/event-get#request-headers).
  if (options.timeZone) values.push(`outlook.timezone="${options.timeZone}"`);
  return values.length > 0 ? { Prefer: values.join(', ') } : {};
}
