import path from 'node:path';
import { startLocalHost, type LocalHost } from '../../dev/host/localHost';
import { clearRegistrations } from '../../dev/host/functionsCore';

describe('local Functions host', () => {
  let host: LocalHost;

  beforeAll(async () => {
    clearRegistrations();
    host = await startLocalHost({ rootDir: path.join(__dirname, '../fixtures/hostApp'), port: 0, functionKey: 'k3y', logSink: () => {} });
  });
  afterAll(() => host.close());

  it('serves what app.http registered, under host.json routePrefix, as real HttpRequest/InvocationContext', async () => {
    const response = await fetch(`${host.url}/edge/items/a%3Db/echo?q=1`, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-kind')).toBe('HttpRequest/InvocationContext');
    expect(await response.json()).toEqual({ id: 'a=b', q: '1', body: 'hello', fn: 'echo' });
  });

  it('loads the registrations from package.json main', () => {
    expect(host.routes.map((r) => r.functionName).sort()).toEqual(['echo', 'fallback', 'secret']);
  });

  it('prefers literal segments over a catch-all and passes the rest as a param', async () => {
    const response = await fetch(`${host.url}/edge/items/x/y/z`);
    expect(await response.json()).toEqual({ rest: 'x/y/z' });
  });

  it('answers an unmatched method or route with a bare 404, like the host', async () => {
    expect((await fetch(`${host.url}/edge/secret`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${host.url}/nothing/here`)).status).toBe(404);
  });

  it('enforces function keys for authLevel function', async () => {
    expect((await fetch(`${host.url}/edge/secret`)).status).toBe(401);
    expect((await fetch(`${host.url}/edge/secret?code=wrong`)).status).toBe(401);
    const ok = await fetch(`${host.url}/edge/secret`, { headers: { 'x-functions-key': 'k3y' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('key accepted');
  });
});
