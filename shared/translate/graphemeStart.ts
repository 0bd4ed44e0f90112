const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * For `text`, a function giving the start of the grapheme cluster (UAX #29: a surrogate pair, a base
 * and its combining marks, an emoji ZWJ sequence, a flag, CR LF) holding the code unit at `index`:
 * `index` itself when a cluster starts there. ICU's break iterator answers by random access, so
 * asking near the end of a long body does not walk it from the start.
 */
export function graphemeStartFinder(text: string): (index: number) => number {
  const segments = graphemes.segment(text);
  return (index) => (index <= 0 || index >= text.length ? Math.max(0, Math.min(index, text.length)) : segments.containing(index)!.index);
}
