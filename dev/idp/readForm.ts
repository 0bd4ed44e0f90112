import type { IncomingMessage } from 'node:http';

const maxBodyInBytes = 64 * 1024;

/**
 * Reads an `application/x-www-form-urlencoded` body (RFC 6749 §3.2: token requests are form posts).
 * Undefined for another content type or a body over 64 KB, which the caller answers with 400.
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyInBytes) return undefined;
    chunks.push(chunk);
  }
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
