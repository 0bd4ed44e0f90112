import { corsDecision } from '../../../shared/protocol/corsDecision';
import { loadConfig } from '../../../shared/config';

const request = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });
const allowed = () => ['https://app.example.com'];

describe('corsDecision', () => {
  it('is off without FERRY_CORS_ORIGINS: no header at all', () => {
    expect(corsDecision(request('POST', { origin: 'https://app.example.com' }), () => [])).toEqual({ headers: {}, preflight: false });
  });

  it('is off for a request without Origin', () => {
    expect(corsDecision(request('POST', {}), allowed)).toEqual({ headers: {}, preflight: false });
  });

  it('names a listed origin exactly, never *, and exposes the headers a device reads', () => {
    const { headers, preflight } = corsDecision(request('POST', { origin: 'https://app.example.com' }), allowed);
    expect(preflight).toBe(false);
    expect(headers).toEqual({
      vary: 'Origin',
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-expose-headers': 'x-request-id, retry-after, www-authenticate, content-disposition, content-range, server-timing',
    });
    expect(headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each(['https://evil.example', 'https://app.example.com.evil.example', 'http://app.example.com', 'https://app.example.com:8443', 'null', '*'])(
    'gives an unlisted origin (%s) no Allow-Origin, only Vary',
    (origin) => {
      expect(corsDecision(request('POST', { origin }), allowed)).toEqual({ headers: { vary: 'Origin' }, preflight: false });
      expect(corsDecision(request('OPTIONS', { origin, 'access-control-request-method': 'POST' }), allowed).preflight).toBe(false);
    },
  );

  it('answers a preflight from a listed origin with POST, the two request headers and a max age', () => {
    const decision = corsDecision(request('OPTIONS', { origin: 'https://app.example.com', 'access-control-request-method': 'POST' }), allowed);
    expect(decision.preflight).toBe(true);
    expect(decision.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'authorization, content-type, range, if-range',
      'access-control-max-age': '600',
    });
  });

  it('treats an OPTIONS without Access-Control-Request-Method as no preflight (it gets 405)', () => {
    expect(corsDecision(request('OPTIONS', { origin: 'https://app.example.com' }), allowed).preflight).toBe(false);
  });

  it('means CORS off when the configuration cannot be read', () => {
    const broken = () => {
      throw new Error('bad configuration');
    };
    expect(corsDecision(request('POST', { origin: 'https://app.example.com' }), broken)).toEqual({ headers: {}, preflight: false });
  });
});

describe('FERRY_CORS_ORIGINS', () => {
  it('defaults to none and reads a comma-separated list of exact origins', () => {
    expect(loadConfig({}).FERRY_CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ FERRY_CORS_ORIGINS: 'https://a.example, http://localhost:3000' }).FERRY_CORS_ORIGINS).toEqual(['https://a.example', 'http://localhost:3000']);
  });

  it.each(['*', 'https://a.example/', 'https://a.example/app', 'a.example', 'https://*.example', 'ftp://a.example', 'https://a.example,*'])('refuses %s', (value) => {
    expect(() => loadConfig({ FERRY_CORS_ORIGINS: value })).toThrow(/FERRY_CORS_ORIGINS/);
  });
});
