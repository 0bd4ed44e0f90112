import type { z } from 'zod';
import { errorCodes } from '../../shared/protocol/errorCodes';

export interface RawDeviceAnswer {
  status: number;
  headers: Headers;
  /** The body as received. */
  text: string;
}

/** A stack trace line, a source position, or a file system path. */
const internals = /\bat [\w.<>]+ \(|\.(?:ts|js):\d+|node_modules|\/dist\/|\/shared\/|\/work\/|[A-Z]:\\/;

/**
 * What is wrong with one answer by the rule every device answer follows, or [] when nothing is:
 * no 5xx but 503 with Retry-After; every non-2xx `application/problem+json` with a `code` from the
 * table, `status` equal to the HTTP status and `requestId` equal to `x-request-id`; no stack trace or
 * path; `Cache-Control: no-store`; a 200 matches the command's response schema, a 202 is `pending`
 * with Retry-After; a `download` (a raw
 * command's 2xx) carries the download headers and no content coding.
 */
export function deviceAnswerProblems(answer: RawDeviceAnswer, responseSchema?: z.ZodType, options: { download?: boolean } = {}): string[] {
  const problems: string[] = [];
  const { status, headers, text } = answer;
  if (status >= 500 && !(status === 503 && /^\d+$/.test(headers.get('retry-after') ?? ''))) problems.push(`status ${status}`);
  if (headers.get('cache-control') !== 'no-store') problems.push('Cache-Control is not no-store');
  const requestId = headers.get('x-request-id');
  if (!requestId) problems.push('no x-request-id');
  if (status >= 200 && status < 300) {
    // A download (a raw command's 2xx): a file that must never render or be sniffed (downloadHeaders).
    if (options.download) {
      if (!(headers.get('content-disposition') ?? '').startsWith('attachment;')) problems.push('a download without Content-Disposition: attachment');
      if (headers.get('x-content-type-options') !== 'nosniff') problems.push('a download without nosniff');
      if (headers.get('content-security-policy') !== "default-src 'none'; sandbox") problems.push('a download without the sandboxing CSP');
      if (headers.get('content-encoding') !== null) problems.push('a download with a content coding');
      if (status === 206 && !/^bytes \d+-\d+\/(\d+|\*)$/.test(headers.get('content-range') ?? '')) problems.push('206 without a Content-Range');
    }
    if (status === 202) {
      // The one 202 there is: `pending`, with when to ask again (deviceRules.ts).
      if ((parseJson(text) as { code?: unknown } | undefined)?.code !== 'pending') problems.push('202 without code "pending"');
      if (!/^[1-9]\d*$/.test(headers.get('retry-after') ?? '')) problems.push('202 without Retry-After');
    }
    if (status === 200 && responseSchema) {
      const parsed = responseSchema.safeParse(parseJson(text));
      if (!parsed.success) problems.push(`200 body off the response schema at ${parsed.error.issues[0]?.path.join('.') || 'body'}`);
    }
    return problems;
  }
  if (internals.test(text)) problems.push('the problem names a stack frame or a path');
  if (headers.get('content-type') !== 'application/problem+json') problems.push(`${status} is not application/problem+json`);
  const body = parseJson(text) as Record<string, unknown> | undefined;
  const code = body?.code;
  if (typeof code !== 'string' || !Object.hasOwn(errorCodes, code)) problems.push(`${status} with a code outside the table`);
  else if (errorCodes[code as keyof typeof errorCodes].status !== status) problems.push(`${code} answered with status ${status}`);
  if (body?.status !== status) problems.push('problem status differs from the HTTP status');
  if (body?.requestId !== requestId) problems.push('problem requestId differs from x-request-id');
  if ((status === 429 || status === 503) && !/^\d+$/.test(headers.get('retry-after') ?? '')) problems.push(`${status} without Retry-After`);
  return problems;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
