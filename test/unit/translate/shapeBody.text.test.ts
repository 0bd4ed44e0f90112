import { bodySchema } from '../../../shared/protocol/schemas/mail';
import { shapeBody } from '../../../shared/translate/shapeBody';
import { graphemeBoundaries } from './bodyChecks';

const samples: Record<string, string> = {
  'emoji (non-BMP)': 'Lunch 🍕🍔 at 12? 😀 ok 🎉',
  'combining marks': 'Cafe\u0301 re\u0301sume\u0301 Zo\u0308e n\u0303 a\u0323\u0302 ǹ',
  'ZWJ sequences and skin tones': 'Family 👩‍👩‍👧‍👦 and 🧑🏽‍💻 plus 👍🏿 🏳️‍🌈',
  'flags and tag sequences': '🇫🇷🇩🇪🇯🇵 🏴󠁧󠁢󠁥󠁮󠁧󠁿 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  'keycaps, variation selectors, CR LF': '1️⃣ #️⃣ ☺️ ❤︎\r\nline two\r\n',
  'Hangul jamo and Devanagari': '\u1100\u1161\u11A8 한국어 नमस्ते क्षत्रिय',
  'markup-looking text (plain text is not HTML)': 'a <b> &amp; c &#x1F600; <!-- x',
};

describe('shapeBody, text', () => {
  it('leaves a body that fits, or any body without a limit, untouched', () => {
    const text = samples['emoji (non-BMP)']!;
    expect(shapeBody(text, 'text')).toEqual({ type: 'text', content: text, truncated: false });
    expect(shapeBody(text, 'text', text.length)).toEqual({ type: 'text', content: text, truncated: false });
    expect(shapeBody('', 'text', 1)).toEqual({ type: 'text', content: '', truncated: false });
  });

  it.each(Object.entries(samples))('cuts %s at every maxChars from 1 to its length between grapheme clusters, as late as possible', (_name, text) => {
    const boundaries = graphemeBoundaries(text);
    for (let maxChars = 1; maxChars <= text.length; maxChars++) {
      const body = shapeBody(text, 'text', maxChars);
      expect(bodySchema.parse(body)).toEqual(body);
      expect(body.truncated).toBe(text.length > maxChars);
      expect(body.content.length).toBeLessThanOrEqual(maxChars);
      expect(body.content.isWellFormed()).toBe(true);
      expect(text.startsWith(body.content)).toBe(true);
      expect(boundaries.has(body.content.length)).toBe(true);
      // As late as possible: no cluster boundary between the cut and maxChars.
      for (let later = body.content.length + 1; later <= maxChars; later++) expect(boundaries.has(later)).toBe(false);
    }
  });

  it('adds no marker', () => {
    expect(shapeBody('abcdef', 'text', 3)).toEqual({ type: 'text', content: 'abc', truncated: true });
  });

  it('gives an empty body when the first cluster is longer than maxChars', () => {
    expect(shapeBody('👩‍👩‍👧‍👦 family', 'text', 5)).toEqual({ type: 'text', content: '', truncated: true });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses maxChars %p with a RangeError', (maxChars) => {
    expect(() => shapeBody('abc', 'text', maxChars)).toThrow(RangeError);
  });

  it('cuts a body of a million code units near its end', () => {
    const long = 'e\u0301🇫🇷 '.repeat(250_000);
    const body = shapeBody(long, 'text', long.length - 3);
    expect(body.content.length).toBeLessThanOrEqual(long.length - 3);
    expect(body.content.isWellFormed()).toBe(true);
  });
});
