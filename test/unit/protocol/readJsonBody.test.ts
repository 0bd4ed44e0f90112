import { readJsonBody } from '../../../shared/protocol/readJsonBody';
import { FerryError } from '../../../shared/protocol/ferryError';

/** A body stream that hands out `chunkBytes` at a time for ever and records what its reader did. */
function endlessBody(chunkBytes: number) {
  const seen = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulls++;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function requestWith(body: ReadableStream<Uint8Array> | null, headers: Record<string, string> = {}) {
  return { headers: new Headers(headers), body: body as never };
}

describe('readJsonBody', () => {
  it('cancels the source stream of a body past the limit, so the host stops reading it', async () => {
    const { stream, seen } = endlessBody(1024);
    const failure = await readJsonBody(requestWith(stream), 4096).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FerryError);
    expect((failure as FerryError).code).toBe('payload_too_large');
    // The source's cancel runs within reader.cancel(); one turn of the event loop is plenty.
    await new Promise(setImmediate);
    expect(seen.cancelled).toBe(true);
    // Read up to maxBytes + 1 and not one chunk more (the limit fell in the fifth chunk).
    expect(seen.pulls).toBe(5);
    // The lock is released too: the stream is no longer held by a reader.
    expect(stream.locked).toBe(false);
  });

  it('does not cancel a body within the limit', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"state":"x"}'));
        controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(readJsonBody(requestWith(stream), 4096)).resolves.toEqual({ state: 'x' });
    expect(cancelled).toBe(false);
  });

  it('refuses a larger Content-Length without reading the body', async () => {
    const { stream, seen } = endlessBody(1024);
    await expect(readJsonBody(requestWith(stream, { 'content-length': '4097' }), 4096)).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(seen.pulls).toBe(0);
  });
});
