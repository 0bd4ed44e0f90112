import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bodySchema } from '../../../shared/protocol/schemas/mail';
import { shapeBody } from '../../../shared/translate/shapeBody';

/** These tests hold cuts to the strict budget (markup counted in maxChars): what toDeviceMessageWithin uses, and the tightest. */
const strict = { strict: true };
import { graphemeBoundaries, insideMarkup, keptPrefixLength, wellFormednessProblems } from './bodyChecks';

const graphSample = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/graph-samples/message-get.json'), 'utf8')) as {
  body: { content: string };
};

const samples: Record<string, string> = {
  'Graph message-get body': graphSample.body.content,
  'emoji, ZWJ, combining marks and references':
    '<p>Hi <b>wörld</b> 👩‍👩‍👧 caf&eacute; e\u0301 &amp; &#x1F600;&#128512; 🇫🇷🇩🇪</p><p>🏴󠁧󠁢󠁥󠁮󠁧󠁿 ok</p>',
  'void and self-closed elements, quoted >': '<div>a<br>b<img src="x.png" alt="a > b"/><hr/>c<svg><path d="M0 0"/></svg><span title=\'x"y\'>d</span></div>',
  'deep nesting': '<html><body><div><div><div><ul><li>one</li><li>two 👍🏽</li></ul></div></div></div><p>tail</p></body></html>',
  'comments and doctype': '<!DOCTYPE html><div><!-- a <b>comment</b> --><p>text<!--x--></p></div>',
  'script and style raw text': '<style>p > b { content: "<i>" }</style><p>x</p><script>if (a < b && c) { d = "</p>"; }</script><p>y &lt; z</p>',
  'upper-case tags': '<P>Hello <B>World</B><BR></P><TABLE><TR><TD>1</TD></TR></TABLE>',
  'CR LF and attributes across lines': '<div\r\n class="a"\r\n>line\r\nline</div>\r\n<p lang=fr>Ça va ?</p>',
};

describe('shapeBody, html', () => {
  it.each(Object.entries(samples))('test input %s is itself well-formed', (_name, html) => {
    expect(wellFormednessProblems(html)).toEqual([]);
  });

  it.each(Object.entries(samples))('cuts %s at every maxChars from 1 to its length into a well-formed prefix', (_name, html) => {
    const forbidden = insideMarkup(html);
    const boundaries = graphemeBoundaries(html);
    let previousKept = 0;
    for (let maxChars = 1; maxChars <= html.length; maxChars++) {
      const body = shapeBody(html, 'html', maxChars, strict);
      const where = `maxChars ${maxChars}: ${JSON.stringify(body.content)}`;
      expect(bodySchema.parse(body)).toEqual(body);
      expect([where, body.truncated]).toEqual([where, html.length > maxChars]);
      expect([where, body.content.length <= maxChars]).toEqual([where, true]);
      expect([where, body.content.isWellFormed()]).toEqual([where, true]);
      expect([where, wellFormednessProblems(body.content)]).toEqual([where, []]);
      const kept = keptPrefixLength(html, body.content);
      expect([where, kept >= 0, forbidden.has(kept), boundaries.has(kept)]).toEqual([where, true, false, true]);
      // A larger budget never keeps less of the source.
      expect([where, kept >= previousKept]).toEqual([where, true]);
      previousKept = kept;
    }
  });

  it('counts the end tags it adds and cuts earlier to fit them', () => {
    const html = '<div><b>abcdef</b></div>';
    expect(shapeBody(html, 'html', 19, strict)).toEqual({ type: 'html', content: '<div><b>a</b></div>', truncated: true });
    expect(shapeBody(html, 'html', 18, strict)).toEqual({ type: 'html', content: '<div><b></b></div>', truncated: true });
    expect(shapeBody(html, 'html', 17, strict)).toEqual({ type: 'html', content: '<div></div>', truncated: true });
    expect(shapeBody(html, 'html', 10, strict)).toEqual({ type: 'html', content: '', truncated: true });
  });

  it('keeps a reference or a tag whole or leaves it out', () => {
    expect(shapeBody('a &amp; b', 'html', 5, strict).content).toBe('a ');
    expect(shapeBody('a &amp; b', 'html', 7, strict).content).toBe('a &amp;');
    expect(shapeBody('a &#x1F600; b', 'html', 9, strict).content).toBe('a ');
    expect(shapeBody('a <img src="x"> b', 'html', 10, strict).content).toBe('a ');
    expect(shapeBody('a <!-- hidden --> b', 'html', 12, strict).content).toBe('a ');
  });

  it('closes elements innermost first (names as the HTML tokenizer reads them: lower case)', () => {
    expect(shapeBody('<DIV><Span>abc</Span></DIV>x', 'html', 25, strict).content).toBe('<DIV><Span>a</span></div>');
    expect(shapeBody('<ul><li>one</li><li>two</li></ul>', 'html', 31, strict).content).toBe('<ul><li>one</li><li>t</li></ul>');
    expect(shapeBody('<ul><li>one</li><li>two</li></ul>', 'html', 30, strict).content).toBe('<ul><li>one</li><li></li></ul>');
  });

  it('keeps a script whole or leaves its content out: in script data an appended </script> may not end it', () => {
    const html = '<p>a</p><script>var s = "<b>";</script>';
    expect(shapeBody(html, 'html', 30, strict)).toEqual({ type: 'html', content: '<p>a</p><script></script>', truncated: true });
  });

  it('leaves an HTML body that fits untouched, even when it is not well-formed', () => {
    const html = '<p>one<p>two &nbsp';
    expect(shapeBody(html, 'html', html.length, strict)).toEqual({ type: 'html', content: html, truncated: false });
  });

  it('never cuts into an unterminated tag at the end of a body', () => {
    expect(shapeBody('<p>abc</p><img src="x', 'html', 15, strict).content).toBe('<p>abc</p>');
  });
});
