import { ReadableStream } from 'node:stream/web';

/*
 * Async generators over a download's chunks (GraphClient.stream's body). Each pulls from its source
 * only as it is pulled itself, and ends its source (`return`, which lets go of Graph's connection)
 * when it stops early or fails, so nothing reads ahead of the device.
 */

export type ByteSource = AsyncGenerator<Buffer, void, undefined>;

/** The bytes `start..end` (inclusive) of the source; stops pulling after `end`. */
export async function* sliceBytes(source: ByteSource, start: number, end: number): ByteSource {
  let position = 0;
  try {
    for await (const chunk of source) {
      const chunkEnd = position + chunk.length;
      if (chunkEnd > start) yield chunk.subarray(Math.max(0, start - position), Math.min(chunk.length, end + 1 - position));
      position = chunkEnd;
      if (position > end) return;
    }
  } finally {
    await source.return();
  }
}

/**
 * The source as it is, failing at its end when it gave another number of bytes than `expected` (the
 * Content-Length Ferry passed on): a short file must break the connection, never look complete.
 */
export async function* exactly(source: ByteSource, expected: number | undefined, onEnd: (bytes: number, failed: boolean) => void): ByteSource {
  let bytes = 0;
  let failed = true;
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (expected !== undefined && bytes > expected) throw new RangeError('The download is longer than its Content-Length.');
      yield chunk;
    }
    if (expected !== undefined && bytes !== expected) throw new RangeError('The download ended before its Content-Length.');
    failed = false;
  } finally {
    onEnd(bytes, failed);
    await source.return();
  }
}

/**
 * Reads the bytes `start..end` into memory (the caller bounds `end - start`). `total` is the file's
 * length when the source ended before `end`, so the answer can name it.
 */
export async function readRange(source: ByteSource, start: number, end: number): Promise<{ bytes: Buffer; total?: number }> {
  const parts: Buffer[] = [];
  let position = 0;
  try {
    for await (const chunk of source) {
      const chunkEnd = position + chunk.length;
      if (chunkEnd > start) parts.push(chunk.subarray(Math.max(0, start - position), Math.min(chunk.length, end + 1 - position)));
      position = chunkEnd;
      if (position > end) return { bytes: Buffer.concat(parts) };
    }
    return { bytes: Buffer.concat(parts), total: position };
  } finally {
    await source.return();
  }
}

/** `first` (a chunk already pulled from `rest`), then the rest. */
export async function* withFirst(first: Buffer | undefined, rest: ByteSource): ByteSource {
  try {
    if (first !== undefined) yield first;
    yield* rest;
  } finally {
    await rest.return();
  }
}

/**
 * A web stream that pulls one chunk from the source per pull of its reader (no queue ahead: the
 * high-water mark is 0), and ends the source when the reader cancels (the device went away).
 */
export function toWebStream(source: ByteSource): globalThis.ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await source.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await source.return();
      },
    },
    { highWaterMark: 0 },
  ) as unknown as globalThis.ReadableStream<Uint8Array>;
}
