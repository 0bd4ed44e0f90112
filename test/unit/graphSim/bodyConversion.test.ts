import { convertBody, htmlToText, textToHtml, toBodyPreview } from '../../../dev/graphSim/core/bodyConversion';

describe('body conversion', () => {
  it('turns HTML into text: tags gone, entities decoded (non-BMP too), breaks kept', () => {
    const html = '<html><head><style>p{}</style><title>x</title></head><body><p>Tom &amp; Jerry &lt;3</p><p>Caf&eacute; caf&#233; &#x1F600; &nbsp;ok<br>next</p></body></html>';
    const text = htmlToText(html);
    expect(text).toBe('Tom & Jerry <3\r\nCafé café 😀 \u00a0ok\r\nnext');
    expect(text).not.toMatch(/style|title|<p>/);
  });

  it('turns text into escaped HTML with line breaks', () => {
    const html = textToHtml('a < b & "c"\nnext 👩🏽‍💻');
    expect(html).toContain('a &lt; b &amp; &quot;c&quot;<br>');
    expect(html).toContain('next 👩🏽‍💻');
    expect(htmlToText(html)).toBe('a < b & "c"\r\nnext 👩🏽‍💻');
  });

  it('converts only when the type differs', () => {
    const body = { contentType: 'html' as const, content: '<p>x</p>' };
    expect(convertBody(body, 'html')).toBe(body);
    expect(convertBody(body, 'text')).toEqual({ contentType: 'text', content: 'x' });
  });

  it('previews the first 255 characters of text, never splitting a surrogate pair', () => {
    const long = `${'a'.repeat(254)}😀tail`;
    const preview = toBodyPreview({ contentType: 'text', content: long });
    expect([...preview]).toHaveLength(255);
    expect(preview.endsWith('😀')).toBe(true);
    expect(toBodyPreview({ contentType: 'html', content: '<p>Hello</p>\r\n<p>world</p>' })).toBe('Hello\r\nworld');
    expect(toBodyPreview({ contentType: 'text', content: '  Date\r\n        Time\r\n' })).toBe('Date\r\n        Time'); // runs of spaces kept
  });
});
