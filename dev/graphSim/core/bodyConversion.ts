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

export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\r\n')
    .replace(/(\r\n){3,}/g, '\r\n\r\n')
    .trim();
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
  const text = body.contentType === 'html' ? htmlToText(body.content) : body.content;
  return [...text.trim()].slice(0, 255).join('');
}
