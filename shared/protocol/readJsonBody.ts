import type { HttpRequest } from '@azure/functions';
import { FerryError } from './ferryError';

/** Deepest nesting accepted in a request body; deeper documents are 400 before validation. */
export const maxJsonDepth = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and parses a JSON request body within `maxBytes`. The limit is enforced twice: a larger
 * Content-Length is refused before reading a byte, and the stream is cancelled at `maxBytes + 1`.
 * Invalid UTF-8 is refused (not silently replaced by U+FFFD), and so are lone surrogates escaped in
 * JSON strings (`"\ud800"`), which would otherwise fail later in encodeURIComponent.
 */
export async function readJsonBody(request: Pick<HttpRequest, 'headers' | 'body'>, maxBytes: number): Promise<unknown> {
  const declared = request.headers.get('content-length');
  // Stryker disable next-line ConditionalExpression: Number(null) is 0, never over the limit; the null check only says what is meant.
  if (declared !== null && Number(declared) > maxBytes) {
    throw new FerryError('payload_too_large', { detail: `The body must be at most ${maxBytes} bytes.` });
  }
  const bytes = await readAtMost(request, maxBytes);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new FerryError('bad_request', { detail: 'The body is not valid UTF-8.', logReason: 'invalid_utf8' });
  }
  if (text.trim() === '') throw new FerryError('bad_request', { detail: 'The body must be a JSON object.', logReason: 'empty_body' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FerryError('bad_request', { detail: 'The body is not valid JSON.', logReason: 'invalid_json' });
  }
  checkJsonValue(value);
  return value;
}

/** Reads a body within `maxBytes` (413 `payload_too_large` past it, the stream cancelled); a declared larger Content-Length is refused unread. */
export async function readBodyBytes(request: Pick<HttpRequest, 'headers' | 'body'>, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    throw new FerryError('payload_too_large', { detail: `The body must be at most ${maxBytes} bytes.` });
  }
  return readAtMost(request, maxBytes);
}

async function readAtMost(request: Pick<HttpRequest, 'body'>, maxBytes: number): Promise<Uint8Array> {
  const body = request.body;
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Releasing the lock alone leaves the stream open, and the host goes on reading (and buffering) the
        // rest of a body nobody will read. Cancelling tells the source to stop. Not awaited: a source slow
        // to cancel must not hold back the 413.
        reader.cancel().catch(() => undefined);
        throw new FerryError('payload_too_large', { detail: `The body must be at most ${maxBytes} bytes.` });
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks);
}

/** Iterative walk: nesting depth and string well-formedness, without recursion a deep body could exhaust. */
function checkJsonValue(root: unknown): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) throw new FerryError('bad_request', { detail: 'Strings must be well-formed Unicode.', logReason: 'lone_surrogate' });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxJsonDepth) throw new FerryError('bad_request', { detail: `JSON nesting deeper than ${maxJsonDepth}.`, logReason: 'too_deep' });
    const children = Array.isArray(value) ? value : Object.entries(value).flat();
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
}
