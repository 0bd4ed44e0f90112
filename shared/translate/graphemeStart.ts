const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The start of the grapheme cluster (UAX #29: a surrogate pair, a base and its combining marks, an
 * emoji ZWJ sequence, a flag, CR LF) holding the code unit at `index` of `text`: `index` itself when a
 * cluster starts there. Only `text` up to the code point at `index` is segmented: whether a cluster
 * breaks before a code point depends on what precedes it and on that code point alone. So the cost is
 * in `index`, never in the length of the body (on Node 20, `containing()` walked the whole text:
 * 5.6 ms at 4 MB, once per cut; issue #24).
 */
export function graphemeStart(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  return graphemes.segment(text.slice(0, index + 2)).containing(index)!.index;
}

/**
 * How much text on either side of a tag decides whether a cluster continues across it: a base and
 * its combining marks, an emoji ZWJ sequence, a flag. A longer cluster (Zalgo text) is cut at a safe
 * but earlier place (see TextTail in truncateHtml.ts).
 */
export const clusterContext = 32;

/**
 * The start of the grapheme cluster holding `text[index]`, reading `before` (the text just before
 * `text`, at most its last clusterContext code units matter) as context: a tag between two runs of text
 * does not end a cluster for the engine that draws them. Negative when that cluster began in `before`.
 */
export function graphemeStartAfter(before: string, text: string, index: number): number {
  const context = before.slice(-clusterContext);
  if (index >= text.length) return text.length;
  return graphemeStart(context + text, context.length + index) - context.length;
}

/** Whether `next` continues the last grapheme cluster of `before` (an accent, a ZWJ or the second half of a flag after a tag). */
export function continuesCluster(before: string, next: string): boolean {
  if (before.length === 0 || next.length === 0) return false;
  // Nothing below U+0300 extends a cluster (Extend, ZWJ, SpacingMark, regional indicators all lie above)
  // but LF after CR, and nothing below U+0600 is Prepend: most text needs no segmenter here.
  const previous = before.charCodeAt(before.length - 1);
  if (next.charCodeAt(0) < 0x300 && previous < 0x600 && previous !== 0x0d /* CR LF is one cluster */) return false;
  return graphemeStartAfter(before, next.slice(0, clusterContext), 0) < 0;
}

/**
 * The start of the last grapheme cluster of `text`, read after `before`: negative when it began in
 * `before`, 0 when `text` is one cluster that does not continue `before`.
 */
export function lastClusterStart(before: string, text: string): number {
  if (text.length === 0) return 0;
  // A code unit below U+0300 after one below U+0600 (not LF after CR) starts a cluster (see continuesCluster).
  const last = text.length - 1;
  const code = text.charCodeAt(last);
  const previous = last > 0 ? text.charCodeAt(last - 1) : before.length > 0 ? before.charCodeAt(before.length - 1) : -1;
  if (code < 0x300 && previous < 0x600 && !(previous === 0x0d && code === 0x0a)) return last;
  return graphemeStartAfter(before, text, text.length - 1);
}
