/**
 * A linear HTML tokenizer just precise enough to cut a body safely (no parser dependency, no DOM):
 * it knows where tags, comments and raw text begin and end, nothing about attributes' meaning.
 * Follows the WHATWG tokenizer where it matters for cutting: quoted attribute values may hold `>`;
 * `<!--` runs to `-->`; `<!`, `<?`, `</` + non-letter run to `>` (bogus comments); `<` before
 * anything else is text; script/style (and the other raw-text elements) hold no tags until their end tag.
 * Unterminated constructs run to the end of the input.
 */
export type HtmlToken =
  | { kind: 'text' | 'rawText' | 'markup'; start: number; end: number }
  | { kind: 'startTag'; start: number; end: number; name: string; selfClosing: boolean }
  | { kind: 'endTag'; start: number; end: number; name: string };

/** Content is text without character references (`rawText`). */
const rawTextElements = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Content is text with character references but no tags. */
const escapableRawTextElements = new Set(['textarea', 'title']);

const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

export function* htmlTokens(html: string): Generator<HtmlToken> {
  const n = html.length;
  let i = 0;
  while (i < n) {
    if (html[i] !== '<') {
      const end = html.indexOf('<', i + 1);
      yield { kind: 'text', start: i, end: end < 0 ? n : end };
      i = end < 0 ? n : end;
    } else if (isLetter(html[i + 1])) {
      const tag = readTag(html, i + 1);
      yield { kind: 'startTag', start: i, ...tag };
      i = tag.end;
      const name = tag.name.toLowerCase();
      const raw = rawTextElements.has(name);
      if (!tag.selfClosing && (raw || escapableRawTextElements.has(name))) {
        const end = endTagStart(html, name, i);
        if (end > i) yield { kind: raw ? 'rawText' : 'text', start: i, end };
        i = end;
      }
    } else if (html[i + 1] === '/' && isLetter(html[i + 2])) {
      const { name, end } = readTag(html, i + 2);
      yield { kind: 'endTag', start: i, end, name };
      i = end;
    } else if (html.startsWith('<!--', i)) {
      // From i + 2 so `<!-->` and `<!--->` end where browsers end them.
      const close = html.indexOf('-->', i + 2);
      const end = close < 0 ? n : close + 3;
      yield { kind: 'markup', start: i, end };
      i = end;
    } else if (html[i + 1] === '!' || html[i + 1] === '?' || html[i + 1] === '/') {
      const close = html.indexOf('>', i + 2);
      const end = close < 0 ? n : close + 1;
      yield { kind: 'markup', start: i, end };
      i = end;
    } else {
      yield { kind: 'text', start: i, end: i + 1 };
      i += 1;
    }
  }
}

/** Reads a tag's name and skips its attributes (quoted values whole) to just after its `>`. */
function readTag(html: string, nameStart: number): { name: string; end: number; selfClosing: boolean } {
  const n = html.length;
  let j = nameStart;
  while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>') j++;
  const name = html.slice(nameStart, j);
  while (j < n) {
    const c = html[j];
    if (c === '>') return { name, end: j + 1, selfClosing: html[j - 1] === '/' };
    j++;
    if (c === '=') {
      while (isSpace(html[j])) j++;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        if (close < 0) break;
        j = close + 1;
      }
    }
  }
  return { name, end: n, selfClosing: false };
}

const endTagPatterns = new Map<string, RegExp>();

/** Where `</name` (any case, then space, `/`, `>` or the end) starts at or after `from`; the input's end if nowhere. */
function endTagStart(html: string, name: string, from: number): number {
  let pattern = endTagPatterns.get(name);
  if (!pattern) endTagPatterns.set(name, (pattern = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi')));
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? html.length;
}
