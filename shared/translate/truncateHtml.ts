import { graphemeStartFinder } from './graphemeStart';
import { htmlTokens, type HtmlToken } from './htmlTokens';

/** Elements that never have content or an end tag (WHATWG "void elements", plus obsolete ones). */
const voidElements = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'basefont', 'bgsound', 'frame', 'keygen',
]);

/**
 * A character reference: `&name;`, `&#123;`, `&#x1F600;` (the `;` is optional in HTML for legacy
 * names, so a reference without one is kept whole as well). The longest named one is 33 characters.
 */
const entity = /&(?:#[xX][0-9A-Fa-f]{1,8}|#[0-9]{1,8}|[A-Za-z][A-Za-z0-9]{0,40});?/y;
const longestEntity = 44;

/** An open element on a persistent stack: snapshots are a pointer, so remembering the best cut is O(1). */
interface OpenElement {
  name: string;
  lower: string;
  parent: OpenElement | undefined;
  /** Length of the end tags that close this element and every one under it: `</name>` each. */
  closingLength: number;
}

/**
 * The longest prefix of `html` that, with end tags appended for the elements still open, is at most
 * `maxChars` UTF-16 code units. Cuts fall between tokens or inside text, never inside a tag, comment,
 * character reference or grapheme cluster; end tags close open elements innermost first. Because the
 * end tags count, the cut may fall well before `maxChars` (a deep `<div>` nest costs its `</div>`s).
 * One pass; elements the source closes implicitly stay on the stack and get an explicit end tag.
 */
export function truncateHtml(html: string, maxChars: number): string {
  const graphemeStart = graphemeStartFinder(html);
  const openCount = new Map<string, number>();
  let open: OpenElement | undefined;
  let best = { end: 0, open };
  const closingLength = () => open?.closingLength ?? 0;
  const consider = (end: number) => {
    if (end + closingLength() <= maxChars) best = { end, open };
  };

  for (const token of htmlTokens(html)) {
    if (token.start >= maxChars) break;
    if (token.kind === 'text' || token.kind === 'rawText') {
      const limit = maxChars - closingLength();
      if (token.end <= limit) consider(token.end);
      else if (limit > token.start) consider(textCut(html, token, limit, graphemeStart));
    } else if (token.kind === 'startTag') {
      const lower = token.name.toLowerCase();
      if (!token.selfClosing && !voidElements.has(lower)) {
        open = { name: token.name, lower, parent: open, closingLength: closingLength() + token.name.length + 3 };
        openCount.set(lower, (openCount.get(lower) ?? 0) + 1);
      }
      consider(token.end);
    } else if (token.kind === 'endTag') {
      const lower = token.name.toLowerCase();
      // An end tag closes its element and every element opened inside it; a stray one closes nothing.
      while (open && openCount.get(lower)) {
        const closed: OpenElement = open;
        openCount.set(closed.lower, openCount.get(closed.lower)! - 1);
        open = closed.parent;
        if (closed.lower === lower) break;
      }
      consider(token.end);
    } else {
      consider(token.end);
    }
  }

  let endTags = '';
  for (let element = best.open; element; element = element.parent) endTags += `</${element.name}>`;
  return html.slice(0, best.end) + endTags;
}

/**
 * The last safe cut at or before `limit` inside a text token: moved back to the start of a grapheme
 * cluster and, in text where references count, to the `&` of a reference it would split. Repeated
 * until neither moves it (each step only moves backwards). May return `token.start` (nothing fits).
 */
function textCut(html: string, token: HtmlToken, limit: number, graphemeStart: (index: number) => number): number {
  let cut = limit;
  for (;;) {
    let next = graphemeStart(cut);
    if (token.kind === 'text') next = referenceStart(html, token.start, next);
    if (next <= token.start) return token.start;
    if (next === cut) return cut;
    cut = next;
  }
}

/** The start of the character reference `cut` falls strictly inside, else `cut`. References hold no `&`, so only the last one before `cut` can. */
function referenceStart(html: string, from: number, cut: number): number {
  const windowStart = Math.max(from, cut - longestEntity);
  const offset = html.slice(windowStart, cut).lastIndexOf('&');
  if (offset < 0) return cut;
  const amp = windowStart + offset;
  entity.lastIndex = amp;
  const match = entity.exec(html);
  return match && amp + match[0].length > cut ? amp : cut;
}
