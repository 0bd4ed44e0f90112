import type { ItemBody } from './graphTypes';

/**
 * Body conversions Graph does for `Prefer: outlook.body-content-type` and for bodyPreview
 * (https://learn.microsoft.com/graph/api/message-get#request-headers). Exchange's converters are far
 * richer; these keep the parts clients depend on: tags gone, entities decoded (non-BMP included),
 * text escaped and line breaks kept. UNVERIFIED: Exchange's exact whitespace and markup.
 */
const named: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™',
  mdash: '—', ndash: '–', hellip: '…', euro: '€', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', middot: '·',
  eacute: 'é', Eacute: 'É', egrave: 'è', agrave: 'à', aacute: 'á', iacute: 'í', oacute: 'ó', uacute: 'ú', ccedil: 'ç',
  ntilde: 'ñ', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', aring: 'å', oslash: 'ø',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const codePoint = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    }
    return named[entity] ?? named[entity.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * HTML as the text a reader sees: comments and head, style and script elements gone with their
 * content, `<br>` and the end of a block a line break, other tags gone, entities decoded, each line's
 * runs of spaces one space, at most one empty line in a row. One pass over the input: mail is a
 * stranger's, and regular expressions like `/<[^>]*>/g` go quadratic on a body of `<` without `>`
 * (1 MB of them kept the simulator busy for over ten minutes, issue #24). Each search for a closer
 * (`-->`, `>`, `</script>`) that fails is remembered, so it is never repeated from a later start.
 * UNVERIFIED: Exchange's exact rules; an unterminated comment hides the rest (as in a browser), an
 * unterminated head, style or script element or a `<` without a later `>` stays as text.
 */
export function htmlToText(html: string): string {
  const n = html.length;
  let text = '';
  let i = 0;
  let noTagEndFrom = n + 1;
  const noCloserFrom = new Map<string, number>();
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || lt >= noTagEndFrom) {
      text += html.slice(i).replace(/[\r\n]+/g, ' ');
      break;
    }
    text += html.slice(i, lt).replace(/[\r\n]+/g, ' ');
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) {
      noTagEndFrom = lt;
      text += html.slice(lt).replace(/[\r\n]+/g, ' ');
      break;
    }
    const tag = html.slice(lt, gt + 1);
    const hidden = /^<(head|style|script)\b/i.exec(tag)?.[1]?.toLowerCase();
    if (hidden) {
      const end = closerEnd(html, hidden, gt + 1, noCloserFrom);
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    if (/^<br\s*\/?>$/i.test(tag)) text += '\n';
    else if (/^<\/(p|div|li|tr|h[1-6]|blockquote)\s*>$/i.test(tag)) text += '\n';
    i = gt + 1;
  }
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\r\n')
    .replace(/(\r\n){3,}/g, '\r\n\r\n')
    .trim();
}

/** Just past `</name\s*>` at or after `from`, or -1; a failed search is remembered in `noCloserFrom`. */
function closerEnd(html: string, name: string, from: number, noCloserFrom: Map<string, number>): number {
  if (from >= (noCloserFrom.get(name) ?? html.length + 1)) return -1;
  const closer = new RegExp(`</${name}\\s*>`, 'gi');
  closer.lastIndex = from;
  const match = closer.exec(html);
  if (!match) {
    noCloserFrom.set(name, from);
    return -1;
  }
  return match.index + match[0].length;
}

export function textToHtml(text: string): string {
  const body = escapeHtml(text).replace(/\r?\n/g, '<br>\r\n');
  return `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n<div>${body}</div>\r\n</body>\r\n</html>\r\n`;
}

/** The body in the requested format (Graph's default is HTML). */
export function convertBody(body: ItemBody, to: 'text' | 'html'): ItemBody {
  if (body.contentType === to) return body;
  return to === 'text' ? { contentType: 'text', content: htmlToText(body.content) } : { contentType: 'html', content: textToHtml(body.content) };
}

/**
 * bodyPreview: "the first 255 characters of the message body, in text format", line breaks (`\r\n`) and
 * runs of spaces kept as Exchange keeps them (message-get example 3, test/fixtures/graph-samples/message-get-text.json).
 * Counted in code points so a surrogate pair is never cut in half. UNVERIFIED: whether Exchange counts
 * UTF-16 units; that it drops leading and trailing white space (trimmed here); the sample's preview
 * also leaves out the text body's `[😊]` image placeholders, which this conversion never makes.
 */
export function toBodyPreview(body: ItemBody): string {
  const text = (body.contentType === 'html' ? htmlToText(body.content) : body.content).trim();
  let end = 0;
  for (let codePoints = 0; codePoints < 255 && end < text.length; codePoints++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  return text.slice(0, end);
}
