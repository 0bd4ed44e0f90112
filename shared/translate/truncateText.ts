import { graphemeStart } from './graphemeStart';

/** The longest prefix of `text` of at most `maxChars` UTF-16 code units that ends between grapheme clusters. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return text.slice(0, graphemeStart(text, maxChars));
}
