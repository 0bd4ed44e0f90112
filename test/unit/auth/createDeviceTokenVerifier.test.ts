import { createHmac, createPublicKey } from 'node:crypto';
import { generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { IdentityProvider } from '../../../dev/idp/createIdentityProvider';
import { mintTestToken } from '../../../dev/idp/mintTestToken';
import { ensureSigningKey } from '../../../dev/idp/signingKey';
import { createDeviceTokenVerifier, remoteJwks } from '../../../shared/auth/createDeviceTokenVerifier';
import { FerryError } from '../../../shared/protocol/ferryError';
import { configFor, contosoTid, deviceClaims, deviceToken, fabrikamTid, startDevIdp } from '../../helpers/devIdp';

let idp: IdentityProvider;
beforeAll(async () => {
  idp = await startDevIdp();
});
afterAll(() => idp.close());

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FerryError)) throw new Error(`expected a FerryError, got ${String(error)}`);
  return error;
}

/** Every challenge is one of these fixed shapes: nothing from the token can appear in it. */
const invalidTokenChallenge = /^Bearer realm="ferry", error="invalid_token", error_description="[A-Za-z .]+"$/;

describe('createDeviceTokenVerifier', () => {
  it('accepts a device token from the dev IdP and returns the caller', async () => {
    const token = await deviceToken(idp, 'alice@contoso.test');
    const caller = await createDeviceTokenVerifier(configFor(idp)).verify(`Bearer ${token}`);
    expect(caller).toEqual({ tid: contosoTid, oid: 'a11ce000-0000-4000-8000-0000000a11ce', token });
  });

  it('accepts the scheme in any case and a scope among others', async () => {
    const token = await mintTestToken({ claims: deviceClaims(idp, 'bob@contoso.test', { scp: 'User.Read access_as_user' }) });
    const caller = await createDeviceTokenVerifier(configFor(idp)).verify(`bearer ${token}`);
    expect(caller.oid).toBe('b0b00000-0000-4000-8000-000000000b0b');
  });

  it.each([
    ['no header', null, 'missing'],
    ['an empty header', '', 'missing'],
    ['another scheme', 'Basic YWxpY2U6cGFzcw==', 'wrong_scheme'],
  ])('answers %s with 401 and a challenge without error code (RFC 6750 §3.1)', async (_, header, logReason) => {
    const error = await rejection(createDeviceTokenVerifier(configFor(idp)).verify(header));
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', logReason });
    expect(error.headers['WWW-Authenticate']).toBe('Bearer realm="ferry"');
  });

  it.each([
    ['garbage', 'Bearer not-a-jwt'],
    ['three garbage segments', 'Bearer abc.def.ghi'],
    ['a scheme without a token', 'Bearer'],
    ['characters a bearer token cannot have', 'Bearer abc"def'],
  ])('answers %s with 401 invalid_token, malformed', async (_, header) => {
    const error = await rejection(createDeviceTokenVerifier(configFor(idp)).verify(header));
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', logReason: 'malformed' });
    expect(error.headers['WWW-Authenticate']).toBe(
      'Bearer realm="ferry", error="invalid_token", error_description="The token is malformed."',
    );
  });

  it('accepts a token expired less than the tolerated skew ago, and nbf within the skew', async () => {
    const verifier = createDeviceTokenVerifier(configFor(idp, { FERRY_TOKEN_SKEW_SECONDS: '60' }));
    const expired = await mintTestToken({ claims: deviceClaims(idp, undefined, { iat: now() - 3600, nbf: now() - 3600, exp: now() - 30 }) });
    const early = await mintTestToken({ claims: deviceClaims(idp, undefined, { nbf: now() + 30 }) });
    await expect(verifier.verify(`Bearer ${expired}`)).resolves.toMatchObject({ tid: contosoTid });
    await expect(verifier.verify(`Bearer ${early}`)).resolves.toMatchObject({ tid: contosoTid });
  });

  it('checks time with the injected clock', async () => {
    const token = await deviceToken(idp, 'alice@contoso.test');
    const twoHoursLater = { now: () => Date.now() + 2 * 3600 * 1000, sleep: async () => {} };
    const error = await rejection(createDeviceTokenVerifier(configFor(idp), { clock: twoHoursLater }).verify(`Bearer ${token}`));
    expect(error.logReason).toBe('expired');
  });

  describe('hostile and broken tokens', () => {
    type Case = [name: string, build: () => Promise<string>, logReason: string];
    const signed = (overrides: Record<string, unknown>, header?: Record<string, unknown>) => () =>
      mintTestToken({ claims: deviceClaims(idp, undefined, overrides), header });

    const cases: Case[] = [
      ['expired beyond the skew', signed({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 120 }), 'expired'],
      ['expired, from the password grant (ttl=-3600)', () => deviceToken(idp, 'alice@contoso.test', { ttl: '-3600' }), 'expired'],
      ['nbf in the future', () => deviceToken(idp, 'alice@contoso.test', { nbf_offset: '600' }), 'not_yet_valid'],
      ['another audience', signed({ aud: 'api://someone-else' }), 'wrong_audience'],
      ['the Graph audience', () => mintTestToken({ claims: deviceClaims(idp, undefined, { aud: 'https://graph.microsoft.com' }) }), 'wrong_audience'],
      ['an audience array containing Ferry', signed({ aud: ['f3a7e1c0-0000-4000-8000-00000000f3a7', 'api://other'] }), 'wrong_audience'],
      ['no audience', signed({ aud: undefined }), 'wrong_audience'],
      ['the issuer of another tenant', signed({ iss: `${'https://localhost'}/${fabrikamTid}/v2.0` }), 'wrong_issuer'],
      ['an issuer of another tenant on the right host', () => mintTestToken({ claims: deviceClaims(idp, undefined, { iss: `${idp.url}/${fabrikamTid}/v2.0` }) }), 'wrong_issuer'],
      ['the v1 issuer', () => mintTestToken({ claims: deviceClaims(idp, undefined, { iss: `https://sts.windows.net/${contosoTid}/` }) }), 'wrong_issuer'],
      ['a tid that is not a GUID', () => mintTestToken({ claims: deviceClaims(idp, undefined, { tid: 'contoso', iss: `${idp.url}/contoso/v2.0` }) }), 'wrong_issuer'],
      ['no tid', signed({ tid: undefined }), 'wrong_issuer'],
      ['no oid', signed({ oid: undefined }), 'missing_claim'],
      ['no exp', signed({ exp: undefined }), 'missing_claim'],
      ['alg none (unsigned)', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(deviceClaims(idp))}.`, 'bad_algorithm'],
      ['HS256 keyed with the public key', hmacWithPublicKey, 'bad_algorithm'],
      ['RS384', rs384Token, 'bad_algorithm'],
      ['a flipped signature bit', flippedSignature, 'bad_signature'],
      ['a foreign key under the IdP kid', foreignKeyWithIdpKid, 'bad_signature'],
      ['a changed payload under the original signature', swappedPayload, 'bad_signature'],
      ['an unknown kid', signed({}, { kid: 'unknown-kid' }), 'unknown_key'],
    ];

    it.each(cases)('rejects %s with 401 invalid_token', async (_, build, logReason) => {
      const token = await build();
      const error = await rejection(createDeviceTokenVerifier(configFor(idp)).verify(`Bearer ${token}`));
      expect(error).toMatchObject({ status: 401, code: 'unauthorized', logReason });
      expect(error.headers['WWW-Authenticate']).toMatch(invalidTokenChallenge);
      expect(error.message).not.toContain('alice');
    });
  });

  it('answers a token without Ferry\'s scope with 403 insufficient_scope (RFC 6750 §3.1)', async () => {
    const token = await mintTestToken({ claims: deviceClaims(idp, undefined, { scp: 'User.Read' }) });
    const error = await rejection(createDeviceTokenVerifier(configFor(idp)).verify(`Bearer ${token}`));
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope', logReason: 'missing_scope' });
    expect(error.headers['WWW-Authenticate']).toBe(
      'Bearer realm="ferry", error="insufficient_scope", error_description="The token lacks the required scope.", scope="access_as_user"',
    );
  });

  it('answers a valid token of a tenant not allowed with 403 forbidden', async () => {
    const token = await deviceToken(idp, 'erin@fabrikam.test');
    const config = configFor(idp, { FERRY_ALLOWED_TENANTS: contosoTid });
    const error = await rejection(createDeviceTokenVerifier(config).verify(`Bearer ${token}`));
    expect(error).toMatchObject({ status: 403, code: 'forbidden', logReason: 'tenant_not_allowed' });
    expect(error.headers['WWW-Authenticate']).toBeUndefined();
    await expect(createDeviceTokenVerifier(configFor(idp)).verify(`Bearer ${token}`)).resolves.toMatchObject({ tid: fabrikamTid });
  });

  it('allows nobody when FERRY_ALLOWED_TENANTS is empty', async () => {
    const token = await deviceToken(idp, 'alice@contoso.test');
    const error = await rejection(createDeviceTokenVerifier(configFor(idp, { FERRY_ALLOWED_TENANTS: '' })).verify(`Bearer ${token}`));
    expect(error.logReason).toBe('tenant_not_allowed');
  });

  it('refuses a token over 8 KB without looking up a key', async () => {
    const jwks = jest.fn<ReturnType<JWTVerifyGetKey>, Parameters<JWTVerifyGetKey>>();
    const token = await mintTestToken({ claims: deviceClaims(idp, undefined, { padding: 'x'.repeat(8192) }) });
    const error = await rejection(createDeviceTokenVerifier(configFor(idp), { jwks }).verify(`Bearer ${token}`));
    expect(error).toMatchObject({ status: 401, logReason: 'too_large' });
    expect(error.headers['WWW-Authenticate']).toBe('Bearer realm="ferry", error="invalid_token", error_description="The token is too large."');
    expect(jwks).not.toHaveBeenCalled();
  });

  it('fetches the JWKS once per process and does not refetch for unknown kids within the cooldown', async () => {
    const config = configFor(idp);
    const token = await deviceToken(idp, 'alice@contoso.test');
    await createDeviceTokenVerifier(config).verify(`Bearer ${token}`);
    const fetchesAfterFirst = idp.counters.jwksFetches;
    await createDeviceTokenVerifier(config).verify(`Bearer ${token}`);
    for (const kid of ['forged-1', 'forged-2', 'forged-3']) {
      const forged = await mintTestToken({ claims: deviceClaims(idp), header: { kid } });
      await expect(createDeviceTokenVerifier(config).verify(`Bearer ${forged}`)).rejects.toMatchObject({ logReason: 'unknown_key' });
    }
    expect(idp.counters.jwksFetches).toBe(fetchesAfterFirst);
    expect(remoteJwks(config.jwksUrl)).toBe(remoteJwks(config.jwksUrl));
  });

  it('refuses at start-up a configured scope that is not one scope token', () => {
    expect(() => createDeviceTokenVerifier(configFor(idp, { FERRY_API_SCOPE: 'a "b"' }))).toThrow(TypeError);
  });

  it('answers 503 when the signing keys cannot be fetched, not 401', async () => {
    const config = configFor(idp, { FERRY_JWKS_URL: 'https://localhost:1/common/discovery/v2.0/keys' });
    const token = await deviceToken(idp, 'alice@contoso.test');
    const error = await rejection(createDeviceTokenVerifier(config).verify(`Bearer ${token}`));
    expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable', logReason: 'keys_unavailable' });
    expect(error.retryAfterInMs).toBeGreaterThan(0);
  });
});

async function hmacWithPublicKey(): Promise<string> {
  const { publicJwk } = await ensureSigningKey();
  const publicPem = createPublicKey({ key: publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: publicJwk.kid })}.${b64(deviceClaims(idp))}`;
  return `${signingInput}.${createHmac('sha256', publicPem).update(signingInput).digest('base64url')}`;
}

async function rs384Token(): Promise<string> {
  const { kid } = await ensureSigningKey();
  const key = await generateKeyPair('RS384');
  return new SignJWT(deviceClaims(idp)).setProtectedHeader({ alg: 'RS384', kid }).sign(key.privateKey);
}

async function flippedSignature(): Promise<string> {
  const [header, payload, signature] = (await mintTestToken({ claims: deviceClaims(idp) })).split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

async function foreignKeyWithIdpKid(): Promise<string> {
  const { kid } = await ensureSigningKey();
  const foreign = await generateKeyPair('RS256');
  return new SignJWT(deviceClaims(idp)).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(foreign.privateKey);
}

async function swappedPayload(): Promise<string> {
  const [header, , signature] = (await mintTestToken({ claims: deviceClaims(idp) })).split('.') as [string, string, string];
  return `${header}.${b64(deviceClaims(idp, 'bob@contoso.test'))}.${signature}`;
}
