import { decodeHTML } from 'entities';
import { graphemeStart } from './graphemeStart';
import { readHtmlTokens, type HtmlContent, type HtmlCutToken } from './htmlTokenStream';

export interface HtmlCutLimits {
  /** Most characters of text a reader sees (outside head, script, style and the other hidden elements), as decoded. */
  maxVisible: number;
  /** Most UTF-16 code units of the whole cut, markup and the end tags added included. */
  maxTotal: number;
}

export interface HtmlCut {
  content: string;
  truncated: boolean;
}

/** Elements whose content a reader never sees (besides `<head>`, tracked apart: the parser may end it without an end tag). */
const hiddenElements = new Set(['title', 'script', 'style', 'template', 'noscript', 'iframe', 'noembed', 'noframes']);
/** Start tags that may stay in `<head>`: any other one ends it (the HTML parser opens the body). */
const headElements = new Set(['head', 'html', 'base', 'basefont', 'bgsound', 'link', 'meta', 'title', 'style', 'script', 'noscript', 'template']);

/** An open element on a persistent stack: remembering the best cut is keeping a pointer. */
interface OpenElement {
  name: string;
  parent: OpenElement | undefined;
  /** Length of the end tags that close this element and every one under it (0 from `<plaintext>` on: nothing after it is markup). */
  closingLength: number;
  /** This element or one around it hides its text. */
  hidden: boolean;
  foreign: boolean;
  content: HtmlContent;
}

/** A run of character tokens between two other tokens: one text node's worth of source. */
interface Run {
  start: number;
  end: number;
  decodedLength: number;
  allSpace: boolean;
}

/**
 * The longest prefix of `html` that, with end tags appended for the elements still open, holds at
 * most `maxVisible` characters a reader sees and at most `maxTotal` code units in all; `truncated:
 * false` and `html` itself when the whole body fits. The body is read with the HTML standard's
 * tokenizer (readHtmlTokens: parse5), so the cut agrees with a browser's parser: it falls between
 * tokens or inside text, never inside a tag, comment, doctype, CDATA section, script or character
 * reference, and never inside a grapheme cluster of the text the reader sees (references decoded
 * first, so `&#x1F1EB;&#x1F1F7;` and `e&#769;` stay whole). End tags close the open elements
 * innermost first; none after `<plaintext>`, whose content runs to the end. Reading stops at the cut.
 */
export function truncateHtml(html: string, limits: HtmlCutLimits): HtmlCut {
  const { maxVisible, maxTotal } = limits;
  const openCount = new Map<string, number>();
  let open: OpenElement | undefined;
  let inHead = false;
  let visible = 0;
  let run: Run | undefined;
  let best = { end: 0, open };
  let stopped = false;
  const closingLength = () => open?.closingLength ?? 0;
  const fits = (end: number) => end + closingLength() <= maxTotal;

  /** Adds the pending run whole if it fits, else its longest safe prefix, and then stops. */
  const flushRun = (): boolean => {
    if (!run) return true;
    const { start, end, decodedLength, allSpace } = run;
    run = undefined;
    if (inHead && !allSpace) inHead = false; // text in <head> opens the body
    const hidden = (open?.hidden ?? false) || inHead;
    const room = hidden ? Number.POSITIVE_INFINITY : maxVisible - visible;
    if (decodedLength <= room && fits(end)) {
      if (!hidden) visible += decodedLength;
      best = { end, open };
      return true;
    }
    const content = open?.content ?? 'data';
    const cut = content === 'script' ? start : cutInsideRun(html, start, end, content, maxTotal - closingLength(), room);
    if (cut > start) best = { end: cut, open };
    return false;
  };

  const onToken = (token: HtmlCutToken, stream: { stop(): void }) => {
    // The tokenizer may hand over the token it was finishing when it was stopped (a tag after its text).
    if (stopped) return;
    if (token.kind === 'chars') {
      const allSpace = run?.allSpace ?? true;
      if (run) {
        run.end = token.end;
        run.decodedLength += token.chars.length;
        run.allSpace = allSpace && isSpace(token.chars);
      } else run = { start: token.start, end: token.end, decodedLength: token.chars.length, allSpace: isSpace(token.chars) };
      // Past the budget, or more visible text than may fit: the run is cut and nothing after it is read.
      const hiddenRun = (open?.hidden ?? false) || (inHead && run.allSpace);
      const visibleSoFar = hiddenRun ? 0 : visible + run.decodedLength;
      if (token.start >= maxTotal || visibleSoFar > maxVisible) {
        flushRun();
        stop(stream);
      }
      return;
    }
    if (!flushRun() || token.start >= maxTotal) return stop(stream);
    if (token.kind === 'startTag') {
      const name = token.name;
      if (name === 'head') inHead = true;
      else if (!headElements.has(name)) inHead = false;
      const before = open;
      // The tree builder closes the SVG or MathML elements an HTML tag breaks out of.
      if (token.breaksOut) {
        while (open?.foreign) {
          openCount.set(open.name, openCount.get(open.name)! - 1);
          open = open.parent;
        }
      }
      if (token.opens) {
        const closing = token.content === 'plaintext' ? 0 : closingLength() + name.length + 3;
        open = { name, parent: open, closingLength: closing, hidden: (open?.hidden ?? false) || hiddenElements.has(name), foreign: token.foreign, content: token.content };
        openCount.set(name, (openCount.get(name) ?? 0) + 1);
      }
      if (!fits(token.end)) {
        open = before;
        return stop(stream);
      }
    } else if (token.kind === 'endTag') {
      const name = token.name;
      if (name === 'head') inHead = false;
      // An end tag closes its element and every element opened inside it; a stray one closes nothing.
      while (open && openCount.get(name)) {
        const closed: OpenElement = open;
        openCount.set(closed.name, openCount.get(closed.name)! - 1);
        open = closed.parent;
        if (closed.name === name) break;
      }
      if (!fits(token.end)) return stop(stream);
    } else if (!fits(token.end)) return stop(stream);
    best = { end: token.end, open };
  };

  const stop = (stream: { stop(): void }) => {
    stopped = true;
    stream.stop();
  };

  // The whole body goes to the tokenizer (a shortened one would end a tag or comment where the body
  // does not); reading stops at the first token past the budget.
  readHtmlTokens(html, onToken, () => {
    if (!stopped && !flushRun()) stopped = true;
  });
  if (!stopped && html.length <= maxTotal) return { content: html, truncated: false };
  // Nothing is appended inside <plaintext>: it would be text. Its content runs to the end, as the cut's does.
  let endTags = '';
  if (best.open?.content !== 'plaintext') for (let element = best.open; element; element = element.parent) endTags += `</${element.name}>`;
  return { content: html.slice(0, best.end) + endTags, truncated: true };
}

const isSpace = (text: string) => /^[\t\n\f\r ]*$/.test(text);

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
 * none does. Reads the run only up to one atom past the limit (what decides the last boundary), so a
 * cut costs time in what it keeps, not in the body.
 */
function cutInsideRun(html: string, start: number, end: number, content: HtmlContent, rawLimit: number, visibleRoom: number): number {
  const limit = Math.min(rawLimit, end, start + Math.min(visibleRoom, end - start));
  if (limit <= start) return start;
  // Most text has no reference, CR or CDATA section before the cut: the source is its own decoding.
  const plain = !/[&\r]|<!\[CDATA\[/.test(html.slice(start, Math.min(html.length, limit + 2)));
  if (plain) return start + graphemeStart(html.slice(start, Math.min(end, limit + 2)), limit - start);
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
  const segments = graphemes.segment(decoded.join(''));
  // From the last atom that fits, back to one that ends between grapheme clusters (one or two steps).
  for (let k = rawAt.length - 1; k > 0; ) {
    const at = decodedAt[k]!;
    const clusterStart = at >= decodedLength ? at : segments.containing(at)!.index;
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
