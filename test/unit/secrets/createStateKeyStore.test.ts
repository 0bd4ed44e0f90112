import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../shared/clock';
import { createLogger } from '../../../shared/observability/logger';
import { FerryError } from '../../../shared/protocol/ferryError';
import { createServerTiming } from '../../../shared/observability/serverTiming';
import { classifyKeyVaultError } from '../../../shared/secrets/classifyKeyVaultError';
import { createStateKeyStore, type StateKeyStoreOptions } from '../../../shared/secrets/createStateKeyStore';
import { SecretReadError, type SecretReadFailure, type SecretValue } from '../../../shared/secrets/secretReader';

const minute = 60_000;

function manualClock(): Clock & { advance(ms: number): void } {
  let now = Date.UTC(2030, 0, 1);
  return { now: () => now, sleep: async () => {}, advance: (ms) => (now += ms) };
}

/** Versions of one secret, newest last, and every read the store made (undefined: the latest). */
function fakeSecret() {
  const versions: Array<{ version: string; value: string; enabled: boolean }> = [];
  const reads: Array<string | undefined> = [];
  let failure: SecretReadError | undefined;
  let gate: Promise<void> | undefined;
  const secret = {
    versions,
    reads,
    add(value = randomBytes(32).toString('base64')) {
      const entry = { version: randomBytes(16).toString('hex'), value, enabled: true };
      versions.push(entry);
      return entry;
    },
    failWith(reason: SecretReadFailure | undefined, retryAfterInMs?: number) {
      failure = reason && new SecretReadError(reason, retryAfterInMs);
    },
    /** Holds every read until the returned function is called. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    async read(version: string | undefined): Promise<SecretValue> {
      reads.push(version);
      if (gate) await gate;
      if (failure) throw failure;
      const entry = version === undefined ? versions[versions.length - 1] : versions.find((v) => v.version === version);
      if (!entry) throw new SecretReadError('not_found');
      if (!entry.enabled) throw new SecretReadError('disabled');
      return { version: entry.version, value: entry.value };
    },
  };
  return secret;
}

function storeOver(secret: ReturnType<typeof fakeSecret>, clock: Clock, options: Partial<StateKeyStoreOptions> = {}) {
  return createStateKeyStore({ read: (version) => secret.read(version), clock, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FerryError)) throw new Error(`expected a FerryError, got ${String(error)}`);
  return error;
}

describe('createStateKeyStore: Server-Timing', () => {
  it('counts a vault read as auth for the request that waits on it; a held key adds no auth entry', async () => {
    const secret = fakeSecret();
    const old = secret.add();
    secret.add();
    const store = storeOver(secret, manualClock());
    let at = 0;
    const now = () => at;
    const release = secret.hold();
    const reading = createServerTiming(now);
    const ring = store.getKeyRing(undefined, reading);
    at = 7;
    release();
    await ring;
    expect(reading.header()).toBe('total;dur=7.0, graph;dur=0.0, auth;dur=7.0');
    const held = createServerTiming(now);
    await store.getKeyRing(undefined, held);
    expect(held.header()).toBe('total;dur=0.0, graph;dur=0.0');
    // An older key named by a state token is a read of its own.
    const lookingUp = createServerTiming(now);
    await store.getKeyRing(old.version, lookingUp);
    expect(lookingUp.header()).toMatch(/, auth;dur=0\.0$/);
  });
});

describe('createStateKeyStore: the current version', () => {
  it('seals with the latest version, whose id is the 32-hex version, and reads it again only after 10 minutes', async () => {
    const clock = manualClock();
    const secret = fakeSecret();
    const v1 = secret.add();
    const store = storeOver(secret, clock);
    const ring = await store.getKeyRing();
    expect(ring.current.id).toBe(v1.version);
    expect(ring.current.key.equals(Buffer.from(v1.value, 'base64'))).toBe(true);
    clock.advance(10 * minute - 1);
    await store.getKeyRing();
    expect(secret.reads).toEqual([undefined]);
    clock.advance(1);
    await store.getKeyRing();
    expect(secret.reads).toEqual([undefined, undefined]);
  });

  it('picks up a rotation at the next refresh and still opens the previous version without asking for it', async () => {
    const clock = manualClock();
    const secret = fakeSecret();
    const v1 = secret.add();
    const store = storeOver(secret, clock);
    await store.getKeyRing();
    const v2 = secret.add();
    expect((await store.getKeyRing()).current.id).toBe(v1.version);
    clock.advance(10 * minute);
    const ring = await store.getKeyRing(v1.version);
    expect(ring.current.id).toBe(v2.version);
    expect(ring.byId(v1.version)?.equals(Buffer.from(v1.value, 'base64'))).toBe(true);
    expect(secret.reads).toEqual([undefined, undefined]);
  });

  it('keeps sealing with the copy in hand when a refresh fails, and asks again a minute later', async () => {
    const clock = manualClock();
    const secret = fakeSecret();
    const v1 = secret.add();
    const lines: string[] = [];
    const store = storeOver(secret, clock, { logger: createLogger((_level, line) => lines.push(line)) });
    await store.getKeyRing();
    secret.failWith('unavailable');
    clock.advance(10 * minute);
    expect((await store.getKeyRing()).current.id).toBe(v1.version);
    expect(lines.some((l) => l.includes('state_key_refresh_failed') && l.includes('secrets_unavailable'))).toBe(true);
    clock.advance(minute - 1);
    await store.getKeyRing();
    expect(secret.reads).toHaveLength(2);
    secret.failWith(undefined);
    const v2 = secret.add();
    clock.advance(1);
    expect((await store.getKeyRing()).current.id).toBe(v2.version);
    expect(secret.reads).toHaveLength(3);
  });

  it.each<[SecretReadFailure, number | undefined, number]>([
    ['unavailable', 7000, 7000],
    ['throttled', 30_000, 30_000],
    ['forbidden', undefined, 5000],
    ['timeout', undefined, 5000],
    ['credential', undefined, 5000],
    ['not_found', undefined, 5000],
    ['disabled', undefined, 5000],
    ['throttled', 200, 1000],
  ])('answers a cold start whose read fails (%s) with 503 and Retry-After, never a made-up key', async (reason, vaultRetryAfterInMs, expectedInMs) => {
    const secret = fakeSecret();
    secret.add();
    secret.failWith(reason, vaultRetryAfterInMs);
    const store = storeOver(secret, manualClock());
    const error = await rejection(store.getKeyRing());
    expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable', logReason: `secrets_${reason}`, retryAfterInMs: expectedInMs });
    secret.failWith(undefined);
    await expect(store.getKeyRing()).resolves.toBeDefined();
    expect(secret.reads).toEqual([undefined, undefined]);
  });

  it('refuses a latest version that is not 32 bytes of base64 with 503', async () => {
    for (const value of ['', 'not base64 at all', Buffer.alloc(16).toString('base64'), Buffer.alloc(64).toString('base64')]) {
      const secret = fakeSecret();
      secret.add(value);
      await expect(rejection(storeOver(secret, manualClock()).getKeyRing())).resolves.toMatchObject({ status: 503, logReason: 'secrets_malformed' });
    }
  });

  it('shares one read between concurrent requests on a cold start', async () => {
    const secret = fakeSecret();
    secret.add();
    const release = secret.hold();
    const store = storeOver(secret, manualClock());
    const rings = Promise.all([store.getKeyRing(), store.getKeyRing(), store.getKeyRing()]);
    release();
    const [a, b, c] = await rings;
    expect(new Set([a.current.id, b.current.id, c.current.id]).size).toBe(1);
    expect(secret.reads).toEqual([undefined]);
  });
});

describe('createStateKeyStore: older versions', () => {
  async function warmStore(options: Partial<StateKeyStoreOptions> = {}) {
    const clock = manualClock();
    const secret = fakeSecret();
    const old = secret.add();
    const current = secret.add();
    const store = storeOver(secret, clock, options);
    await store.getKeyRing();
    secret.reads.length = 0;
    return { clock, secret, old, current, store };
  }

  it('reads an older version once and keeps it', async () => {
    const { secret, old, store } = await warmStore();
    expect((await store.getKeyRing(old.version)).byId(old.version)?.equals(Buffer.from(old.value, 'base64'))).toBe(true);
    await store.getKeyRing(old.version);
    expect(secret.reads).toEqual([old.version]);
  });

  it('never asks for the current version by id', async () => {
    const { secret, current, store } = await warmStore();
    expect((await store.getKeyRing(current.version)).byId(current.version)).toBeDefined();
    expect(secret.reads).toEqual([]);
  });

  it.each([
    ['an env-style id', 'k1'],
    ['upper-case hex', 'ABCDEF0123456789ABCDEF0123456789'],
    ['31 hex digits', 'abcdef0123456789abcdef012345678'],
    ['33 hex digits', 'abcdef0123456789abcdef01234567890'],
    ['64 characters', 'x'.repeat(64)],
    ['non-hex letters', 'ghijklmnopqrstuvwxyzghijklmnopqr'],
  ])('refuses %s before any call: the ring simply lacks it', async (_case, id) => {
    const { secret, store } = await warmStore();
    expect((await store.getKeyRing(id)).byId(id)).toBeUndefined();
    expect(secret.reads).toEqual([]);
  });

  it.each(['not_found', 'disabled'] as const)('remembers a %s version for 10 minutes, then asks again', async (reason) => {
    const { clock, secret, old, store } = await warmStore();
    old.enabled = reason !== 'disabled';
    const id = reason === 'not_found' ? randomBytes(16).toString('hex') : old.version;
    expect((await store.getKeyRing(id)).byId(id)).toBeUndefined();
    expect((await store.getKeyRing(id)).byId(id)).toBeUndefined();
    expect(secret.reads).toEqual([id]);
    clock.advance(10 * minute);
    await store.getKeyRing(id);
    expect(secret.reads.filter((r) => r === id)).toHaveLength(2);
  });

  it('treats an older version whose value is not a key like an unknown one', async () => {
    const { secret, store } = await warmStore();
    const broken = secret.add('bm90IGEga2V5');
    secret.versions.reverse(); // keep the real current the latest
    expect((await store.getKeyRing(broken.version)).byId(broken.version)).toBeUndefined();
    await store.getKeyRing(broken.version);
    expect(secret.reads).toEqual([broken.version]);
  });

  it.each(['forbidden', 'throttled', 'unavailable', 'timeout', 'credential', 'unexpected'] as const)(
    'answers %s for an older version with 503 and does not remember it',
    async (reason) => {
      const { secret, old, store } = await warmStore();
      secret.failWith(reason, reason === 'throttled' ? 12_000 : undefined);
      const error = await rejection(store.getKeyRing(old.version));
      expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable', logReason: `secrets_${reason}` });
      expect(error.retryAfterInMs).toBe(reason === 'throttled' ? 12_000 : 5000);
      secret.failWith(undefined);
      expect((await store.getKeyRing(old.version)).byId(old.version)).toBeDefined();
      expect(secret.reads).toEqual([old.version, old.version]);
    },
  );

  it('shares one read between concurrent requests for the same version', async () => {
    const { secret, old, store } = await warmStore();
    const release = secret.hold();
    const rings = Promise.all(Array.from({ length: 5 }, () => store.getKeyRing(old.version)));
    release();
    for (const ring of await rings) expect(ring.byId(old.version)).toBeDefined();
    expect(secret.reads).toEqual([old.version]);
  });

  it('caps reads of versions it does not know per minute: 503 until the minute is over', async () => {
    const { clock, secret, store } = await warmStore({ maxLookupsPerMinute: 3 });
    for (let i = 0; i < 3; i += 1) await store.getKeyRing(randomBytes(16).toString('hex'));
    clock.advance(20_000);
    const error = await rejection(store.getKeyRing(randomBytes(16).toString('hex')));
    expect(error).toMatchObject({ status: 503, logReason: 'secrets_capped', retryAfterInMs: 40_000 });
    expect(secret.reads).toHaveLength(3);
    clock.advance(40_000);
    await store.getKeyRing(randomBytes(16).toString('hex'));
    expect(secret.reads).toHaveLength(4);
  });

  it('keeps at most maxOlderKeys older versions, dropping the one read first', async () => {
    const clock = manualClock();
    const secret = fakeSecret();
    const [a, b, c] = [secret.add(), secret.add(), secret.add()];
    secret.add();
    const store = storeOver(secret, clock, { maxOlderKeys: 2 });
    for (const v of [a, b, c]) await store.getKeyRing(v.version);
    secret.reads.length = 0;
    await store.getKeyRing(c.version);
    await store.getKeyRing(a.version);
    expect(secret.reads).toEqual([a.version]);
  });

  it('refuses an answer for another version than the one asked for', async () => {
    const clock = manualClock();
    const secret = fakeSecret();
    const current = secret.add();
    const asked = randomBytes(16).toString('hex');
    const store = createStateKeyStore({ clock, read: async () => ({ version: current.version, value: current.value }) });
    expect((await store.getKeyRing(asked)).byId(asked)).toBeUndefined();
  });
});

describe('createStateKeyStore: the wait budget', () => {
  it('gives every read an abort signal that fires after waitBudgetInMs; a read cut off is 503', async () => {
    const signals: AbortSignal[] = [];
    const store = createStateKeyStore({
      clock: manualClock(),
      waitBudgetInMs: 20,
      read: (_version, abortSignal) => {
        signals.push(abortSignal);
        return new Promise((_resolve, reject) => abortSignal.addEventListener('abort', () => reject(classifyKeyVaultError(abortSignal.reason, 9000))));
      },
    });
    const error = await rejection(store.getKeyRing());
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect(error).toMatchObject({ status: 503, logReason: 'secrets_timeout', retryAfterInMs: 9000 });
  });
});
