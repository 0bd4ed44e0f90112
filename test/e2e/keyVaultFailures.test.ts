import { createServer } from 'node:net';
import { foldersSyncCommand } from '../../shared/commands/foldersSync';
import { peekStateKeyId } from '../../shared/state/stateToken';
import { devManagedIdentity } from '../../dev/managedIdentity/devManagedIdentity';
import { deviceToken } from '../helpers/devIdp';
import { callCommand, manualClock, startKeyVaultWorld, type CommandAnswer, type KeyVaultWorld } from './keyVaultHarness';

let world: KeyVaultWorld;
let token: string;
/** A state sealed with the current version, so a call that carries it needs the vault before Graph. */
let state: string;
beforeAll(async () => {
  world = await startKeyVaultWorld();
  world.addStateKey();
  token = await deviceToken(world.idp, 'alice@contoso.test');
  state = (await callCommand(world.runtime(), foldersSyncCommand, {}, token)).body.state;
});
afterAll(() => world.close());
afterEach(() => {
  world.vault.faults.length = 0;
  world.vault.roles.set(devManagedIdentity.principalId, new Set(['Key Vault Secrets User']));
});

const sync = (runtime: Parameters<typeof callCommand>[0], body: object = { state }) => callCommand(runtime, foldersSyncCommand, body, token);

/** The device's view of a vault Ferry cannot use: 503 upstream_unavailable with Retry-After, and no Graph call. */
function expectUnavailable(answer: CommandAnswer, retryAfterInSeconds: number): void {
  expect(answer.status).toBe(503);
  expect(answer.headers['content-type']).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ code: 'upstream_unavailable', retryAfter: retryAfterInSeconds });
  expect(answer.headers['retry-after']).toBe(String(retryAfterInSeconds));
  expect(JSON.stringify(answer.body)).not.toMatch(/ferry-state-key|vault\.localhost|ForbiddenByRbac|Injected/);
}

describe('Key Vault failures seen by the device', () => {
  it('answers a missing role assignment (RBAC 403) with 503, not 410', async () => {
    world.vault.roles.delete(devManagedIdentity.principalId);
    const graphRequests = world.sim.state.stats.requests;
    const answer = await sync(world.runtime());
    expectUnavailable(answer, 5);
    expect(world.sim.state.stats.requests).toBe(graphRequests);
    expect(answer.logs.join('\n')).toContain('secrets_forbidden');
  });

  it('answers vault throttling (429) past the wait budget with 503 and the vault\'s Retry-After', async () => {
    world.vault.faults.push({ status: 429, retryAfterInSeconds: 7 });
    const answer = await sync(world.runtime());
    expectUnavailable(answer, 7);
    expect(answer.logs.join('\n')).toContain('secrets_timeout');
  });

  it('lets the SDK wait out a short Retry-After within the budget and succeed', async () => {
    world.vault.faults.push({ status: 429, retryAfterInSeconds: 0, times: 1 });
    const gets = world.vault.counters.operations.get;
    const answer = await sync(world.runtime());
    expect(answer.status).toBe(200);
    expect(world.vault.counters.operations.get).toBe(gets + 2);
  });

  it('answers a vault outage (503) with 503 and the vault\'s Retry-After', async () => {
    world.vault.faults.push({ status: 503, retryAfterInSeconds: 3 });
    expectUnavailable(await sync(world.runtime()), 3);
  });

  it('answers 500s without Retry-After with 503 and the default 5 seconds', async () => {
    world.vault.faults.push({ status: 500 });
    expectUnavailable(await sync(world.runtime()), 5);
  });

  it('keeps sealing with the version in hand when a refresh fails, and logs it', async () => {
    const clock = manualClock();
    const logs: string[] = [];
    const runtime = world.runtime({ clock, logs });
    const before = await sync(runtime);
    expect(before.status).toBe(200);
    world.vault.faults.push({ status: 503, retryAfterInSeconds: 1 });
    clock.advance(11 * 60 * 1000);
    const during = await sync(runtime, { state: before.body.state });
    expect(during.status).toBe(200);
    expect(peekStateKeyId(during.body.state)).toBe(peekStateKeyId(before.body.state));
    expect(logs.some((line) => line.includes('state_key_refresh_failed'))).toBe(true);
  });
});

describe('a cold start with the vault down', () => {
  it('answers 503 and never seals with a key of its own making', async () => {
    const closed = await freePort();
    const runtime = world.runtime({ env: { FERRY_KEY_VAULT_URL: `https://ferry.vault.localhost:${closed}` } });
    const graphRequests = world.sim.state.stats.requests;
    expectUnavailable(await sync(runtime), 5);
    expect(world.sim.state.stats.requests).toBe(graphRequests);
    // Without a state there is nothing to open: Graph is read, but no state is sealed or handed out.
    const fresh = await sync(runtime, {});
    expectUnavailable(fresh, 5);
    expect(fresh.body.state).toBeUndefined();
    expect(world.vault.counters.operations.set).toBe(0);
  });
});

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
