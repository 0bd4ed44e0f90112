import fc from 'fast-check';
import { shapeBody } from '../../../shared/translate/shapeBody';
import { browserView, cutProblems } from './browserOracle';

/**
 * Issue #24 point 1: HTML cuts agree with a browser's parser. Every case the issue found, by name,
 * then a property over generated hostile HTML: for any body and cut, the text a browser shows for the
 * cut body is a grapheme-aligned prefix of what it shows for the whole, and no element of the cut
 * swallows markup the whole did not (browserOracle: parse5's tree construction as the browser). Cuts
 * are checked in both budgets: `strict` (markup counted, as toDeviceMessageWithin cuts) and the
 * device's (maxChars counts visible text).
 */
const strict = { strict: true };

function expectFaithful(whole: string, cut: string) {
  expect([cut, cutProblems(whole, cut)]).toEqual([cut, []]);
}

describe('HTML cuts a browser agrees with: the cases of issue #24', () => {
  it.each([
    ['<div/> does not close a div', '<div/>hello world and more', 18, '<div/>hello </div>'],
    ['a self-closed script runs to its end tag, and is kept whole or emptied', '<script/>var s = "<b>bold"; more code here</script>', 25, '<script/></script>'],
    ['a quote after = in an unquoted value', '<a b=c="d><img alt="x>y">zzzzzzzz', 30, '<a b=c="d><img alt="x>y">z</a>'],
    ['never inside that img tag', '<a b=c="d><img alt="x>y">zzzzzzzz', 26, '<a b=c="d></a>'],
    // <b> breaks out of foreign content: the parser closes style and svg, so nothing is left open.
    ['style in SVG is not raw text', '<svg><style><b>x</b></style></svg>', 28, '<svg><style><b>x</b></style>'],
    ['CDATA in SVG is one atom', '<svg><![CDATA[ a > b <b> ]]></svg>tail', 24, '<svg></svg>'],
    ['escaped script content: the script is kept whole or emptied', '<script><!--<script>x</script>y--></script>rest', 29, '<script></script>'],
    ['a comment ends at --!>', '<!-- a --!> <div>bold text here --> tail', 35, '<!-- a --!> <div>bold text he</div>'],
    ['plaintext takes the rest, nothing is appended', '<p><plaintext>abc</p>def', 20, '<p><plaintext>abc</p'],
    ['a long numeric reference stays whole', 'x&#x00001F600;y', 10, 'x'],
    ['a flag written as references stays whole', 'x&#x1F1EB;&#x1F1F7;y', 12, 'x'],
    ['a combining accent written as a reference stays with its base', 'Caf&#101;&#769; ok', 12, 'Caf'],
    ['CR LF written as references stays whole', 'a&#13;&#10;b', 8, 'a'],
    ['title and textarea (RCDATA) are closed', '<title>x</title><textarea>a <b> c</textarea>', 39, '<title>x</title><textarea>a </textarea>'],
    ['raw text is text, and is closed', '<xmp>a <b> c</xmp><iframe>x</iframe>', 16, '<xmp>a <b></xmp>'],
    // A grapheme cluster continues across tags, as it does on screen: never keep only its start.
    ['an accent after a tag stays with its base', 'xa<b>&#769;</b>yz', 14, 'x'],
    ['an accent after a tag that does not fit', 'xa<b>\u0301</b>', 4, 'x'],
    ['an accent in the run that does not fit', 'xa<i>\u0301yz</i>', 9, 'x'],
    ['the second half of a flag after a tag', 'x\u{1F1EB}<b>\u{1F1F7}</b>', 11, 'x'],
    ['a ZWJ sequence across a tag', 'x\u{1F468}<b>\u200D\u{1F469}</b>', 12, 'x'],
    ['an accent after the tag that does not fit, inside an element', '<p>xa<b>\u0301</b></p>', 10, '<p>x</p>'],
    ['an accent after hidden text and a tag', '<p>xa<script></script>\u0301', 21, '<p>x</p>'],
    ['a cluster over three tags goes back to its start', 'xa<b>\u0301<i>\u0302</i>c</b>', 13, 'x'],
    ['text after a tag that starts a new cluster keeps the base', 'xa<b>c</b>', 5, 'xa'],
    ['markup on and on after a cut before a tag: the last cluster goes', `xa${'<br>'.repeat(70)}c`, 5, 'x'],
    ['a few tags after a cut before a tag: the next text is read', `xa${'<br>'.repeat(10)}c`, 5, 'xa'],
  ])('%s (strict, maxChars %#)', (_name, html, maxChars, expected) => {
    const body = shapeBody(html as string, 'html', maxChars as number, strict);
    expect(body.content).toBe(expected);
    expect(body.content.length).toBeLessThanOrEqual(maxChars as number);
    expectFaithful(html as string, body.content);
  });

  it.each([
    ['<div/>hello world and more', 5],
    ['<script/>var s = "<b>bold"; more code here</script>tail text', 2],
    ['<a b=c="d><img alt="x>y">zzzzzzzz', 3],
    ['<svg><style><b>x</b></style></svg>after', 2],
    ['<svg><![CDATA[ a > b <b> ]]></svg>tail', 5],
    ['<script><!--<script>x</script>y--></script>rest', 2],
    ['<!-- a --!> <div>bold text here --> tail', 6],
    ['<p><plaintext>abc</p>def', 4],
    ['x&#x00001F600;y&#x1F1EB;&#x1F1F7;Caf&#101;&#769;a&#13;&#10;b', 4],
    ['xa<b>&#769;</b><i>\u0302</i>yz', 2],
    ['x\u{1F1EB}<b>\u{1F1F7}</b>yz', 3],
  ])('%s cut to %i visible characters agrees with the browser', (html, maxChars) => {
    const body = shapeBody(html, 'html', maxChars);
    expect(body.truncated).toBe(true);
    expect(browserView(body.content).visibleText.length).toBeLessThanOrEqual(maxChars);
    expectFaithful(html, body.content);
  });
});

/** Pieces a stranger can put in a body; concatenated at random, they make hostile HTML. */
const hostilePiece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 5 }).map((text) => text.replace(/[<&]/g, ' ')),
  fc.constantFrom(
    '<div/>', '<div>', '</div>', '<b>', '</b>', '<p>', '</p>', '<span class=a>', '</span>', '<br/>', '<img alt="x>y">', '<a b=c="d>',
    '<script>', '</script>', '<script/>', '<style>', '</style>', '<title>', '</title>', '<textarea>', '</textarea>', '<xmp>', '</xmp>',
    '<svg>', '</svg>', '<math>', '</math>', '<![CDATA[ a > b <b> ]]>', '<foreignObject>', '</foreignObject>', '<path d=1/>',
    '<!--', '-->', '--!>', '<!-- x -->', '<!-->', '<?php x ?>', '</ x>', '<!DOCTYPE html>', '<',
    '&amp;', '&', '&#x00001F600;', '&#x1F1EB;&#x1F1F7;', 'e&#769;', '&#13;&#10;', '&notit;', '&#128512', '\r\n', 'e\u0301', '👩‍👩‍👧', '🇫🇷', ' ',
    // Halves of clusters, so that one continues across a tag.
    '\u0301', '\u200D', '\u{1F1EB}', '\u{1F1F7}', '\u{1F469}', 'a',
  ),
);
const hostileHtml = fc.array(hostilePiece, { maxLength: 24 }).map((pieces) => pieces.join(''));

/** Bases, the halves of clusters and tags between them: clusters that continue across markup. */
const splitClusterHtml = fc
  .array(fc.constantFrom('a', 'x ', '\u0301', '\u0302', '\u200D', '\u{1F468}', '\u{1F1EB}', '\u{1F1F7}', '&#769;', '<b>', '</b>', '<i>', '<p>', '<script>', '</script>', '<!-- c -->', '<br>', '&#13;', '\n'), { maxLength: 16 })
  .map((pieces) => pieces.join(''));

describe('HTML cuts a browser agrees with (property, parse5 as the oracle)', () => {
  it('grapheme clusters split by tags: any cut, either budget, keeps none or all of a cluster', () => {
    fc.assert(
      fc.property(splitClusterHtml, fc.nat({ max: 80 }), fc.boolean(), (html, maxChars, isStrict) => {
        const body = shapeBody(html, 'html', maxChars, isStrict ? strict : undefined);
        if (body.truncated) expectFaithful(html, body.content);
        else expect(body.content).toBe(html);
      }),
      { numRuns: 1000, seed: 2026 },
    );
  });

  it('any hostile body, any strict cut: at most maxChars, faithful', () => {
    fc.assert(
      fc.property(hostileHtml, fc.nat({ max: 200 }), (html, maxChars) => {
        const body = shapeBody(html, 'html', maxChars, strict);
        expect(body.content.length).toBeLessThanOrEqual(maxChars);
        expect(body.content.isWellFormed() || !html.isWellFormed()).toBe(true);
        if (body.truncated) expectFaithful(html, body.content);
        else expect(body.content).toBe(html);
      }),
      { numRuns: 1000, seed: 2024 },
    );
  });

  it('any hostile body, any cut of its visible text: at most maxChars visible, faithful', () => {
    fc.assert(
      fc.property(hostileHtml, fc.nat({ max: 60 }), (html, maxChars) => {
        const body = shapeBody(html, 'html', maxChars);
        if (!body.truncated) return expect(body.content).toBe(html);
        expect(browserView(body.content).visibleText.length).toBeLessThanOrEqual(maxChars);
        expectFaithful(html, body.content);
      }),
      { numRuns: 1000, seed: 2024 },
    );
  });
});
