import type { IncomingMessage } from 'node:http';

/**
 * A request body of at most `maxBytes`, for the simulator's listeners. A longer one is read to its end
 * (so the client gets an answer, not a reset connection) without keeping the excess, then rejected
 * with the caller's error.
 */
export function readBoundedBody(req: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => (size > maxBytes ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
