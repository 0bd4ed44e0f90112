import { randomBytes } from 'node:crypto';
import { foldersSyncCommand } from '../../shared/commands/foldersSync';
import { sealState } from '../../shared/state/stateToken';
import { peekStateKeyId } from '../../shared/state/stateToken';
import { deviceToken } from '../helpers/devIdp';
import { findTenant, findUser } from '../../dev/directory';
import { callCommand, manualClock, startKeyVaultWorld, type KeyVaultWorld } from './keyVaultHarness';

let world: KeyVaultWorld;
let token: string;
beforeAll(async () => {
  world = await startKeyVaultWorld();
  token = await deviceToken(world.idp, 'alice@contoso.test');
});
afterAll(() => world.close());

const tenMinutes = 10 * 60 * 1000;
const sync = (runtime: Parameters<typeof callCommand>[0], state?: string) => callCommand(runtime, foldersSyncCommand, state ? { state } : {}, token);

/** A token for alice's folder collection naming `keyId`, sealed with a key nobody has. */
function tokenNaming(keyId: string): string {
  const alice = findUser('alice@contoso.test')!;
  return sealState(
    { v: 1, kind: 'folders', inRound: false, roundStartedAt: Math.floor(Date.now() / 1000), wellKnown: {} },
    { tid: findTenant(alice.tenant)!.tid, oid: alice.oid, collection: 'folders' },
    { current: { id: keyId, key: randomBytes(32) }, byId: () => undefined },
    foldersSyncCommand.stateSchema,
  );
}

describe('state keys from Key Vault, rotated across two Ferry instances', () => {
  it('seals with the current version, picks up a rotation within the refresh interval and opens every enabled version', async () => {
    const v1 = world.addStateKey();
    const clockA = manualClock();
    const clockB = manualClock();
    const a = world.runtime({ clock: clockA });
    const b = world.runtime({ clock: clockB });

    const first = await sync(a);
    expect(first.status).toBe(200);
    expect(peekStateKeyId(first.body.state)).toBe(v1);
    expect(world.identity.counters.tokens['https://vault.localhost']).toBeGreaterThan(0);

    const v2 = world.addStateKey(); // state-key.mjs rotate
    const beforeRefresh = await sync(a, first.body.state);
    expect(beforeRefresh.status).toBe(200);
    expect(peekStateKeyId(beforeRefresh.body.state)).toBe(v1);

    // B started before the rotation too; once its interval has passed it seals with v2 and still opens v1.
    await sync(b);
    clockB.advance(tenMinutes);
    const fromB = await sync(b, beforeRefresh.body.state);
    expect(fromB.status).toBe(200);
    expect(peekStateKeyId(fromB.body.state)).toBe(v2);

    // A has not refreshed yet: it reads v2 by its version to open B's token, once.
    const getsOfV2 = world.vault.counters.getsByVersion[v2] ?? 0;
    const backOnA = await sync(a, fromB.body.state);
    expect(backOnA.status).toBe(200);
    expect(peekStateKeyId(backOnA.body.state)).toBe(v1);
    await sync(a, fromB.body.state);
    expect(world.vault.counters.getsByVersion[v2]).toBe(getsOfV2 + 1);

    clockA.advance(tenMinutes);
    const afterRefresh = await sync(a, backOnA.body.state);
    expect(peekStateKeyId(afterRefresh.body.state)).toBe(v2);
  });

  it('answers a token of a disabled version with 410, remembers that, and keeps working for others', async () => {
    const old = world.addStateKey();
    const sealer = world.runtime();
    const oldToken = (await sync(sealer)).body.state as string;
    expect(peekStateKeyId(oldToken)).toBe(old);
    world.addStateKey();
    world.vault.store.update('ferry-state-key', old, { enabled: false }); // az keyvault secret set-attributes --enabled false

    const fresh = world.runtime();
    const gets = world.vault.counters.operations.get;
    const graphRequests = world.sim.state.stats.requests;
    const answer = await sync(fresh, oldToken);
    expect(answer.status).toBe(410);
    expect(answer.body.code).toBe('sync_state_invalid');
    expect(world.sim.state.stats.requests).toBe(graphRequests);
    // The current version and the disabled one were each asked for once; asking again costs nothing.
    expect(world.vault.counters.operations.get).toBe(gets + 2);
    expect((await sync(fresh, oldToken)).status).toBe(410);
    expect(world.vault.counters.operations.get).toBe(gets + 2);
    expect((await sync(fresh)).status).toBe(200);
  });

  it('answers a version the vault does not have with 410 after one read', async () => {
    const runtime = world.runtime();
    await sync(runtime);
    const unknown = randomBytes(16).toString('hex');
    const gets = world.vault.counters.getsByVersion[unknown] ?? 0;
    const answer = await sync(runtime, tokenNaming(unknown));
    expect(answer.status).toBe(410);
    expect(answer.body.code).toBe('sync_state_invalid');
    expect(world.vault.counters.getsByVersion[unknown]).toBe(gets + 1);
    expect((await sync(runtime, tokenNaming(unknown))).status).toBe(410);
    expect(world.vault.counters.getsByVersion[unknown]).toBe(gets + 1);
  });

  it.each([
    ['an env-style key id', 'k1'],
    ['upper-case hex', 'ABCDEF0123456789ABCDEF0123456789'],
    ['a 64-character id', 'f'.repeat(64)],
  ])('answers a token naming %s with 410 and no vault call', async (_case, keyId) => {
    const runtime = world.runtime();
    await sync(runtime);
    const operations = { ...world.vault.counters.operations };
    const unauthenticated = world.vault.counters.unauthenticated;
    const answer = await sync(runtime, tokenNaming(keyId));
    expect(answer.status).toBe(410);
    expect(world.vault.counters.operations).toEqual(operations);
    expect(world.vault.counters.unauthenticated).toBe(unauthenticated);
  });

  it('never writes to the vault', () => {
    expect(world.vault.counters.operations.set).toBe(0);
    expect(world.vault.counters.operations.update).toBe(0);
  });
});
