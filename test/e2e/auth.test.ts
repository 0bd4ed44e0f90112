import { createHmac } from 'node:crypto';
import { startStack, type Stack } from '../helpers/startStack';
import { deviceClaims, contosoTid } from '../helpers/devIdp';
import { mintTestToken } from '../../dev/idp/mintTestToken';
import { ensureSigningKey } from '../../dev/idp/signingKey';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Caller auth over HTTP, through the local host. Every refusal must come with the right status, code
 * and WWW-Authenticate, and cost no Graph call and no on-behalf-of exchange.
 */
describe('caller auth over HTTP', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Only contoso is allowed here, so erin@fabrikam is a tenant that is not.
    stack = await startStack({ env: { FERRY_ALLOWED_TENANTS: contosoTid } });
  });
  afterAll(() => stack.close());

  async function expectRefused(authorization: string | null, status: number, code: string, challenge: RegExp | null) {
    const before = { graph: stack.sim.state.stats.requests, obo: stack.idp.counters.oboExchanges };
    const headers: Record<string, string> = authorization === null ? {} : { authorization };
    const answer = await stack.call('folders/sync', {}, null, { headers });
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ status, code, requestId: answer.headers.get('x-request-id') });
    if (challenge === null) expect(answer.headers.get('www-authenticate')).toBeNull();
    else expect(answer.headers.get('www-authenticate')).toMatch(challenge);
    expect(stack.sim.state.stats.requests).toBe(before.graph);
    expect(stack.idp.counters.oboExchanges).toBe(before.obo);
  }
  const invalidToken = /^Bearer realm="ferry", error="invalid_token"/;
  const signed = (overrides: Record<string, unknown>) => mintTestToken({ claims: deviceClaims(stack.idp, 'alice@contoso.test', overrides) });
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a valid token (and only then talks to Graph)', async () => {
    const answer = await stack.call('folders/sync', {}, await stack.token());
    expect(answer.status).toBe(200);
    expect(stack.sim.state.stats.requests).toBeGreaterThan(0);
  });

  it('missing token: 401 with a bare Bearer challenge', () => expectRefused(null, 401, 'unauthorized', /^Bearer realm="ferry"$/));
  it('another scheme: 401 with a bare challenge', () => expectRefused('Basic YWxpY2U6cHc=', 401, 'unauthorized', /^Bearer realm="ferry"$/));
  it('garbage', () => expectRefused('Bearer not.a.jwt', 401, 'unauthorized', invalidToken));
  it('expired beyond the skew', async () => expectRefused(`Bearer ${await signed({ exp: now() - 600 })}`, 401, 'unauthorized', invalidToken));
  it('not yet valid', async () => expectRefused(`Bearer ${await signed({ nbf: now() + 600 })}`, 401, 'unauthorized', invalidToken));
  it('wrong audience', async () => expectRefused(`Bearer ${await signed({ aud: 'https://graph.microsoft.com' })}`, 401, 'unauthorized', invalidToken));
  it('wrong issuer', async () => expectRefused(`Bearer ${await signed({ iss: `https://sts.windows.net/${contosoTid}/` })}`, 401, 'unauthorized', invalidToken));
  it('alg none (unsigned)', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(deviceClaims(stack.idp))}.`;
    await expectRefused(`Bearer ${token}`, 401, 'unauthorized', invalidToken);
  });
  it('HS256 signed with the public key', async () => {
    const key = await ensureSigningKey();
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${b64(deviceClaims(stack.idp))}`;
    const secret = JSON.stringify(key.publicJwk);
    const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    await expectRefused(`Bearer ${token}`, 401, 'unauthorized', invalidToken);
  });
  it('flipped signature', async () => {
    const token = await signed({});
    const flipped = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expectRefused(`Bearer ${flipped}`, 401, 'unauthorized', invalidToken);
  });
  it('tenant not allowed: 403 forbidden', async () => expectRefused(`Bearer ${await stack.token('erin@fabrikam.test')}`, 403, 'forbidden', null));
  it('missing scope: 403 insufficient_scope naming the scope (RFC 6750 §3.1)', async () =>
    expectRefused(`Bearer ${await signed({ scp: 'User.Read' })}`, 403, 'insufficient_scope', /error="insufficient_scope".*scope="access_as_user"/));

  it('consent needed: 401 consent_required with the claims challenge, and no Graph call', async () => {
    const before = stack.sim.state.stats.requests;
    const answer = await stack.call('folders/sync', {}, await stack.token('carol@contoso.test'));
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('consent_required');
    expect(answer.headers.get('www-authenticate')).toMatch(/error="insufficient_claims", claims="[A-Za-z0-9+/=_-]+"/);
    expect(stack.sim.state.stats.requests).toBe(before);
  });
});
