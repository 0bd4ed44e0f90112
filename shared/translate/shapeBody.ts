import type { Body } from '../protocol/schemas/mail';
import { truncateHtml } from './truncateHtml';
import { truncateText } from './truncateText';

/**
 * How much markup an HTML cut may carry besides its `maxChars` characters of text: Outlook's HTML
 * opens with about 2 KB of `<head>` and `<style>`, and inline markup often outweighs the words, so a
 * cut that counted markup would show a phone only CSS (issue #24). 64 Ki code units holds the head of
 * nearly every real message and bounds what a crafted one can add.
 */
export const htmlMarkupAllowance = 65_536;

export interface ShapeBodyOptions {
  /**
   * Count markup in `maxChars` too (no allowance): the whole content is at most `maxChars`. For a cut
   * that must fit a byte budget (toDeviceMessageWithin).
   */
  strict?: boolean;
}

/**
 * A message body as the device gets it: unchanged when it fits or no limit is given; otherwise cut,
 * with `truncated: true` and no marker. Text: at most `maxChars` UTF-16 code units, cut between
 * grapheme clusters (never inside a surrogate pair, a combining sequence, an emoji ZWJ sequence or a
 * flag). HTML: at most `maxChars` characters of the text a reader sees (decoded; head, script, style
 * and the like not counted) and at most `maxChars + htmlMarkupAllowance` code units in all (just
 * `maxChars` when `strict`), cut where a browser's parser agrees (truncateHtml): never inside a tag,
 * comment, reference or grapheme cluster, the elements left open closed. Nothing else is altered
 * (scripts and styles included). Throws RangeError when `maxChars` is not a non-negative integer.
 */
export function shapeBody(content: string, contentType: 'text' | 'html', maxChars?: number, options: ShapeBodyOptions = {}): Body {
  if (maxChars !== undefined && !(Number.isSafeInteger(maxChars) && maxChars >= 0)) {
    throw new RangeError('shapeBody: maxChars must be a non-negative integer.');
  }
  if (maxChars === undefined || content.length <= maxChars) return { type: contentType, content, truncated: false };
  if (contentType === 'html') {
    const cut = truncateHtml(content, { maxVisible: maxChars, maxTotal: options.strict ? maxChars : maxChars + htmlMarkupAllowance });
    return { type: contentType, ...cut };
  }
  return { type: contentType, content: truncateText(content, maxChars), truncated: true };
}
