import type { Readable } from 'node:stream';
import { parseCount } from './odataQuery';
import type { HandlerContext, SimResponse } from './simContext';

/** The content type Graph answers JSON with. */
export const odataJson = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': odataJson, 'OData-Version': '4.0', ...headers }, body };
}

/** A non-JSON answer (a file attachment's `$value`): its bytes, sent as they are, base64 inside a `$batch`. */
export function bytes(status: number, contentType: string, content: Buffer): SimResponse {
  return { status, headers: { 'Content-Type': contentType }, body: content };
}

/**
 * A streamed answer body (a large `$value`): `length` bytes made on demand by `open()` as the client
 * reads, never held whole; `whole()` makes them at once where an answer must be one buffer (a `$batch`
 * item, a fault that cuts a body). `withLength` false sends it chunked, without Content-Length.
 */
export class SimByteStream {
  constructor(
    readonly length: number,
    readonly open: () => Readable,
    readonly whole: () => Buffer,
    readonly withLength: boolean,
    /** Break the connection after this many bytes (a test's dropped connection); default never. */
    readonly cutAfter?: number,
  ) {}
}

/** A streamed non-JSON answer. */
export function streamed(status: number, contentType: string, body: SimByteStream, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': contentType, ...headers }, body };
}

/** An answer body as sent over HTTP: raw bytes as they are (a stream made whole), anything else as JSON. */
export function bodyBytes(body: unknown): Buffer {
  if (body instanceof SimByteStream) return body.whole();
  return Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
}

export function noContent(status = 204): SimResponse {
  return { status, headers: {} };
}

/** `@odata.context` for something under the caller's user: `$metadata#users('{oid}')/{path}`. */
export function contextUrl(ctx: HandlerContext, path: string): string {
  return `${ctx.baseUrl}/v1.0/$metadata#users('${ctx.oid}')/${path}`;
}

/** A link to `path` (below the user segment) with `query`, on the origin the client used. */
export function linkTo(ctx: HandlerContext, path: string, query: URLSearchParams): string {
  const search = query.toString();
  return `${ctx.baseUrl}/v1.0/${ctx.userSegment}/${path}${search ? `?${search}` : ''}`;
}

/** `Preference-Applied` for the preferences a handler honoured. */
export function preferenceApplied(parts: { maxPageSize?: number; bodyContentType?: 'text' | 'html'; immutableId?: boolean; timeZone?: string }): Record<string, string> {
  const values: string[] = [];
  if (parts.maxPageSize !== undefined) values.push(`odata.maxpagesize=${parts.maxPageSize}`);
  if (parts.bodyContentType) values.push(`outlook.body-content-type="${parts.bodyContentType}"`);
  if (parts.immutableId) values.push('IdType="ImmutableId"');
  if (parts.timeZone) values.push(`outlook.timezone="${parts.timeZone}"`);
  return values.length > 0 ? { 'Preference-Applied': values.join(', ') } : {};
}

/** Outlook's default page of a plain list is 10, its largest 1000. UNVERIFIED: the cap. */
const defaultListPage = 10;
const maxListPage = 1000;

/**
 * One page of a plain (non-delta) list: `$top` (or Prefer odata.maxpagesize) and `$skip`; the nextLink
 * repeats the request's options with the next `$skip`, as Outlook's list links do.
 */
export function pageList<T>(ctx: HandlerContext, items: T[], path: string): { value: T[]; nextLink?: string; appliedPageSize?: number } {
  const query = ctx.request.query;
  const fromPrefer = query.get('$top') === null ? ctx.prefer.maxPageSize : undefined;
  const top = Math.min(parseCount(query.get('$top'), '$top', fromPrefer ?? defaultListPage), maxListPage);
  const skip = parseCount(query.get('$skip'), '$skip', 0);
  const value = items.slice(skip, skip + top);
  if (skip + top >= items.length) return { value, appliedPageSize: fromPrefer && Math.min(fromPrefer, maxListPage) };
  const next = new URLSearchParams(query);
  next.set('$skip', String(skip + top));
  return { value, nextLink: linkTo(ctx, path, next), appliedPageSize: fromPrefer && Math.min(fromPrefer, maxListPage) };
}
