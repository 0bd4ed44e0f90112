import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { generate } from 'selfsigned';
import type { INetworkModule } from '@azure/msal-node';
import { devApps } from '../../dev/directory';
import { ensureSigningKey } from '../../dev/idp/signingKey';
import { signToken } from '../../dev/idp/signToken';
import { devManagedIdentity, tokenExchangeAudience } from '../../dev/managedIdentity/devManagedIdentity';
import { appTokenClaims } from '../../dev/managedIdentity/managedIdentityTokenClaims';
import { createAzureCredential } from '../../shared/auth/createAzureCredential';
import { createDeviceTokenVerifier } from '../../shared/auth/createDeviceTokenVerifier';
import { createOboClientCredential } from '../../shared/auth/createOboClientCredential';
import { createOboTokenProvider } from '../../shared/auth/createOboTokenProvider';
import { foldersSyncCommand } from '../../shared/commands/foldersSync';
import { loadConfig } from '../../shared/config';
import { createKeyVaultSecretReader } from '../../shared/secrets/createKeyVaultSecretReader';
import { createKeyVaultSecretsProvider, keyVaultSecretNames } from '../../shared/secrets/createKeyVaultSecretsProvider';
import { contosoTid, decodePayload, deviceToken, fabrikamTid, postToken } from '../helpers/devIdp';
import { callCommand, startKeyVaultWorld, stateKeyName, type KeyVaultWorld } from './keyVaultHarness';

let world: KeyVaultWorld;
beforeAll(async () => {
  world = await startKeyVaultWorld();
  world.addStateKey();
});
afterAll(() => world.close());

const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A token from the managed identity endpoint, as Ferry's identity would get it. */
async function identityToken(resource: string): Promise<string> {
  const url = `${world.identity.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${encodeURIComponent(resource)}&client_id=${devManagedIdentity.clientId}`;
  const response = await fetch(url, { headers: { 'x-identity-header': world.identity.env.IDENTITY_HEADER } });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The on-behalf-of grant with a client assertion instead of a secret, straight to the dev IdP. */
async function oboWithAssertion(clientAssertion: string, upn = 'alice@contoso.test') {
  return postToken(world.idp, 'organizations', {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    client_id: devApps.ferryClientId,
    client_assertion_type: jwtBearer,
    client_assertion: clientAssertion,
    assertion: await deviceToken(world.idp, upn),
    requested_token_use: 'on_behalf_of',
    scope: 'https://graph.microsoft.com/.default',
  });
}

describe('federated on-behalf-of: the managed identity token is the client assertion', () => {
  it('serves devices of the home tenant and of another tenant, with no secret configured anywhere', async () => {
    const runtime = world.runtime();
    expect(world.env.FERRY_CLIENT_SECRET).toBeUndefined();
    const exchanges = world.idp.counters.oboExchanges;
    const assertions = world.identity.counters.tokens[tokenExchangeAudience] ?? 0;
    for (const upn of ['alice@contoso.test', 'erin@fabrikam.test']) {
      const answer = await callCommand(runtime, foldersSyncCommand, {}, await deviceToken(world.idp, upn));
      expect(answer.status).toBe(200);
    }
    expect(world.idp.counters.oboExchanges).toBe(exchanges + 2);
    expect(world.identity.counters.tokens[tokenExchangeAudience]).toBeGreaterThan(assertions);
  });

  it('is checked by the dev IdP: only an unexpired assertion matching the federated credential is accepted', async () => {
    const key = await ensureSigningKey();
    const now = Math.floor(Date.now() / 1000);
    const claims = { idpUrl: world.idp.url, tid: devManagedIdentity.tid, principalId: devManagedIdentity.principalId, clientId: devManagedIdentity.clientId, aud: tokenExchangeAudience, nowInSeconds: now };
    const other = await generateKeyPair('RS256');

    const good = await oboWithAssertion(await identityToken(tokenExchangeAudience));
    expect(good.status).toBe(200);
    expect(decodePayload(good.body.access_token as string)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: contosoTid });

    const refused: Array<[string, string, number]> = [
      ['a token for the vault', await identityToken('https://vault.localhost'), 70021],
      ['another subject', await signToken(appTokenClaims({ ...claims, principalId: '00000000-0000-4000-8000-000000000000' }), key), 70021],
      ['another tenant as issuer', await signToken(appTokenClaims({ ...claims, tid: fabrikamTid }), key), 70021],
      ['an expired assertion', await signToken(appTokenClaims({ ...claims, nowInSeconds: now - 7200 }), key), 700024],
      ['a key the IdP never had', await new SignJWT(appTokenClaims(claims)).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(other.privateKey), 700027],
    ];
    for (const [name, assertion, aadsts] of refused) {
      const answer = await oboWithAssertion(assertion);
      expect({ name, status: answer.status, error: answer.body.error, codes: answer.body.error_codes }).toEqual({ name, status: 401, error: 'invalid_client', codes: [aadsts] });
    }
    const wrongType = await postToken(world.idp, 'organizations', {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: devApps.ferryClientId,
      client_assertion_type: 'urn:example:other',
      client_assertion: await identityToken(tokenExchangeAudience),
      assertion: await deviceToken(world.idp, 'alice@contoso.test'),
      requested_token_use: 'on_behalf_of',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(wrongType.status).toBe(400);
  });

  it('answers 503 when the managed identity gives no assertion (an identity the endpoint does not know)', async () => {
    const runtime = world.runtime({ env: { AZURE_CLIENT_ID: '0badc0de-0000-4000-8000-000000000000' } });
    const exchanges = world.idp.counters.oboExchanges;
    // Without state the first thing that needs the identity is the exchange, before any Graph call.
    const answer = await callCommand(runtime, foldersSyncCommand, {}, await deviceToken(world.idp, 'bob@contoso.test'));
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('upstream_unavailable');
    expect(answer.headers['retry-after']).toBe('5');
    expect(world.idp.counters.oboExchanges).toBe(exchanges);
  });
});

describe('on-behalf-of with a client secret or certificate from Key Vault', () => {
  it('secret mode reads ferry-client-secret from the vault (503 while it is missing)', async () => {
    const missing = await callCommand(world.runtime({ env: { FERRY_OBO_MODE: 'secret' } }), foldersSyncCommand, {}, await deviceToken(world.idp, 'alice@contoso.test'));
    expect(missing.status).toBe(503);
    expect(missing.logs.join('\n')).toContain('secrets_not_found');
    world.vault.store.set(keyVaultSecretNames.clientSecret, devApps.ferryClientSecret);
    const answer = await callCommand(world.runtime({ env: { FERRY_OBO_MODE: 'secret' } }), foldersSyncCommand, {}, await deviceToken(world.idp, 'alice@contoso.test'));
    expect(answer.status).toBe(200);
  });

  it('certificate mode signs an assertion in memory with the vault certificate\'s key (x5t#S256, x5c)', async () => {
    const ca = await generate([{ name: 'commonName', value: 'Ferry test CA' }], { keyType: 'rsa', keySize: 2048, extensions: [{ name: 'basicConstraints', cA: true }] });
    const leaf = await generate([{ name: 'commonName', value: 'ferry-obo' }], { keyType: 'rsa', keySize: 2048, ca: { key: ca.private, cert: ca.cert } });
    world.vault.store.set(keyVaultSecretNames.clientCertificate, `${leaf.private}\n${leaf.cert}\n${ca.cert}`, { contentType: 'application/x-pem-file' });

    const config = loadConfig({ ...world.env, FERRY_OBO_MODE: 'certificate' });
    const credential = createAzureCredential({ kind: 'managedIdentity', clientId: devManagedIdentity.clientId });
    const secrets = createKeyVaultSecretsProvider({ reader: createKeyVaultSecretReader({ vaultUrl: world.vault.url, credential }), stateKeyName });
    const seen: Array<Record<string, unknown>> = [];
    const provider = createOboTokenProvider(config, {
      getClientCredential: createOboClientCredential('certificate', { secrets, credential }),
      networkClient: verifyingCertificateAssertions(leaf.cert, seen),
    });
    const caller = await createDeviceTokenVerifier(config).verify(`Bearer ${await deviceToken(world.idp, 'alice@contoso.test')}`);
    const graphToken = await provider.getGraphToken(caller);
    expect(decodePayload(graphToken)).toMatchObject({ oid: caller.oid, aud: 'https://graph.microsoft.com' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ iss: devApps.ferryClientId, sub: devApps.ferryClientId, aud: `${world.idp.url}/${contosoTid}/oauth2/v2.0/token`, chainLength: 2 });
  });
});

/**
 * MSAL's network, with one check in the middle: a token request must carry a client assertion signed by
 * the certificate's key and naming it (`x5t#S256`, `x5c` leaf first). The dev IdP knows no certificates,
 * so once checked the request goes on with Ferry's dev secret instead.
 */
function verifyingCertificateAssertions(certificatePem: string, seen: Array<Record<string, unknown>>): INetworkModule {
  const certificate = new X509Certificate(certificatePem);
  const asResponse = async (response: Response) => ({ status: response.status, headers: Object.fromEntries(response.headers.entries()), body: (await response.json()) as never });
  return {
    sendGetRequestAsync: async (url, options) => asResponse(await fetch(url, { headers: options?.headers })),
    async sendPostRequestAsync(url, options) {
      const form = new URLSearchParams(options?.body ?? '');
      const assertion = form.get('client_assertion') ?? '';
      expect(form.get('client_assertion_type')).toBe(jwtBearer);
      expect(form.has('client_secret')).toBe(false);
      const header = decodeProtectedHeader(assertion);
      expect(header['x5t#S256']).toBe(createHash('sha256').update(certificate.raw).digest('base64url'));
      const { payload } = await compactVerify(assertion, createPublicKey(certificatePem));
      const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
      seen.push({ ...claims, chainLength: (header.x5c as string[] | undefined)?.length });
      form.delete('client_assertion');
      form.delete('client_assertion_type');
      form.set('client_secret', devApps.ferryClientSecret);
      return asResponse(await fetch(url, { method: 'POST', headers: options?.headers, body: form.toString() }));
    },
  };
}
