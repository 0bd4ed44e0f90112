import type { Body } from '../protocol/schemas/mail';
import { truncateHtml } from './truncateHtml';
import { truncateText } from './truncateText';

/**
 * A message body as the device gets it: unchanged when it fits in `maxChars` UTF-16 code units (JS
 * string length) or no limit is given; otherwise cut to at most `maxChars` with `truncated: true` and
 * no marker. Text is cut between grapheme clusters (never inside a surrogate pair, a combining
 * sequence, an emoji ZWJ sequence or a flag). HTML is cut between tokens or inside text the same way,
 * never inside a tag, comment or character reference, and the elements left open are closed, their
 * end tags counted in `maxChars`. Nothing else is altered (scripts and styles included).
 * Throws RangeError when `maxChars` is not a non-negative integer.
 */
export function shapeBody(content: string, contentType: 'text' | 'html', maxChars?: number): Body {
  if (maxChars !== undefined && !(Number.isSafeInteger(maxChars) && maxChars >= 0)) {
    throw new RangeError('shapeBody: maxChars must be a non-negative integer.');
  }
  if (maxChars === undefined || content.length <= maxChars) return { type: contentType, content, truncated: false };
  const cut = contentType === 'html' ? truncateHtml(content, maxChars) : truncateText(content, maxChars);
  return { type: contentType, content: cut, truncated: true };
}
