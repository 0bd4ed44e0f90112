import type { RawAnswer } from '../../protocol/commandDefinition';
import { FerryError } from '../../protocol/ferryError';
import type { RangePlan } from '../../protocol/parseRange';
import { exactly, readRange, sliceBytes, toWebStream, type ByteSource } from './byteStreams';

export interface FileAnswerParts {
  /** The file's headers (downloadHeaders, Accept-Ranges). */
  headers: Record<string, string>;
  /** Graph's Content-Length, when it sent one. */
  length: number | undefined;
  /** Called once when the bytes have gone or failed, with their count. */
  onEnd(bytes: number, failed: boolean): void;
}

/**
 * The answer of a download by its range plan (planRange): the whole file (200, Content-Length only
 * when Graph sent one), a slice of a file of known length (206, streamed), a small range of a file of
 * unknown length read first (206, `bytes a-b/*` or with the length when the file ended inside it),
 * or 416 `range_not_satisfiable` with `bytes *\/<length>`. A streamed body fails, and so breaks the
 * connection, when Graph's bytes fail or come short of the length announced.
 */
export async function rangeAnswer(plan: RangePlan, body: ByteSource, { headers, length, onEnd }: FileAnswerParts): Promise<RawAnswer> {
  switch (plan.kind) {
    case 'whole':
      return {
        status: 200,
        headers: { ...headers, ...(length === undefined ? {} : { 'content-length': String(length) }) },
        body: toWebStream(exactly(body, length, onEnd)),
      };
    case 'slice': {
      const size = plan.end - plan.start + 1;
      return {
        status: 206,
        headers: { ...headers, 'content-range': `bytes ${plan.start}-${plan.end}/${plan.length}`, 'content-length': String(size) },
        body: toWebStream(exactly(sliceBytes(body, plan.start, plan.end), size, onEnd)),
      };
    }
    case 'unsatisfiable':
      await body.return();
      throw unsatisfiable(plan.length);
    case 'buffer': {
      const { bytes, total } = await readRange(body, plan.start, plan.end).catch((error: unknown) => {
        // Nothing went to the device yet: an ordinary answer that says "try again".
        throw new FerryError('upstream_unavailable', { retryAfterInMs: 1000, logReason: 'stream_failed', cause: error });
      });
      if (total !== undefined && plan.start >= total) throw unsatisfiable(total);
      onEnd(bytes.length, false);
      const end = plan.start + bytes.length - 1;
      return {
        status: 206,
        headers: { ...headers, 'content-range': `bytes ${plan.start}-${end}/${total ?? '*'}`, 'content-length': String(bytes.length) },
        body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      };
    }
  }
}

function unsatisfiable(length: number): FerryError {
  return new FerryError('range_not_satisfiable', { headers: { 'content-range': `bytes */${length}` }, logReason: 'range_past_end' });
}
