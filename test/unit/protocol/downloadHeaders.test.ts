import fc from 'fast-check';
import { downloadHeaders } from '../../../shared/protocol/downloadHeaders';

describe('downloadHeaders', () => {
  it('always sends nosniff, attachment and a sandboxing CSP', () => {
    expect(downloadHeaders('report.pdf', 'application/pdf')).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
  });

  it.each([
    ['text/html; charset=utf-8', 'text/html'],
    ['IMAGE/PNG', 'image/png'],
    ['', 'application/octet-stream'],
    [undefined, 'application/octet-stream'],
    ['text/html\r\nSet-Cookie: a=b', 'application/octet-stream'],
    ['not a type', 'application/octet-stream'],
  ])('keeps only a plain media type: %j -> %s', (given, expected) => {
    expect(downloadHeaders('a', given)['content-type']).toBe(expected);
  });

  it.each([
    ['../../etc/passwd', 'attachment; filename="__.._etc_passwd"'],
    ['a"b\r\nX-Evil: 1.txt', 'attachment; filename="a_b__X-Evil_ 1.txt"'],
    ['', 'attachment; filename="download"'],
    ['.htaccess', 'attachment; filename="_htaccess"'],
    ['Reçu été 🚀.pdf', 'attachment; filename="Re_u _t_ __.pdf"'],
  ])('reduces the name %j to safe characters', (name, start) => {
    expect(downloadHeaders(name, 'text/plain')['content-disposition']!.startsWith(start)).toBe(true);
  });

  it('carries the full name in filename* and never breaks a header, whatever the name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 80 }), (name, type) => {
        const headers = downloadHeaders(name, type);
        const probe = new Headers();
        for (const [key, value] of Object.entries(headers)) probe.set(key, value);
        const disposition = headers['content-disposition']!;
        expect(disposition).toMatch(/^attachment; filename="[\x20-\x21\x23-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]*$/);
        const decoded = decodeURIComponent(disposition.split("UTF-8''")[1]!);
        expect(decoded).not.toMatch(/[\u0000-\u001f"\\/]/);
        expect(decoded.isWellFormed()).toBe(true);
        expect(headers['x-content-type-options']).toBe('nosniff');
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});
