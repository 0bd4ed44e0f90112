import fc from 'fast-check';
import { sanitizeTelemetryAttributes } from '../../../shared/observability/sanitizeTelemetryAttributes';
import { redactedSpanName, sanitizeSpanName } from '../../../shared/observability/sanitizeSpanName';
import { sanitizeSpan, type SanitizableSpan } from '../../../shared/observability/sanitizingSpanProcessor';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

describe('sanitizeTelemetryAttributes', () => {
  it('keeps what an HTTP client span needs, with the URL reduced to origin and template', () => {
    expect(
      sanitizeTelemetryAttributes({
        'http.request.method': 'GET',
        'url.full': 'https://graph.microsoft.com/v1.0/me/messages/AAMkAD123=?$select=subject',
        'http.url': 'https://graph.microsoft.com/v1.0/me/messages/AAMkAD123=?$select=subject',
        'http.target': '/v1.0/me/messages/AAMkAD123=?$select=subject',
        'url.path': '/v1.0/me/messages/AAMkAD123=',
        'server.address': 'graph.microsoft.com',
        'server.port': 443,
        'http.response.status_code': 429,
        'network.protocol.version': '1.1',
        'error.type': 'ECONNRESET',
      }),
    ).toEqual({
      'http.request.method': 'GET',
      'url.full': 'https://graph.microsoft.com/v1.0/me/messages/:id',
      'http.url': 'https://graph.microsoft.com/v1.0/me/messages/:id',
      'http.target': '/v1.0/me/messages/:id',
      'url.path': '/v1.0/me/messages/:id',
      'server.address': 'graph.microsoft.com',
      'server.port': 443,
      'http.response.status_code': 429,
      'network.protocol.version': '1.1',
      'error.type': 'ECONNRESET',
    });
  });

  it('drops queries, headers, user agents, peer addresses, users and every unknown key', () => {
    expect(
      sanitizeTelemetryAttributes({
        'url.query': '$filter=subject eq \'Salary review\'',
        'http.request.header.authorization': `Bearer ${jwt}`,
        'user_agent.original': 'Ferry alice@contoso.test',
        'network.peer.address': '10.0.0.4',
        'enduser.id': 'alice@contoso.test',
        'exception.message': 'Salary review',
        subject: 'Salary review',
        'ferry.note': 'free text here',
        'ferry.token': jwt,
        'ferry.address': 'alice@contoso.test',
        'ferry.list': ['a', 'b'],
        'server.address': 'evil host name',
      }),
    ).toEqual({});
  });

  it('keeps Ferry numbers, booleans and short tokens, and the SDK markers', () => {
    expect(
      sanitizeTelemetryAttributes({
        'ferry.command': 'mail/sync',
        'ferry.graph.calls': 3,
        'ferry.cold_start': true,
        'ferry.error_code': 'sync_state_invalid',
        'ferry.bad_number': Number.NaN,
        '_MS.ProcessedByMetricExtractors': "(Name:'Dependencies', Ver:'1.1')",
      }),
    ).toEqual({
      'ferry.command': 'mail/sync',
      'ferry.graph.calls': 3,
      'ferry.cold_start': true,
      'ferry.error_code': 'sync_state_invalid',
      '_MS.ProcessedByMetricExtractors': "(Name:'Dependencies', Ver:'1.1')",
    });
  });

  it('never passes on a value of a key outside the allow-list, nor a query or a JWT anywhere', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (key, value) => {
        const safe = sanitizeTelemetryAttributes({ [`x.${key}`]: value, 'url.full': `https://graph.microsoft.com/v1.0/me?q=${encodeURIComponent(value)}`, 'ferry.value': `${jwt}${value}` });
        expect(Object.keys(safe)).toEqual(['url.full']);
        expect(safe['url.full']).toBe('https://graph.microsoft.com/v1.0/me');
      }),
    );
  });
});

describe('sanitizeSpanName', () => {
  it.each([
    ['GET', 'GET'],
    ['HTTPS POST', 'HTTPS POST'],
    ['GET /v1.0/me/messages/AAMkAD123=', 'GET /v1.0/me/messages/:id'],
    ['ferry mail/sync', 'ferry mail/sync'],
    ['ferry', 'ferry'],
    ['Re: Salary review', redactedSpanName],
    ['ferry alice@contoso.test', redactedSpanName],
    [`GET ${jwt}`, redactedSpanName],
  ])('%s → %s', (name, expected) => {
    expect(sanitizeSpanName(name)).toBe(expected);
  });
});

describe('sanitizeSpan', () => {
  it('rewrites an ended span in place: name, attributes, status message, events and links', () => {
    const attributes = { 'url.full': 'https://graph.microsoft.com/v1.0/me/messages/AAMk=?x=1', 'enduser.id': 'alice@contoso.test' };
    const span: SanitizableSpan = {
      name: 'Salary review',
      attributes,
      status: { code: 2, message: 'Salary review for alice@contoso.test' },
      events: [
        { name: 'exception', attributes: { 'exception.type': 'AxiosError', 'exception.message': 'Salary review', 'exception.stacktrace': 'at x' } },
        { name: 'exception', attributes: { 'exception.type': 'Salary review' } },
        { name: 'note', attributes: { text: 'Salary review' } },
      ],
      links: [{ attributes: { subject: 'Salary review' } }],
    };
    sanitizeSpan(span);
    expect(span.name).toBe(redactedSpanName);
    expect(span.attributes).toBe(attributes); // the same object, emptied and refilled
    expect(span.attributes).toEqual({ 'url.full': 'https://graph.microsoft.com/v1.0/me/messages/:id' });
    expect(span.status).toEqual({ code: 2 });
    expect(span.events.map((event) => event.attributes)).toEqual([{ 'exception.type': 'AxiosError' }, {}]);
    expect(span.links).toEqual([{ attributes: {} }]);
    expect(JSON.stringify(span)).not.toMatch(/Salary|alice/);
  });
});
