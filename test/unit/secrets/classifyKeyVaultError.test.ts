import { classifyKeyVaultError, parseRetryAfter } from '../../../shared/secrets/classifyKeyVaultError';
import { SecretReadError } from '../../../shared/secrets/secretReader';

/** Shaped like the RestError @azure/keyvault-secrets throws (see its operations' deserializers). */
function restError(statusCode: number | undefined, options: { inner?: string; retryAfter?: string } = {}) {
  return {
    name: 'RestError',
    message: 'Operation get is not allowed on a disabled secret. vault ferry-kv, secret ferry-state-key',
    statusCode,
    code: statusCode === 404 ? 'SecretNotFound' : 'Forbidden',
    details: { error: { code: 'Forbidden', message: 'text that must not travel', innerError: options.inner ? { code: options.inner } : undefined } },
    response: { headers: { get: (name: string) => (name === 'retry-after' ? options.retryAfter : undefined) } },
  };
}

describe('classifyKeyVaultError', () => {
  it.each([
    ['404', restError(404), 'not_found', undefined],
    ['403 SecretDisabled', restError(403, { inner: 'SecretDisabled' }), 'disabled', undefined],
    ['403 ForbiddenByRbac', restError(403, { inner: 'ForbiddenByRbac' }), 'forbidden', undefined],
    ['403 without inner code', restError(403), 'forbidden', undefined],
    ['401', restError(401), 'credential', undefined],
    ['429 with Retry-After', restError(429, { retryAfter: '17' }), 'throttled', 17_000],
    ['503 with Retry-After', restError(503, { retryAfter: '3' }), 'unavailable', 3000],
    ['500 without Retry-After', restError(500), 'unavailable', undefined],
    ['no answer at all (ECONNREFUSED)', { ...restError(undefined), code: 'ECONNREFUSED' }, 'unavailable', undefined],
    ['400', restError(400), 'unexpected', undefined],
    ['the SDK aborting', { name: 'AbortError', message: 'The operation was aborted.' }, 'timeout', undefined],
    ['AbortSignal.timeout', new DOMException('signal timed out', 'TimeoutError'), 'timeout', undefined],
    ['no managed identity', { name: 'CredentialUnavailableError', message: 'ManagedIdentityCredential: ...' }, 'credential', undefined],
    ['a token refused by Entra', { name: 'AuthenticationError', message: '...' }, 'credential', undefined],
    ['a TypeError', new TypeError('x'), 'unexpected', undefined],
    ['undefined', undefined, 'unexpected', undefined],
  ])('%s is %s', (_case, error, reason, retryAfterInMs) => {
    const classified = classifyKeyVaultError(error);
    expect(classified).toBeInstanceOf(SecretReadError);
    expect(classified.reason).toBe(reason);
    expect(classified.retryAfterInMs).toBe(retryAfterInMs);
    expect(classified.message).not.toMatch(/disabled secret|ferry-kv|ferry-state-key|must not travel/);
    expect(classified.cause).toBeUndefined();
  });

  it('uses the Retry-After seen during the read when the answer itself has none', () => {
    expect(classifyKeyVaultError({ name: 'AbortError' }, 30_000).retryAfterInMs).toBe(30_000);
    expect(classifyKeyVaultError(restError(503, { retryAfter: '4' }), 30_000).retryAfterInMs).toBe(4000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2030, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('12', now)).toBe(12_000);
    expect(parseRetryAfter(new Date(now + 9000).toUTCString(), now)).toBe(9000);
    expect(parseRetryAfter(new Date(now - 9000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
