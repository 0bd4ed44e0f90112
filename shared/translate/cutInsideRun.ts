import { decodeHTML } from 'entities';
import { clusterContext, graphemeStartAfter } from './graphemeStart';
import type { HtmlContent } from './htmlTokenStream';

/**
 * A reference as far as it could reach: `&`, then `#` and digits or `#x` and hex digits, or letters
 * and digits, then `;`. Longer than the HTML standard's match where it stops early (`&notit;` is
 * `&not` + `it;`), never shorter, so a cut that keeps such a span whole never splits a reference.
 */
const reference = /&(?:#[xX][0-9A-Fa-f]*|#[0-9]*|[A-Za-z0-9]*);?/y;
const cdataSection = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/y;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The end of the longest prefix of the run `[start, end)` that ends at most at `rawLimit`, holds at
 * most `visibleRoom` decoded characters and ends between grapheme clusters of the decoded text and
 * between atoms of the source (a reference, a CR LF, a surrogate pair, a CDATA section); `start` when
 * none does. The run's text is read after `before` (the text kept before it, across tags): a cluster
 * begun there and continued by the run leaves nothing of the run. Reads the run only up to one atom
 * past the limit (what decides the last boundary), so a cut costs time in what it keeps, not in the body.
 */
export function cutInsideRun(html: string, start: number, end: number, content: HtmlContent, rawLimit: number, visibleRoom: number, before: string): number {
  const limit = Math.min(rawLimit, end, start + Math.min(visibleRoom, end - start));
  if (limit <= start) return start;
  // Most text has no reference, CR or CDATA section before the cut: the source is its own decoding.
  const plain = !/[&\r]|<!\[CDATA\[/.test(html.slice(start, Math.min(html.length, limit + 2)));
  if (plain) return start + Math.max(0, graphemeStartAfter(before, html.slice(start, Math.min(end, limit + 2)), limit - start));
  const decoded: string[] = [];
  /** Source offset and decoded offset after each atom that fits. */
  const rawAt: number[] = [start];
  const decodedAt: number[] = [0];
  let decodedLength = 0;
  let i = start;
  while (i < end) {
    const [next, text] = atomAt(html, i, content);
    decoded.push(text);
    decodedLength += text.length;
    i = next;
    if (next > rawLimit || decodedLength > visibleRoom) break; // the lookahead atom, not a candidate
    rawAt.push(next);
    decodedAt.push(decodedLength);
  }
  const context = before.slice(-clusterContext);
  const segments = graphemes.segment(context + decoded.join(''));
  // From the last atom that fits, back to one that ends between grapheme clusters (one or two steps);
  // a cluster begun before the run (negative start) leaves nothing of it.
  for (let k = rawAt.length - 1; k > 0; ) {
    const at = decodedAt[k]!;
    const clusterStart = at >= decodedLength ? at : segments.containing(context.length + at)!.index - context.length;
    if (clusterStart === at) return rawAt[k]!;
    while (k > 0 && decodedAt[k]! > clusterStart) k--;
  }
  return start;
}

/** The atom of source at `i` (end, decoded text): see cutInsideRun. */
function atomAt(html: string, i: number, content: HtmlContent): [number, string] {
  const c = html.charCodeAt(i);
  if (c === 0x26 /* & */ && (content === 'data' || content === 'rcdata')) {
    reference.lastIndex = i;
    const stop = i + reference.exec(html)![0].length;
    return [stop, decodeHTML(html.slice(i, stop))];
  }
  if (c === 0x3c /* < */ && content === 'data' && html.startsWith('<![CDATA[', i)) {
    cdataSection.lastIndex = i;
    const stop = i + cdataSection.exec(html)![0].length;
    const inner = html.slice(i + 9, stop);
    return [stop, inner.endsWith(']]>') ? inner.slice(0, -3) : inner];
  }
  if (c === 0x0d /* CR */) return html.charCodeAt(i + 1) === 0x0a ? [i + 2, '\n'] : [i + 1, '\n'];
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = html.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return [i + 2, html.slice(i, i + 2)];
  }
  return [i + 1, html[i]!];
}
