import type { ServerTiming } from '../observability/serverTiming';
import type { Clock } from '../clock';
import { silentLogger, type Logger } from '../observability/logger';
import { isFerryError } from '../protocol/ferryError';
import { keyIdPattern, stateKeyLengthInBytes, type KeyRing, type StateKey } from '../state/keyRing';
import { createRefreshingValue } from './createRefreshingValue';
import { keyStoreUnavailable } from './keyStoreUnavailable';
import { SecretReadError, type SecretValue } from './secretReader';

/** Key Vault secret versions: 32 lowercase hex digits. Anything else in a token is rejected unread. */
export const keyVaultVersionPattern = /^[0-9a-f]{32}$/;

export interface StateKeyStoreOptions {
  /** Reads one version of the state-key secret (undefined: the latest). Throws SecretReadError. */
  read(version: string | undefined, abortSignal: AbortSignal): Promise<SecretValue>;
  clock: Clock;
  /** Receives refresh failures, rotations and refused ids (codes and version ids only); default silent. */
  logger?: Logger;
  /** How long the current version is used before asking the vault again; default 10 minutes. */
  refreshIntervalInMs?: number;
  /** After a failed refresh, keep sealing with the stale version and ask again after this; default 1 minute. */
  retryAfterFailureInMs?: number;
  /** Bound on one vault read, the SDK's retries and `Retry-After` waits included; default 5 s. */
  waitBudgetInMs?: number;
  /** Older versions kept in memory (the oldest fetched is dropped past it); default 64. */
  maxOlderKeys?: number;
  /** Unknown or disabled ids remembered (for `refreshIntervalInMs`); default 4096. */
  maxRefusedIds?: number;
  /** Reads of older versions per instance per minute; past it 503 until the minute ends. Default 60. */
  maxLookupsPerMinute?: number;
}

export interface StateKeyStore {
  /** The ring with the current version and, when it exists and is enabled, the version `keyId`. */
  /** `timing`: a vault read this call waits on counts as `auth` there. */
  getKeyRing(keyId?: string, timing?: ServerTiming): Promise<KeyRing>;
}

const minuteInMs = 60_000;

/**
 * The state key ring over the versions of one Key Vault secret; the key id is the version.
 * - Seals with the latest version, read again every ~10 minutes; a failed read keeps the copy in hand.
 *   With no copy (cold start) the failure is 503: never a generated key.
 * - Opens older versions after reading each once (cached; a rotated-out current stays cached too).
 * - An id that is not a Key Vault version is refused before any call; an id the vault answers 404 or
 *   403 `SecretDisabled` for is remembered as refused for a while: both open as 410 (unknown key).
 * - Concurrent requests for the same version share one read; misses are capped per minute, so tokens
 *   naming random versions cannot turn into a flood of vault calls.
 * - Any other failure (403 role missing, 429, 5xx, timeout, no token) is 503 with `Retry-After`.
 */
export function createStateKeyStore(options: StateKeyStoreOptions): StateKeyStore {
  const { clock } = options;
  const logger = options.logger ?? silentLogger;
  const refreshIntervalInMs = options.refreshIntervalInMs ?? 10 * minuteInMs;
  const waitBudgetInMs = options.waitBudgetInMs ?? 5000;
  const maxOlderKeys = options.maxOlderKeys ?? 64;
  const maxRefusedIds = options.maxRefusedIds ?? 4096;
  const maxLookupsPerMinute = options.maxLookupsPerMinute ?? 60;

  const older = new Map<string, Buffer>();
  const refusedUntil = new Map<string, number>();
  const lookups = new Map<string, Promise<void>>();
  let window = { startInMs: -Infinity, count: 0 };
  let held: StateKey | undefined;

  /** Undefined when the vault's answer is not a state key (wrong length, not base64, odd version). */
  const readVersion = async (version: string | undefined): Promise<StateKey | undefined> => {
    const secret = await options.read(version, AbortSignal.timeout(waitBudgetInMs));
    const key = decodeStateKey(secret.value);
    const id = secret.version;
    return key && keyIdPattern.test(id) && (version === undefined || id === version) ? { id, key } : undefined;
  };

  const refuse = (id: string, reason: string): void => {
    remember(refusedUntil, id, clock.now() + refreshIntervalInMs, maxRefusedIds);
    logger.info('state_key_version_refused', { reason, keyVersion: id });
  };

  const current = createRefreshingValue<StateKey>({
    clock,
    refreshIntervalInMs,
    retryAfterFailureInMs: options.retryAfterFailureInMs ?? minuteInMs,
    load: async () => {
      try {
        const next = await readVersion(undefined);
        // The latest version not being a key is an operator's mistake: still 503, never a made-up key.
        if (!next) throw keyStoreUnavailable('secrets_malformed');
        if (held && held.id !== next.id) {
          remember(older, held.id, held.key, maxOlderKeys);
          logger.info('state_key_rotated', { keyVersion: next.id, previousKeyVersion: held.id });
        }
        held = next;
        return next;
      } catch (error) {
        throw toUnavailable(error);
      }
    },
    onRefreshFailed: (error) => logger.warn('state_key_refresh_failed', { reason: isFerryError(error) ? error.logReason : 'unexpected' }),
  });

  const lookUp = async (id: string): Promise<void> => {
    const now = clock.now();
    if (now - window.startInMs >= minuteInMs) window = { startInMs: now, count: 0 };
    if (window.count >= maxLookupsPerMinute) {
      logger.warn('state_key_lookup_capped', { maxLookupsPerMinute });
      throw keyStoreUnavailable('secrets_capped', window.startInMs + minuteInMs - now);
    }
    window.count += 1;
    try {
      const found = await readVersion(id);
      if (found) remember(older, id, found.key, maxOlderKeys);
      else refuse(id, 'malformed');
    } catch (error) {
      if (error instanceof SecretReadError && (error.reason === 'not_found' || error.reason === 'disabled')) refuse(id, error.reason);
      else throw toUnavailable(error);
    }
  };

  const ensure = async (id: string, currentId: string, timing?: ServerTiming): Promise<void> => {
    if (id === currentId || older.has(id) || !keyVaultVersionPattern.test(id)) return;
    const refused = refusedUntil.get(id);
    if (refused !== undefined && clock.now() < refused) return;
    let pending = lookups.get(id);
    if (!pending) {
      pending = lookUp(id).finally(() => lookups.delete(id));
      lookups.set(id, pending);
    }
    const joined = pending;
    await (timing ? timing.time('auth', () => joined) : joined);
  };

  return {
    async getKeyRing(keyId, timing) {
      const key = await current.get(timing);
      if (keyId !== undefined) await ensure(keyId, key.id, timing);
      return { current: key, byId: (id) => (id === key.id ? key.key : older.get(id)) };
    },
  };
}

/** The secret's value: 32 random bytes in base64 (what `scripts/state-key.mjs` writes). */
function decodeStateKey(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())) return undefined;
  const key = Buffer.from(value.trim(), 'base64');
  return key.length === stateKeyLengthInBytes ? key : undefined;
}

/** Inserts as newest; past `max` entries the oldest goes (a Map iterates in insertion order). */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as string);
}

function toUnavailable(error: unknown) {
  if (isFerryError(error)) return error;
  const read = error instanceof SecretReadError ? error : new SecretReadError('unexpected');
  return keyStoreUnavailable(`secrets_${read.reason}`, read.retryAfterInMs);
}
