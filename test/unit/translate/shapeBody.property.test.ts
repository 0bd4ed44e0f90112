import fc from 'fast-check';
import { shapeBody } from '../../../shared/translate/shapeBody';

/** These tests hold cuts to the strict budget (markup counted in maxChars): what toDeviceMessageWithin uses, and the tightest. */
const strict = { strict: true };
import { graphemeBoundaries, insideMarkup, keptPrefixLength, wellFormednessProblems } from './bodyChecks';

/** Text pieces that stress cutting: clusters of several code units, references, and plain letters. */
const textPiece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('👩‍👩‍👧', '🇫🇷', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', 'e\u0301', '👍🏽', '\r\n', '&amp;', '&#x1F600;', '&#169;', '&eacute;', ' '),
).map((piece) => piece.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;')).replace(/&amp;(amp|#x1F600|#169|eacute);/g, '&$1;'));

/** Random well-formed HTML: nested elements, void and self-closed ones, comments and text. */
const { node } = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    textPiece,
    fc.constantFrom('<br>', '<img src="a.png" alt="x > y">', '<hr/>', '<!-- c <b> -->', '<svg><path d="M0"/></svg>'),
    fc
      .tuple(fc.constantFrom('div', 'p', 'b', 'Span', 'ul', 'li', 'td', 'a href="https://example.com/?a=1&amp;b=2"'), fc.array(tie('node'), { maxLength: 4 }))
      .map(([tag, children]) => `<${tag}>${children.join('')}</${tag.split(' ')[0]}>`),
  ),
}));

describe('shapeBody (property)', () => {
  it('cuts any text to at most maxChars, between clusters, as late as possible', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), fc.nat({ max: 70 }), (text, maxChars) => {
        const body = shapeBody(text, 'text', maxChars);
        expect(body.truncated).toBe(text.length > maxChars);
        expect(body.content.length).toBeLessThanOrEqual(maxChars);
        expect(text.startsWith(body.content)).toBe(true);
        expect(body.content.isWellFormed()).toBe(true);
        const boundaries = graphemeBoundaries(text);
        expect(boundaries.has(body.content.length)).toBe(true);
        for (let later = body.content.length + 1; later <= Math.min(maxChars, text.length); later++) expect(boundaries.has(later)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('cuts any well-formed HTML into a well-formed prefix of at most maxChars', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 5 }).map((nodes) => nodes.join('')), fc.nat({ max: 300 }), (html, maxChars) => {
        fc.pre(wellFormednessProblems(html).length === 0);
        const body = shapeBody(html, 'html', maxChars, strict);
        expect(body.truncated).toBe(html.length > maxChars);
        expect(body.content.length).toBeLessThanOrEqual(maxChars);
        expect(body.content.isWellFormed()).toBe(true);
        expect(wellFormednessProblems(body.content)).toEqual([]);
        const kept = keptPrefixLength(html, body.content);
        expect(kept).toBeGreaterThanOrEqual(0);
        expect(insideMarkup(html).has(kept)).toBe(false);
        expect(graphemeBoundaries(html).has(kept)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and never yields a lone surrogate for arbitrary strings treated as HTML', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', '!', '-', '&', ';', '#', 'a', 'b', '"', "'", '=', ' ', '😀', 'e\u0301') }), fc.nat({ max: 80 }), (html, maxChars) => {
        const body = shapeBody(html, 'html', maxChars, strict);
        expect(body.content.length).toBeLessThanOrEqual(maxChars);
        expect(body.content.isWellFormed()).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
