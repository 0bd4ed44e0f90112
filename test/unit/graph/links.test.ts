import fc from 'fast-check';
import { buildGraphUrl, encodeGraphId, resolveLink, toRelativeLink } from '../../../shared/graph/graphUrls';

const graphUrl = 'https://graph.microsoft.com';

describe('toRelativeLink / resolveLink', () => {
  it('drops the origin and keeps path and query byte for byte', () => {
    const link = "https://graph.microsoft.com/v1.0/me/mailFolders('inbox')/messages/delta?$deltatoken=a%2Bb'c&$select=id";
    expect(toRelativeLink(link, graphUrl)).toBe("/v1.0/me/mailFolders('inbox')/messages/delta?$deltatoken=a%2Bb'c&$select=id");
  });

  it('accepts the default port spelled out and drops a fragment', () => {
    expect(toRelativeLink('https://GRAPH.microsoft.com:443/v1.0/me?x=1#frag', graphUrl)).toBe('/v1.0/me?x=1');
  });

  it.each([
    'http://graph.microsoft.com/v1.0/me',
    'https://graph.microsoft.com:444/v1.0/me',
    'https://graph.microsoft.us/v1.0/me',
    'https://graph.microsoft.com.evil.example/v1.0/me',
    'https://graph.microsoft.com@evil.example/',
    'https:\\\\evil.example/v1.0/me',
    '//evil.example/v1.0/me',
    'javascript:alert(1)',
    'https://graph.microsoft.com//evil.example/x',
  ])('throws foreign_link for %s', (link) => {
    expect(() => toRelativeLink(link, graphUrl)).toThrow(expect.objectContaining({ code: 'upstream_error', logReason: 'foreign_link' }));
  });

  it('round-trips: resolving the relative link gives the same URL', () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (path, query) => {
        const absolute = `${graphUrl}${path.startsWith('/') ? path : `/${path}`}${query ? `?${query}` : ''}`;
        fc.pre(!/^https:\/\/graph\.microsoft\.com\/[/\\]/.test(absolute));
        const relative = toRelativeLink(absolute, graphUrl);
        expect(resolveLink(relative, graphUrl).href).toBe(new URL(absolute).href);
      }),
    );
  });

  it('never resolves anything to another origin', () => {
    fc.assert(
      fc.property(fc.string(), (link) => {
        try {
          expect(resolveLink(link, graphUrl).origin).toBe(graphUrl);
        } catch (error) {
          expect(error).toMatchObject({ logReason: 'foreign_link' });
        }
      }),
    );
  });
});

describe('encodeGraphId / buildGraphUrl', () => {
  it('encodes every reserved character of an id', () => {
    expect(encodeGraphId('AAMk/AD+x=?#%')).toBe('AAMk%2FAD%2Bx%3D%3F%23%25');
  });

  it.each(['', '.', '..'])('refuses the id %p', (id) => {
    expect(() => encodeGraphId(id)).toThrow(RangeError);
  });

  it('builds /v1.0 URLs with the query through URLSearchParams', () => {
    const url = buildGraphUrl(graphUrl, '/me/messages/a%2Fb', { $select: 'id,subject', $filter: "receivedDateTime ge 2025-01-01T00:00:00Z" });
    expect(url.href).toBe(
      'https://graph.microsoft.com/v1.0/me/messages/a%2Fb?%24select=id%2Csubject&%24filter=receivedDateTime+ge+2025-01-01T00%3A00%3A00Z',
    );
  });

  it.each(['/me/messages/../../users', '/me/%2e%2e/x', 'me', '/me?x=1', '/me/a b'])('refuses the path %p', (path) => {
    expect(() => buildGraphUrl(graphUrl, path)).toThrow(TypeError);
  });

  it('keeps any id inside its path segment', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        fc.pre(id !== '.' && id !== '..');
        const url = buildGraphUrl(graphUrl, `/me/messages/${encodeGraphId(id)}`);
        expect(url.origin).toBe(graphUrl);
        expect(decodeURIComponent(url.pathname.slice('/v1.0/me/messages/'.length))).toBe(id);
      }),
    );
  });
});
