import { SecretReadError } from './secretReader';

interface RestErrorLike {
  name?: string;
  statusCode?: number;
  details?: { error?: { code?: string; innerError?: { code?: string } } };
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Names of @azure/identity errors: no token could be had for the vault. */
const credentialErrors = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AuthenticationRequiredError', 'AggregateAuthenticationError']);

/**
 * Turns what the Key Vault SDK threw into a SecretReadError, reading only status, error codes and
 * `Retry-After` (never messages). Shapes as documented for Key Vault and seen from the SDK: a disabled
 * version is 403 `{"error":{"code":"Forbidden","innererror":{"code":"SecretDisabled"}}}` (the SDK puts
 * it under `details.error.innerError`); a missing role is 403 with inner code `ForbiddenByRbac`.
 * `retryAfterSeenInMs` is the last `Retry-After` the vault sent during this read, for an aborted wait.
 */
export function classifyKeyVaultError(error: unknown, retryAfterSeenInMs?: number): SecretReadError {
  if (error instanceof SecretReadError) return error;
  const e = (error ?? {}) as RestErrorLike;
  // The SDK throws AbortError when the signal fires; AbortSignal.timeout's own reason is a TimeoutError.
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return new SecretReadError('timeout', retryAfterSeenInMs);
  if (e.name && credentialErrors.has(e.name)) return new SecretReadError('credential');
  if (e.name !== 'RestError') return new SecretReadError('unexpected');
  const status = e.statusCode;
  // No status: the request never got an answer (refused, reset, DNS); the SDK already retried it.
  if (status === undefined) return new SecretReadError('unavailable', retryAfterSeenInMs);
  const retryAfterInMs = parseRetryAfter(e.response?.headers?.get('retry-after')) ?? retryAfterSeenInMs;
  if (status === 404) return new SecretReadError('not_found');
  if (status === 403) return new SecretReadError(e.details?.error?.innerError?.code === 'SecretDisabled' ? 'disabled' : 'forbidden');
  if (status === 401) return new SecretReadError('credential');
  if (status === 429) return new SecretReadError('throttled', retryAfterInMs);
  if (status >= 500) return new SecretReadError('unavailable', retryAfterInMs);
  return new SecretReadError('unexpected');
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 section 10.2.3), in ms; undefined if neither. */
export function parseRetryAfter(value: string | null | undefined, nowInMs = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - nowInMs) : undefined;
}
