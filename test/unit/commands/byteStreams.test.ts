import fc from 'fast-check';
import { exactly, readRange, sliceBytes, toWebStream, withFirst, type ByteSource } from '../../../shared/commands/download/byteStreams';

/** A source of `chunks` that counts how many were pulled and whether it was ended (its connection let go). */
function countingSource(chunks: Buffer[], failAfter?: number): { source: ByteSource; pulled: () => number; ended: () => boolean } {
  let pulled = 0;
  let ended = false;
  async function* generate(): ByteSource {
    try {
      for (const chunk of chunks) {
        if (failAfter !== undefined && pulled >= failAfter) throw new Error('connection reset');
        pulled++;
        yield chunk;
      }
    } finally {
      ended = true;
    }
  }
  return { source: generate(), pulled: () => pulled, ended: () => ended };
}

const bytesOf = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 3) % 256));
const chunked = (bytes: Buffer, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
async function collect(source: ByteSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('download byte streams', () => {
  it('sliceBytes gives exactly bytes start..end of any chunking, and stops pulling after end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 64 }), fc.nat(), fc.nat(), async (length, size, a, b) => {
        const bytes = bytesOf(length);
        const [start, end] = [a % length, b % length].sort((x, y) => x - y) as [number, number];
        const counted = countingSource(chunked(bytes, size));
        expect((await collect(sliceBytes(counted.source, start, end))).equals(bytes.subarray(start, end + 1))).toBe(true);
        expect(counted.pulled()).toBe(Math.floor(end / size) + 1);
        expect(counted.ended()).toBe(true);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('readRange reads the range, and the total when the file ends inside it', async () => {
    const bytes = bytesOf(100);
    expect(await readRange(countingSource(chunked(bytes, 30)).source, 10, 19)).toEqual({ bytes: bytes.subarray(10, 20) });
    expect(await readRange(countingSource(chunked(bytes, 30)).source, 90, 150)).toEqual({ bytes: bytes.subarray(90), total: 100 });
    expect(await readRange(countingSource(chunked(bytes, 30)).source, 100, 150)).toEqual({ bytes: Buffer.alloc(0), total: 100 });
  });

  it('exactly fails a stream shorter or longer than its Content-Length, and reports the count', async () => {
    const ends: Array<[number, boolean]> = [];
    const onEnd = (bytes: number, failed: boolean) => ends.push([bytes, failed]);
    expect((await collect(exactly(countingSource(chunked(bytesOf(50), 20)).source, 50, onEnd))).length).toBe(50);
    await expect(collect(exactly(countingSource(chunked(bytesOf(50), 20)).source, 60, onEnd))).rejects.toThrow(/ended before/);
    await expect(collect(exactly(countingSource(chunked(bytesOf(50), 20)).source, 40, onEnd))).rejects.toThrow(/longer/);
    await expect(collect(exactly(countingSource(chunked(bytesOf(50), 20), 1).source, undefined, onEnd))).rejects.toThrow(/reset/);
    expect(ends).toEqual([[50, false], [50, true], [50, true], [20, true]]);
  });

  it('withFirst puts a pulled chunk back in front', async () => {
    const counted = countingSource(chunked(bytesOf(40), 10));
    const first = await counted.source.next();
    expect((await collect(withFirst(first.value as Buffer, counted.source))).equals(bytesOf(40))).toBe(true);
  });

  it('toWebStream pulls one chunk per read, never ahead, and ends the source when the reader cancels', async () => {
    const counted = countingSource(chunked(bytesOf(1000), 10));
    const reader = toWebStream(counted.source).getReader();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counted.pulled()).toBe(0);
    await reader.read();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counted.pulled()).toBe(2);
    await reader.cancel();
    expect(counted.ended()).toBe(true);
  });

  it('toWebStream errors when the source fails after its first chunk (the connection then breaks)', async () => {
    const reader = toWebStream(countingSource(chunked(bytesOf(100), 10), 3).source).getReader();
    for (let i = 0; i < 3; i++) expect((await reader.read()).done).toBe(false);
    await expect(reader.read()).rejects.toThrow(/reset/);
  });
});
