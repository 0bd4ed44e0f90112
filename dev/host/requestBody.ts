import type http from 'node:http';

/**
 * The unread rest of a body the host drains (discarding it) after the answer so that the connection
 * can carry the next request; past it the answer says `Connection: close`. 100 MiB: the Functions
 * host's default request body limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT).
 */
export const maxDrainBytes = 100 * 1024 * 1024;

/** Bytes the web stream holds before the socket is paused: a body streams, it is not buffered. */
const queuedBytes = 64 * 1024;

export interface RequestBody {
  /** The body as the function reads it. Cancelling it (a 413 part-way) stops delivery, never the connection. */
  stream: ReadableStream<Uint8Array>;
  /** Whether the connection can be kept after the answer: what is left unread fits {@link maxDrainBytes}. */
  keepsConnection(): boolean;
  /** After the answer: reads and drops what the function left, so the next request on the socket parses. */
  drainRest(): void;
}

/**
 * A request body for a function, unlike `Readable.toWeb(req)`, whose cancel destroys the request and so
 * the socket: a device's pooled keep-alive connection then met ECONNRESET right after a refused body,
 * and a body refused unread closed the connection with bytes still arriving (a TCP reset too).
 */
export function requestBody(req: http.IncomingMessage): RequestBody {
  let received = 0;
  let cancelled = false;
  const forward = (chunk: Buffer, controller: ReadableStreamDefaultController<Uint8Array>) => {
    received += chunk.length;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  let onData: ((chunk: Buffer) => void) | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onData = (chunk) => forward(chunk, controller);
        req.on('data', onData);
        req.once('end', () => cancelled || controller.close());
        // Kept for the request's life: a device that goes away mid-body must not become an unhandled 'error'.
        req.on('error', (error) => cancelled || controller.error(error));
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
        req.off('data', onData!);
        req.pause();
      },
    },
    { highWaterMark: queuedBytes, size: (chunk) => chunk.byteLength },
  );
  return {
    stream,
    keepsConnection() {
      if (req.complete) return true;
      const declared = Number(req.headers['content-length']);
      // A chunked body's length is unknown: kept, and cut at the bound if it goes on.
      return !Number.isFinite(declared) || declared - received <= maxDrainBytes;
    },
    drainRest() {
      if (onData) req.off('data', onData);
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > maxDrainBytes) req.socket.destroy();
      });
      req.resume();
    },
  };
}
