import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { createOboClientCredential, tokenExchangeScope } from '../../../shared/auth/createOboClientCredential';
import { toMsalClientAuth } from '../../../shared/auth/oboClientCredential';
import { parsePemCertificate } from '../../../shared/auth/parsePemCertificate';
import { FerryError } from '../../../shared/protocol/ferryError';
import { createEnvSecretsProvider } from '../../../shared/secrets/createEnvSecretsProvider';
import type { SecretsProvider } from '../../../shared/secrets/secretsProvider';

const stateKeys = `k1:${Buffer.alloc(32, 1).toString('base64')}`;

async function certificatePems() {
  const ca = await generate([{ name: 'commonName', value: 'Test CA' }], { keyType: 'rsa', keySize: 2048, extensions: [{ name: 'basicConstraints', cA: true }] });
  const leaf = await generate([{ name: 'commonName', value: 'ferry-obo' }], { keyType: 'rsa', keySize: 2048, ca: { key: ca.private, cert: ca.cert } });
  const other = await generate([{ name: 'commonName', value: 'other' }], { keyType: 'rsa', keySize: 2048 });
  return { ca, leaf, other };
}

function secretsWith(overrides: Partial<SecretsProvider>): SecretsProvider {
  return { getStateKeyRing: () => Promise.reject(new Error('unused')), getClientSecret: () => Promise.reject(new Error('unused')), ...overrides };
}

describe('parsePemCertificate', () => {
  it('finds the key, the leaf that matches it (wherever it sits) and its SHA-256 thumbprint', async () => {
    const { ca, leaf } = await certificatePems();
    // Key Vault's PEM export: key first, then the chain; here the CA comes first to prove the order does not matter.
    const parsed = parsePemCertificate(`${leaf.private}\n${ca.cert}\n${leaf.cert}`);
    expect(parsed.thumbprintSha256).toBe(new X509Certificate(leaf.cert).fingerprint256.replace(/:/g, '').toLowerCase());
    expect(parsed.thumbprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const chain = parsed.x5c.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(chain.map((c) => new X509Certificate(c).subject)).toEqual([new X509Certificate(leaf.cert).subject, new X509Certificate(ca.cert).subject]);
  });

  it('refuses PEM text without a key, without a certificate, or whose key matches no certificate, quoting none of it', async () => {
    const { leaf, other } = await certificatePems();
    for (const pem of [leaf.cert, leaf.private, `${other.private}\n${leaf.cert}`]) {
      let message = '';
      try {
        parsePemCertificate(pem);
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain('BEGIN');
    }
  });
});

describe('createOboClientCredential', () => {
  it('federated: the managed identity token for api://AzureADTokenExchange is the assertion, asked for on each use', async () => {
    const getToken = jest.fn().mockResolvedValueOnce({ token: 'assertion-1', expiresOnTimestamp: 0 }).mockResolvedValueOnce({ token: 'assertion-2', expiresOnTimestamp: 0 });
    const credential = await createOboClientCredential('federated', { secrets: secretsWith({}), credential: { getToken } })();
    expect(credential.kind).toBe('assertion');
    const auth = toMsalClientAuth(credential);
    expect(auth.clientSecret).toBeUndefined();
    const callback = auth.clientAssertion as () => Promise<string>;
    await expect(callback()).resolves.toBe('assertion-1');
    await expect(callback()).resolves.toBe('assertion-2');
    expect(getToken).toHaveBeenCalledWith(tokenExchangeScope);
    expect(tokenExchangeScope).toBe('api://AzureADTokenExchange/.default');
  });

  it('federated: no managed identity token is 503 with a retry delay, not a 502', async () => {
    for (const getToken of [jest.fn().mockRejectedValue(new Error('endpoint down')), jest.fn().mockResolvedValue(null)]) {
      const credential = await createOboClientCredential('federated', { secrets: secretsWith({}), credential: { getToken } })();
      const error = await (credential as { getAssertion(): Promise<string> }).getAssertion().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FerryError);
      expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable', logReason: 'obo_assertion_unavailable', retryAfterInMs: 5000 });
    }
  });

  it('certificate: reads the PEM from the secrets provider and hands MSAL the key, thumbprint and chain', async () => {
    const { leaf } = await certificatePems();
    const getClientCertificatePem = jest.fn().mockResolvedValue(`${leaf.private}\n${leaf.cert}`);
    const credential = await createOboClientCredential('certificate', { secrets: secretsWith({ getClientCertificatePem }), credential: { getToken: jest.fn() } })();
    const auth = toMsalClientAuth(credential);
    expect(auth.clientCertificate).toEqual({
      thumbprintSha256: new X509Certificate(leaf.cert).fingerprint256.replace(/:/g, '').toLowerCase(),
      privateKey: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----/),
      x5c: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(auth.clientSecret).toBeUndefined();
  });

  it('certificate: an unusable PEM is a 500 with a log reason and nothing of the PEM', async () => {
    const getClientCertificatePem = jest.fn().mockResolvedValue('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----');
    const error = await createOboClientCredential('certificate', { secrets: secretsWith({ getClientCertificatePem }), credential: { getToken: jest.fn() } })().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, code: 'internal_error', logReason: 'obo_certificate_invalid' });
    expect((error as FerryError).cause).toBeUndefined();
  });

  it('certificate without Key Vault stops start-up with a TypeError', () => {
    const secrets = createEnvSecretsProvider({ FERRY_STATE_KEYS: stateKeys }, { requireClientSecret: false });
    expect(() => createOboClientCredential('certificate', { secrets, credential: { getToken: jest.fn() } })).toThrow(TypeError);
  });

  it('secret: the client secret from the provider', async () => {
    const secrets = createEnvSecretsProvider({ FERRY_STATE_KEYS: stateKeys, FERRY_CLIENT_SECRET: 's3cret' });
    const credential = await createOboClientCredential('secret', { secrets, credential: { getToken: jest.fn() } })();
    expect(toMsalClientAuth(credential)).toEqual({ clientSecret: 's3cret' });
  });
});

describe('createEnvSecretsProvider without a client secret (federated mode)', () => {
  it('starts without FERRY_CLIENT_SECRET when told it is not needed, and refuses to hand one out', async () => {
    const secrets = createEnvSecretsProvider({ FERRY_STATE_KEYS: stateKeys }, { requireClientSecret: false });
    await expect(secrets.getStateKeyRing()).resolves.toBeDefined();
    await expect(secrets.getClientSecret()).rejects.toThrow(TypeError);
    expect(() => createEnvSecretsProvider({ FERRY_STATE_KEYS: stateKeys })).toThrow(/FERRY_CLIENT_SECRET is not set/);
  });
});
