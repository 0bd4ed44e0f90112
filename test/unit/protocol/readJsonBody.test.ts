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

  describe('what a body must be (mutation testing)', () => {
    /** A body stream of these chunks. */
    const bodyOf = (...chunks: Array<string | Uint8Array>) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
          controller.close();
        },
      });
    const failureOf = (body: ReadableStream<Uint8Array> | null, maxBytes = 1000, headers: Record<string, string> = {}) =>
      readJsonBody(requestWith(body, headers), maxBytes).then(
        () => undefined,
        (error: unknown) => error,
      );
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it('reads a body of exactly maxBytes, in several chunks, whatever Content-Length says within it', async () => {
      await expect(readJsonBody(requestWith(bodyOf('{"a":', '"bc"}'), { 'content-length': '10' }), 10)).resolves.toEqual({ a: 'bc' });
      await expect(readJsonBody(requestWith(bodyOf('{"a":', '"bcd"}'), { 'content-length': '10' }), 10)).rejects.toMatchObject({ code: 'payload_too_large', detail: 'The body must be at most 10 bytes.' });
      expect(await failureOf(bodyOf('{}'), 10, { 'content-length': '11' })).toMatchObject({ code: 'payload_too_large', detail: 'The body must be at most 10 bytes.' });
    });

    it.each([
      ['no body', null, 'empty_body', 'The body must be a JSON object.'],
      ['white space', bodyOf(' \n\t '), 'empty_body', 'The body must be a JSON object.'],
      ['not JSON', bodyOf('{"a":'), 'invalid_json', 'The body is not valid JSON.'],
      ['not UTF-8', bodyOf(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])), 'invalid_utf8', 'The body is not valid UTF-8.'],
      ['a lone surrogate in a value', bodyOf('{"a":"\\ud800"}'), 'lone_surrogate', 'Strings must be well-formed Unicode.'],
      ['a lone surrogate in a key', bodyOf('{"\\udc00":1}'), 'lone_surrogate', 'Strings must be well-formed Unicode.'],
      ['a lone surrogate deep in an array', bodyOf('{"a":[1,{"b":["ok","\\ud800"]}]}'), 'lone_surrogate', 'Strings must be well-formed Unicode.'],
      ['33 levels', bodyOf(nested(33)), 'too_deep', 'JSON nesting deeper than 32.'],
      ['33 levels of objects', bodyOf('{"a":'.repeat(32) + '{}' + '}'.repeat(32)), 'too_deep', 'JSON nesting deeper than 32.'],
    ])('refuses %s: 400 bad_request', async (_name, body, logReason, detail) => {
      expect(await failureOf(body)).toMatchObject({ code: 'bad_request', status: 400, logReason, detail });
    });

    it('accepts 32 levels, a paired surrogate, and scalars and null inside', async () => {
      await expect(readJsonBody(requestWith(bodyOf(nested(32))), 1000)).resolves.toHaveLength(1);
      // Depth counts containers: a scalar or null inside the 32nd is no 33rd level.
      for (const scalar of ['1', 'null', '"s"', 'true']) {
        await expect(readJsonBody(requestWith(bodyOf('['.repeat(32) + scalar + ']'.repeat(32))), 1000)).resolves.toHaveLength(1);
      }
      await expect(readJsonBody(requestWith(bodyOf('{"a":"\\ud83d\\ude00","b":[null,1,true]}')), 1000)).resolves.toEqual({ a: '😀', b: [null, 1, true] });
    });
  });
});
