import { cutInsideRun } from './cutInsideRun';
import { clusterContext, continuesCluster, lastClusterStart } from './graphemeStart';
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
  /** The run's first token's text: its first code points tell whether it continues the cluster before it. */
  head: string;
  /**
   * The run's last decoded code units (twice clusterContext), kept only once a reference or CR LF
   * makes the decoding differ from the source; a plain run's is its source (no work per token).
   */
  decodedTail: string | undefined;
}

/**
 * The longest prefix of `html` that, with end tags appended for the elements still open, holds at
 * most `maxVisible` characters a reader sees and at most `maxTotal` code units in all; `truncated:
 * false` and `html` itself when the whole body fits. The body is read with the HTML standard's
 * tokenizer (readHtmlTokens: parse5), so the cut agrees with a browser's parser: it falls between
 * tokens or inside text, never inside a tag, comment, doctype, CDATA section, script or character
 * reference, and never inside a grapheme cluster of the text the reader sees (references decoded
 * first, so `&#x1F1EB;&#x1F1F7;` and `e&#769;` stay whole). End tags close the open elements
 * innermost first; none after `<plaintext>`, whose content runs to the end. A cluster may continue
 * across a tag (`a<b>&#769;`), as it does on screen: a cut never keeps only its start. Reading stops at
 * the cut, or at the next text when the cut falls before a tag (to see whether it continues the last cluster).
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
  // A grapheme cluster may continue across a tag (`a<b>&#769;`): the text kept so far (its last code
  // units) and a cut before its last cluster, where a cut goes back to when the next text continues it.
  let keptText = '';
  let clusterCut = best;
  // The body stopped fitting at a tag: read on to the next text only to see whether it continues the kept cluster.
  let peeking = false;
  let peekLeft = peekTokens;
  const keepRun = (kept: Run) => {
    const plain = kept.decodedTail === undefined; // every atom is its own decoding: offsets agree
    const tail = kept.decodedTail ?? html.slice(Math.max(kept.start, kept.end - tailLength), kept.end);
    const windowStart = kept.decodedLength - tail.length;
    const last = lastClusterStart(windowStart === 0 ? keptText : '', tail);
    if (plain && last > 0) clusterCut = { end: kept.start + windowStart + last, open };
    else if (!continuesCluster(keptText, kept.head)) clusterCut = { end: kept.start, open };
    // else the cluster began before this run (or is too long to place): the cut before it stands, earlier but safe.
    keptText = tail.length >= clusterContext ? tail.slice(-clusterContext) : (keptText + tail).slice(-clusterContext);
  };
  const closingLength = () => open?.closingLength ?? 0;
  const fits = (end: number) => end + closingLength() <= maxTotal;

  /** Adds the pending run whole if it fits, else its longest safe prefix, and then stops. */
  const flushRun = (): boolean => {
    if (!run) return true;
    const pending = run;
    const { start, end, decodedLength, allSpace } = pending;
    run = undefined;
    if (inHead && !allSpace) inHead = false; // text in <head> opens the body
    const hidden = (open?.hidden ?? false) || inHead;
    const room = hidden ? Number.POSITIVE_INFINITY : maxVisible - visible;
    if (decodedLength <= room && fits(end)) {
      if (!hidden) visible += decodedLength;
      best = { end, open };
      keepRun(pending);
      return true;
    }
    const content = open?.content ?? 'data';
    const cut = content === 'script' ? start : cutInsideRun(html, start, end, content, maxTotal - closingLength(), room, keptText);
    if (cut > start) best = { end: cut, open };
    else if (continuesCluster(keptText, pending.head)) best = clusterCut;
    return false;
  };

  const onToken = (token: HtmlCutToken, stream: { stop(): void }) => {
    // The tokenizer may hand over the token it was finishing when it was stopped (a tag after its text).
    if (stopped) return;
    if (peeking) {
      if (token.kind === 'chars') {
        if (continuesCluster(keptText, token.chars)) best = clusterCut;
        return stop(stream);
      }
      // Markup on and on: give up looking and drop the last cluster (earlier, but safe), so a cut before
      // a tag costs a few tokens more, never the rest of the body.
      if (--peekLeft === 0) {
        best = clusterCut;
        stop(stream);
      }
      return;
    }
    if (token.kind === 'chars') {
      const allSpace = run?.allSpace ?? true;
      if (run) {
        run.end = token.end;
        run.decodedLength += token.chars.length;
        run.allSpace = allSpace && isSpace(token.chars);
        // Until the decoding first differs from the source, the source is the decoded tail.
        if (run.decodedTail !== undefined || run.decodedLength !== run.end - run.start) {
          const before = run.decodedTail ?? html.slice(Math.max(run.start, token.start - tailLength), token.start);
          run.decodedTail = (before + token.chars).slice(-tailLength);
        }
      } else {
        const { chars } = token;
        const decodedTail = chars.length === token.end - token.start ? undefined : chars.slice(-tailLength);
        run = { start: token.start, end: token.end, decodedLength: chars.length, allSpace: isSpace(chars), head: chars, decodedTail };
      }
      // Past the budget, or more visible text than may fit: the run is cut and nothing after it is read.
      const hiddenRun = (open?.hidden ?? false) || (inHead && run.allSpace);
      const visibleSoFar = hiddenRun ? 0 : visible + run.decodedLength;
      if (token.start >= maxTotal || visibleSoFar > maxVisible) {
        flushRun();
        stop(stream);
      }
      return;
    }
    if (!flushRun()) return stop(stream);
    if (token.start >= maxTotal) return stopBeforeTag(stream);
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
        return stopBeforeTag(stream);
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
      if (!fits(token.end)) return stopBeforeTag(stream);
    } else if (!fits(token.end)) return stopBeforeTag(stream);
    best = { end: token.end, open };
  };

  const stop = (stream: { stop(): void }) => {
    stopped = true;
    stream.stop();
  };
  // With no text kept there is no cluster to continue: reading stops here, as it does at a cut in text.
  const stopBeforeTag = (stream: { stop(): void }) => {
    if (keptText === '') stop(stream);
    else peeking = true;
  };

  // The whole body goes to the tokenizer (a shortened one would end a tag or comment where the body
  // does not); reading stops at the first token past the budget.
  readHtmlTokens(html, onToken, () => {
    if (!stopped && !peeking && !flushRun()) stopped = true;
  });
  if (!stopped && !peeking && html.length <= maxTotal) return { content: html, truncated: false };
  // Nothing is appended inside <plaintext>: it would be text. Its content runs to the end, as the cut's does.
  let endTags = '';
  if (best.open?.content !== 'plaintext') for (let element = best.open; element; element = element.parent) endTags += `</${element.name}>`;
  return { content: html.slice(0, best.end) + endTags, truncated: true };
}

/** Most markup tokens read past a cut before a tag, looking for the text after it. */
const peekTokens = 64;

/** How much of a run's end decides where its last cluster starts (longer clusters are placed conservatively). */
const tailLength = 2 * clusterContext;

const isSpace = (text: string) => /^[\t\n\f\r ]*$/.test(text);
