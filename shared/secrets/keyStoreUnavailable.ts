import { FerryError } from '../protocol/ferryError';
import type { SecretReadFailure } from './secretReader';

/** When the vault named no delay: long enough for a throttling window or a role to apply. */
export const defaultKeyStoreRetryAfterInMs = 5000;

/**
 * The device answer when Ferry cannot get a secret it needs: 503 `upstream_unavailable` with
 * `Retry-After` (the vault's own delay when it sent one, at least 1 s). The reason stays in the log.
 */
export function keyStoreUnavailable(reason: `secrets_${SecretReadFailure | 'malformed' | 'capped'}`, retryAfterInMs?: number): FerryError {
  return new FerryError('upstream_unavailable', {
    detail: 'Ferry cannot reach its key store; retry after the given delay.',
    retryAfterInMs: Math.max(1000, retryAfterInMs ?? defaultKeyStoreRetryAfterInMs),
    logReason: reason,
  });
}
