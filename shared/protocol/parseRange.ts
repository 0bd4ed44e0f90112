/** A single byte range `bytes=a-b` (`end` inclusive) or `bytes=a-` (no `end`). */
export interface ByteRange {
  start: number;
  end?: number;
}

const singleRange = /^bytes[ \t]*=[ \t]*(\d{1,15})[ \t]*-[ \t]*(\d{0,15})[ \t]*$/i;

/**
 * The one range Ferry serves from a `Range` header: `bytes=a-b` or `bytes=a-`. Anything else (no
 * header, a suffix `bytes=-n`, several ranges, another unit, `b < a`, a malformed value) is undefined:
 * the whole file with 200, which RFC 9110 §14.2 allows a server to send for any Range.
 */
export function parseRange(header: string | undefined): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = singleRange.exec(header);
  if (!match) return undefined;
  const start = Number(match[1]);
  if (match[2] === '') return { start };
  const end = Number(match[2]);
  return end >= start ? { start, end } : undefined;
}

/** Most bytes of a range Ferry holds in memory when Graph did not say the file's length. */
export const maxBufferedRangeBytes = 8 * 1024 * 1024;

/**
 * How a range is served, given the file's length when Graph sent one:
 * - `whole`: 200 and every byte (no range, or a range Ferry does not serve: open-ended or larger than
 *   maxBufferedRangeBytes while the length is unknown);
 * - `slice`: 206 `bytes start-end/length` (the end cut to the last byte);
 * - `unsatisfiable`: 416 `bytes *\/length` (the start is past the end);
 * - `buffer`: the length is unknown and the range small: Ferry reads it into memory first, then knows
 *   whether it is satisfiable.
 */
export type RangePlan =
  | { kind: 'whole' }
  | { kind: 'slice'; start: number; end: number; length: number }
  | { kind: 'unsatisfiable'; length: number }
  | { kind: 'buffer'; start: number; end: number };

export function planRange(range: ByteRange | undefined, length: number | undefined): RangePlan {
  if (range === undefined) return { kind: 'whole' };
  if (length !== undefined) {
    if (range.start >= length) return { kind: 'unsatisfiable', length };
    return { kind: 'slice', start: range.start, end: Math.min(range.end ?? length - 1, length - 1), length };
  }
  if (range.end === undefined || range.end - range.start + 1 > maxBufferedRangeBytes) return { kind: 'whole' };
  return { kind: 'buffer', start: range.start, end: range.end };
}
