import '../../dev/vault/resolveLocalhost';
import { randomBytes, randomUUID } from 'node:crypto';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { createGraphSimulator, type GraphSimulator } from '../../dev/graphSim/createGraphSimulator';
import { createIdentityProvider, type IdentityProvider } from '../../dev/idp/createIdentityProvider';
import { devAuthEnv } from '../../dev/idp/devAuthEnv';
import { createManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../../dev/managedIdentity/createManagedIdentityEndpoint';
import { devManagedIdentity } from '../../dev/managedIdentity/devManagedIdentity';
import { createDevVault, type DevVault } from '../../dev/vault/createDevVault';
import type { Clock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/observability/logger';
import type { CommandDefinition } from '../../shared/protocol/commandDefinition';
import { defineCommand } from '../../shared/protocol/defineCommand';
import { createRuntime, type Runtime } from '../../shared/runtime/runtime';

/**
 * The Azure side of Ferry in one test process: dev IdP, Graph simulator, the managed identity endpoint
 * (IDENTITY_ENDPOINT/IDENTITY_HEADER in process.env, where MSAL reads them) and the Key Vault stand-in
 * at https://ferry.vault.localhost:<port> (the `*.localhost` resolver is imported above). Ferry is
 * configured as infra/ configures it: vault URL, managed identity client id, federated on-behalf-of,
 * and no secret in its settings. One world per test file: MSAL keeps the managed identity endpoint it
 * first saw for the life of its module.
 */
export interface KeyVaultWorld {
  idp: IdentityProvider;
  sim: GraphSimulator;
  vault: DevVault;
  identity: ManagedIdentityEndpoint;
  /** Ferry's settings (app settings in Azure). */
  env: Record<string, string>;
  /** A Ferry instance of its own (caches, clock) over the same settings. */
  runtime(options?: { clock?: Clock; env?: Record<string, string>; logs?: string[] }): Runtime;
  /** Writes a new state-key version (32 random bytes, base64) as `state-key.mjs` does; returns its version. */
  addStateKey(): string;
  close(): Promise<void>;
}

export const stateKeyName = 'ferry-state-key';

export async function startKeyVaultWorld(): Promise<KeyVaultWorld> {
  const idp = await createIdentityProvider({ port: 0 });
  const sim = await createGraphSimulator({ port: 0, idpUrl: idp.url, deliveryDelayInMs: 20 });
  const identity = await createManagedIdentityEndpoint({ idpUrl: idp.url });
  const vault = await createDevVault();
  Object.assign(process.env, identity.env);
  const { FERRY_CLIENT_SECRET: _noSecret, ...auth } = devAuthEnv(idp.url);
  const env: Record<string, string> = {
    ...auth,
    FERRY_GRAPH_URL: sim.url,
    FERRY_KEY_VAULT_URL: vault.url,
    FERRY_STATE_KEY_NAME: stateKeyName,
    FERRY_OBO_MODE: 'federated',
    AZURE_CLIENT_ID: devManagedIdentity.clientId,
    // Bounds every vault read too (at least 1 s), so failure cases end quickly.
    FERRY_GRAPH_WAIT_BUDGET_MS: '1000',
  };
  return {
    idp,
    sim,
    vault,
    identity,
    env,
    runtime: (options = {}) =>
      createRuntime({
        config: loadConfig({ ...env, ...options.env }),
        clock: options.clock,
        logger: createLogger((_level, line) => options.logs?.push(line)),
      }),
    addStateKey: () => vault.store.set(stateKeyName, randomBytes(32).toString('base64')).version,
    async close() {
      await vault.close();
      await identity.close();
      await sim.close();
      await idp.close();
    },
  };
}

export interface CommandAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
  logs: string[];
}

/** Calls one command of one Ferry instance through its front door (defineCommand), as the host would. */
export async function callCommand(runtime: Runtime, command: CommandDefinition, body: unknown, token: string): Promise<CommandAnswer> {
  const logs: string[] = [];
  const request = new HttpRequest({
    method: 'POST',
    url: `http://localhost/api/v1/${command.route}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: { string: JSON.stringify(body) },
  });
  const invocation = new InvocationContext({ invocationId: randomUUID(), functionName: command.functionName, logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')) });
  const result = (await defineCommand(command, () => runtime)(request, invocation)) as HttpResponse | HttpResponseInit;
  // Read it as the host does, whatever form the handler chose (jsonBody, body).
  const response = result instanceof HttpResponse ? result : new HttpResponse(result);
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: text ? JSON.parse(text) : undefined, logs };
}

/** A clock that moves only when told to (the vault, IdP and MSAL keep real time). */
export function manualClock(): Clock & { advance(ms: number): void } {
  let offsetInMs = 0;
  return { now: () => Date.now() + offsetInMs, sleep: async () => {}, advance: (ms) => (offsetInMs += ms) };
}
