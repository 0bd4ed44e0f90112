import { startStack, type Stack } from '../helpers/startStack';

const app = 'https://app.example.com';

/** CORS through the local host with FERRY_CORS_ORIGINS set: exact origins only, on every answer. */
describe('CORS over HTTP', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ env: { FERRY_CORS_ORIGINS: app } });
    token = await stack.token();
  });
  afterAll(async () => {
    delete process.env.FERRY_CORS_ORIGINS;
    await stack.close();
  });

  const preflight = (origin: string) =>
    fetch(`${stack.hostUrl}/api/v1/folders/sync`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });

  it('answers a preflight from a listed origin with 204, naming that origin, never *', async () => {
    const response = await preflight(app);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(app);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type, range, if-range');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a preflight from another origin: 405 problem, no CORS header', async () => {
    const response = await preflight('https://evil.example');
    expect(response.status).toBe(405);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('names the origin on a success and on a problem, so the page can read both', async () => {
    const ok = await stack.call('folders/sync', {}, token, { headers: { origin: app } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(app);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const refused = await stack.call('folders/sync', {}, null, { headers: { origin: app } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(app);
    expect(refused.headers.get('access-control-expose-headers')).toContain('www-authenticate');
  });

  it('gives another origin no Allow-Origin (the browser withholds the answer)', async () => {
    const answer = await stack.call('folders/sync', {}, token, { headers: { origin: 'https://evil.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
