/**
 * The bodies issue #24 found costly or wrongly cut, at a chosen size: shapes a stranger can mail to
 * anyone. The bench's `hostile-bodies` scenario times Ferry's cut of each against plain text of the
 * same size; tests send each through the Graph simulator and Ferry. `contentType` is Graph's.
 */
export interface HostileBody {
  name: string;
  contentType: 'text' | 'html';
  /** The body, about `size` UTF-16 code units long (never longer). */
  build(size: number): string;
}

const repeatTo = (unit: string, size: number) => unit.repeat(Math.floor(size / unit.length));
const distinctTags = (size: number) => {
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; ; index++) {
    const tag = `<t${index.toString(36)}>`;
    if (length + tag.length > size) break;
    parts.push(tag);
    length += tag.length;
  }
  return parts.join('');
};

/** Plain text of ordinary words: what every other shape is compared against. */
export const plainTextBody: HostileBody = { name: 'plain-text', contentType: 'text', build: (size) => repeatTo('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', size) };

export const hostileBodies: readonly HostileBody[] = [
  // `/<[^>]*>/g` is quadratic on `<` without `>`: the simulator's old htmlToText ran for minutes.
  { name: 'stray-lt', contentType: 'html', build: (size) => repeatTo('<', size) },
  { name: 'distinct-tags', contentType: 'html', build: distinctTags },
  { name: 'unclosed-comments', contentType: 'html', build: (size) => repeatTo('<!--', size) },
  { name: 'unclosed-scripts', contentType: 'html', build: (size) => repeatTo('<script>', size) },
  { name: 'unclosed-quotes', contentType: 'html', build: (size) => repeatTo('<a b="', size) },
  { name: 'deep-nest', contentType: 'html', build: (size) => repeatTo('<div>', size) },
  // Text, then tags to the end: a cut before a tag reads on to the next text (a grapheme cluster may
  // continue across tags), here to the end of the body.
  { name: 'text-then-tags', contentType: 'html', build: (size) => `a${distinctTags(size - 1)}` },
  { name: 'references', contentType: 'html', build: (size) => repeatTo('&#x1F600;&amp;', size) },
  // One text token the size of the body: on Node 20, Segments.containing() cost time in its length.
  { name: 'one-text-token', contentType: 'html', build: (size) => `<p>${repeatTo('a\u0301 ', size - 7)}</p>` },
  // One grapheme cluster as long as the body.
  { name: 'combining-run', contentType: 'text', build: (size) => `e${repeatTo('\u0301', size - 1)}` },
];
