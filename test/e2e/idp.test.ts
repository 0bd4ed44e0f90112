import { mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify, createLocalJWKSet, createRemoteJWKSet, jwtVerify } from 'jose';
import { ensureDevCertificates } from '../../dev/certs';
import { devApps } from '../../dev/directory';
import { createIdentityProvider, type IdentityProvider } from '../../dev/idp/createIdentityProvider';
import { devConsentPolicyId } from '../../dev/idp/oboGrant';
import { ensureSigningKey } from '../../dev/idp/signingKey';
import { runTokenCli } from '../../dev/tokenCli';
import { contosoTid, decodePayload, deviceToken, fabrikamTid, postToken, startDevIdp } from '../helpers/devIdp';

let idp: IdentityProvider;
beforeAll(async () => {
  idp = await startDevIdp();
});
afterAll(() => idp.close());

const ferryScope = `api://${devApps.ferryClientId}/access_as_user`;
const nowInSeconds = () => Math.floor(Date.now() / 1000);
const getJson = async (path: string) => {
  const response = await fetch(`${idp.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

function oboForm(assertion: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    requested_token_use: 'on_behalf_of',
    client_id: devApps.ferryClientId,
    client_secret: devApps.ferryClientSecret,
    assertion,
    scope: 'https://graph.microsoft.com/.default',
    ...overrides,
  };
}

describe('dev identity provider: discovery', () => {
  it.each(['contoso', contosoTid])('serves the OpenID configuration of tenant %s with tid-based URLs', async (tenant) => {
    const { status, body } = await getJson(`/${tenant}/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      issuer: `${idp.url}/${contosoTid}/v2.0`,
      authorization_endpoint: `${idp.url}/${contosoTid}/oauth2/v2.0/authorize`,
      token_endpoint: `${idp.url}/${contosoTid}/oauth2/v2.0/token`,
      jwks_uri: `${idp.url}/${contosoTid}/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('serves the multi-tenant configuration for common with the {tenantid} issuer template', async () => {
    const { body } = await getJson('/common/v2.0/.well-known/openid-configuration');
    expect(body).toMatchObject({ issuer: `${idp.url}/{tenantid}/v2.0`, token_endpoint: `${idp.url}/common/oauth2/v2.0/token` });
  });

  it('answers an unknown tenant like Entra (AADSTS90002)', async () => {
    const { status, body } = await getJson('/northwind/v2.0/.well-known/openid-configuration');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });

  it('publishes its RS256 key in the JWKS of every tenant and of common, and counts fetches', async () => {
    const before = idp.counters.jwksFetches;
    const common = await getJson('/common/discovery/v2.0/keys');
    const contoso = await getJson('/contoso/discovery/v2.0/keys');
    expect(common.body).toEqual(contoso.body);
    const keys = common.body.keys as Record<string, unknown>[];
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: (await ensureSigningKey()).kid });
    expect(keys[0]).not.toHaveProperty('d');
    expect(idp.counters.jwksFetches).toBe(before + 2);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expect((await getJson('/contoso/oauth2/v2.0/authorize')).status).toBe(404);
    expect((await getJson('/contoso/oauth2/v2.0/token')).status).toBe(405);
  });
});

describe('dev identity provider: password grant', () => {
  it('issues a Ferry device token with Entra v2.0 claims, verifiable against its JWKS', async () => {
    const { status, body } = await postToken(idp, 'contoso', {
      grant_type: 'password', client_id: devApps.deviceClientId, username: 'alice@contoso.test', password: 'x', scope: ferryScope,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: ferryScope, expires_in: 3600, ext_expires_in: 3600 });
    const jwks = createRemoteJWKSet(new URL(`${idp.url}/common/discovery/v2.0/keys`));
    const { payload, protectedHeader } = await jwtVerify(body.access_token as string, jwks, {
      issuer: `${idp.url}/${contosoTid}/v2.0`,
      audience: devApps.ferryClientId,
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: (await ensureSigningKey()).kid });
    expect(payload).toMatchObject({
      tid: contosoTid,
      oid: 'a11ce000-0000-4000-8000-0000000a11ce',
      scp: 'access_as_user',
      azp: devApps.deviceClientId,
      preferred_username: 'alice@contoso.test',
      ver: '2.0',
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('issues a Microsoft Graph token when the scope names Graph', async () => {
    const { status, body } = await postToken(idp, 'organizations', {
      grant_type: 'password', client_id: devApps.deviceClientId, username: 'erin@fabrikam.test', password: 'x', scope: 'https://graph.microsoft.com/.default',
    });
    expect(status).toBe(200);
    expect(decodePayload(body.access_token as string)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: fabrikamTid, scp: devApps.graphScopes });
  });

  it('honours the dev-only ttl and nbf_offset fields', async () => {
    const expired = decodePayload(await deviceToken(idp, 'alice@contoso.test', { ttl: '-60' }));
    const early = decodePayload(await deviceToken(idp, 'alice@contoso.test', { nbf_offset: '600' }));
    expect(expired.exp).toBeLessThan(nowInSeconds());
    expect(expired.nbf as number).toBeLessThanOrEqual(expired.exp as number);
    expect(early.nbf).toBeGreaterThan(nowInSeconds() + 500);
  });

  it.each([
    ['a user of another tenant', 'fabrikam', { username: 'alice@contoso.test' }, 400, 'invalid_grant'],
    ['an unknown user', 'organizations', { username: 'mallory@contoso.test' }, 400, 'invalid_grant'],
    ['another client', 'contoso', { client_id: devApps.ferryClientId }, 400, 'unauthorized_client'],
    ['scopes of two resources', 'contoso', { scope: `${ferryScope} https://graph.microsoft.com/.default` }, 400, 'invalid_scope'],
    ['no scope', 'contoso', { scope: 'openid profile' }, 400, 'invalid_scope'],
    ['a ttl that is not whole seconds', 'contoso', { ttl: '1e9' }, 400, 'invalid_request'],
    ['an unsupported grant', 'contoso', { grant_type: 'client_credentials' }, 400, 'unsupported_grant_type'],
  ])('refuses %s', async (_, tenant, overrides, status, error) => {
    const answer = await postToken(idp, tenant, {
      grant_type: 'password', client_id: devApps.deviceClientId, username: 'alice@contoso.test', password: 'x', scope: ferryScope, ...overrides,
    });
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error, error_codes: [expect.any(Number)], trace_id: expect.any(String) });
    expect(answer.body.error_description).toMatch(/^AADSTS\d+: /);
  });

  it('refuses a body that is not a form', async () => {
    const response = await fetch(`${idp.url}/contoso/oauth2/v2.0/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":"password"}',
    });
    expect(response.status).toBe(400);
  });
});

describe('dev identity provider: on-behalf-of grant', () => {
  it('exchanges a device token for a Graph token of the same user', async () => {
    const before = idp.counters.oboExchanges;
    const { status, body } = await postToken(idp, contosoTid, { ...oboForm(await deviceToken(idp, 'bob@contoso.test')), client_info: '1' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, scope: expect.stringContaining('https://graph.microsoft.com/Mail.ReadWrite') });
    expect(decodePayload(body.access_token as string)).toMatchObject({
      aud: 'https://graph.microsoft.com', iss: `${idp.url}/${contosoTid}/v2.0`, tid: contosoTid,
      oid: 'b0b00000-0000-4000-8000-000000000b0b', upn: 'bob@contoso.test', azp: devApps.ferryClientId, ver: '2.0',
    });
    expect(JSON.parse(Buffer.from(body.client_info as string, 'base64url').toString())).toEqual({ uid: 'b0b00000-0000-4000-8000-000000000b0b', utid: contosoTid });
    expect(idp.counters.oboExchanges).toBe(before + 1);
  });

  it('answers a wrong client secret with 401 invalid_client', async () => {
    const { status, body } = await postToken(idp, contosoTid, oboForm(await deviceToken(idp, 'alice@contoso.test'), { client_secret: 'nope' }));
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });

  it.each([
    ['an expired assertion', async () => deviceToken(idp, 'alice@contoso.test', { ttl: '-60' }), 500133],
    ['a Graph token as assertion', async () => (await postToken(idp, 'contoso', {
      grant_type: 'password', client_id: devApps.deviceClientId, username: 'alice@contoso.test', password: 'x', scope: 'https://graph.microsoft.com/.default',
    })).body.access_token as string, 50013],
    ['a tampered assertion', async () => `${await deviceToken(idp, 'alice@contoso.test')}x`, 50013],
    ['an assertion of another tenant', async () => deviceToken(idp, 'erin@fabrikam.test'), 50013],
  ])('answers %s with 400 invalid_grant', async (_, assertion, aadsts) => {
    const { status, body } = await postToken(idp, contosoTid, oboForm(await assertion()));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [aadsts] });
  });

  it('answers a user who must consent like Entra: invalid_grant, AADSTS65001, consent_required, claims', async () => {
    const { status, body } = await postToken(idp, contosoTid, oboForm(await deviceToken(idp, 'carol@contoso.test')));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [65001], suberror: 'consent_required' });
    expect(body.error_description).toMatch(/^AADSTS65001: /);
    expect(JSON.parse(body.claims as string)).toEqual({ access_token: { capolids: { essential: true, values: [devConsentPolicyId] } } });
  });
});

describe('token CLI', () => {
  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTokenCli(args, { env: { FERRY_IDP_URL: idp.url }, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('prints only the access token, on one line', async () => {
    const { code, stdout, stderr } = await run(['--user', 'alice@contoso.test']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(decodePayload(stdout.trim())).toMatchObject({ aud: devApps.ferryClientId, tid: contosoTid });
  });

  it('gives a Graph token with --aud graph and an expired one with a negative --ttl', async () => {
    const graph = await run(['--user', 'erin@fabrikam.test', '--aud', 'graph']);
    expect(decodePayload(graph.stdout.trim())).toMatchObject({ aud: 'https://graph.microsoft.com', tid: fabrikamTid });
    const expired = await run(['--user', 'alice@contoso.test', '--ttl', '-60']);
    expect(decodePayload(expired.stdout.trim()).exp).toBeLessThan(nowInSeconds());
  });

  it.each([
    ['a user outside --tenant', ['--user', 'alice@contoso.test', '--tenant', 'fabrikam'], /invalid_grant: AADSTS50034/],
    ['an unknown user', ['--user', 'mallory@contoso.test'], /invalid_grant/],
    ['no --user', [], /usage/],
    ['an unknown flag', ['--user', 'alice@contoso.test', '--bogus'], /usage/],
    ['an unknown audience', ['--user', 'alice@contoso.test', '--aud', 'exchange'], /usage/],
  ])('fails with exit code 1 and a message on stderr for %s', async (_, args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('says so when the IdP is not running', async () => {
    const gone = await startDevIdp();
    await gone.close();
    const err: string[] = [];
    const code = await runTokenCli(['--user', 'alice@contoso.test'], { env: { FERRY_IDP_URL: gone.url }, stdout: () => {}, stderr: (t) => err.push(t) });
    expect(code).toBe(1);
    expect(err.join('')).toContain('cannot reach the dev identity provider');
  });
});

describe('persistence across restarts', () => {
  it('signs with the same key after a restart, so earlier tokens still verify', async () => {
    const token = await deviceToken(idp, 'alice@contoso.test');
    const restarted = await createIdentityProvider({ port: 0 });
    try {
      const response = await fetch(`${restarted.url}/common/discovery/v2.0/keys`);
      await expect(compactVerify(token, createLocalJWKSet((await response.json()) as { keys: [] }))).resolves.toBeDefined();
    } finally {
      await restarted.close();
    }
  });

  it('creates the CA and a localhost certificate once, keeps them, and re-issues only what is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-certs-'));
    try {
      const first = await ensureDevCertificates(dir);
      const ca = new X509Certificate(first.caPem);
      const server = new X509Certificate(first.certPem);
      expect(ca.ca).toBe(true);
      expect(server.ca).toBe(false);
      expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
      expect(server.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
      expect(readFileSync(join(dir, 'ca.pem'), 'utf8')).toBe(first.caPem);

      await expect(ensureDevCertificates(dir)).resolves.toEqual(first);

      unlinkSync(join(dir, 'localhost.pem'));
      const reissued = await ensureDevCertificates(dir);
      expect(reissued.caPem).toBe(first.caPem);
      expect(reissued.certPem).not.toBe(first.certPem);
      expect(new X509Certificate(reissued.certPem).checkIssued(ca)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
