import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock } from '../../shared/clock';
import { createDemoMailboxes, type MailboxSpec } from './resources/mail/demoMailboxes';
import type { DeltaTokenPayload } from './core/delta/deltaPaging';
import { DeltaTokenTable } from './core/delta/deltaTokenTable';
import { createRequestListener } from './core/http/handleHttpRequest';
import { FailureInjector, MailboxGate } from './core/mailboxGate';
import { createRandom, deriveSeed } from './core/random';
import { createSimulatorState, type GraphSimState } from './core/simulatorState';
import { defaultFlags, type GraphSimFlags, type SimServices } from './core/simContext';
import { SimStats } from './core/simStats';
import { createTokenVerifier } from './core/http/verifyGraphToken';
import { createFaultLayer, type FaultLayer } from './core/faults/createFaultLayer';
import type { FaultProfileInput } from './core/faults/faultProfile';
import { startAdminListener } from './core/faults/startAdminListener';
import { closeServer, listen } from '../serverLifecycle';

export interface GraphSimulatorOptions {
  /** Default 7072; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; then ::1 is bound on the same port too, so `http://localhost:PORT` works either way. */
  host?: string;
  /** Keys that sign Graph tokens. One of `jwks` or `idpUrl` is required. */
  jwks?: JWTVerifyGetKey;
  /** The dev IdP; keys come from `{idpUrl}/common/discovery/v2.0/keys`. */
  idpUrl?: string;
  /** Seed of the demo data and of every random choice (short pages, partial updates, batch order). Default 1. */
  seed?: number;
  /** Which users get which generated mailbox. Default: alice (540 messages), bob (60), carol, erin. */
  mailboxes?: MailboxSpec[];
  /** The newest generated message's date, epoch ms. Default: today 00:00 UTC. */
  anchorInMs?: number;
  /** Delay between sendMail's 202 and delivery. Default 200. */
  deliveryDelayInMs?: number;
  /** Delta tokens older than this are gone (410). Default 7 days. */
  deltaTokenTtlInMs?: number;
  /** Delta tokens kept at most (oldest dropped first, like Outlook's token cache). Default 10,000. */
  deltaTokenCapacity?: number;
  /** Concurrent requests per mailbox before 429. Default 4 (Outlook's limit). */
  maxInFlightPerMailbox?: number;
  /** Simulated service time per operation, while it holds its mailbox slot. Default 0. */
  latencyInMs?: number;
  /** Retry-After of concurrency 429s, in seconds. Default 1. */
  throttleRetryAfterInSeconds?: number;
  clock?: Clock;
  flags?: Partial<GraphSimFlags>;
  /** Faults for Ferry's requests (dev/graphSim/faults/): `"chaos"`, `"off"` (default) or a profile. */
  faults?: FaultProfileInput;
  /** Port of the loopback-only admin listener (`/_sim/faults`, `/_sim/stats`); 0 picks one. Default: none. */
  adminPort?: number;
}

export interface GraphSimulator {
  /** e.g. `http://127.0.0.1:7072` (Graph paths are under `/v1.0`). */
  url: string;
  close(): Promise<void>;
  state: GraphSimState;
  /** The fault layer: profile, stats, and what the admin listener serves. */
  faults: FaultLayer;
  /** e.g. `http://127.0.0.1:7074` when `adminPort` was given; endpoints under `/_sim/`. */
  adminUrl?: string;
}

const sevenDaysInMs = 7 * 24 * 3600 * 1000;

/** Starts the Graph mailbox simulator (see dev/graphSim/README.md for what it simulates and how faithfully). */
export async function createGraphSimulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulator> {
  const jwks = options.jwks ?? (options.idpUrl ? createRemoteJWKSet(new URL(`${options.idpUrl.replace(/\/+$/, '')}/common/discovery/v2.0/keys`)) : undefined);
  if (!jwks) throw new TypeError('createGraphSimulator: pass `jwks` or `idpUrl`');
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 1;
  const closing = new AbortController();
  const pending = new Set<Promise<void>>();
  const sim: SimServices = {
    clock,
    settings: {
      deliveryDelayInMs: options.deliveryDelayInMs ?? 200,
      latencyInMs: options.latencyInMs ?? 0,
      maxInFlightPerMailbox: options.maxInFlightPerMailbox ?? 4,
      throttleRetryAfterInSeconds: options.throttleRetryAfterInSeconds ?? 1,
    },
    flags: { ...defaultFlags, ...options.flags },
    random: createRandom(deriveSeed(seed, 'simulator')),
    tokens: new DeltaTokenTable<DeltaTokenPayload>({ ttlInMs: options.deltaTokenTtlInMs ?? sevenDaysInMs, capacity: options.deltaTokenCapacity ?? 10_000, now: () => clock.now() }),
    mailboxes: createDemoMailboxes({ seed, specs: options.mailboxes, now: () => clock.now(), anchorInMs: options.anchorInMs }),
    stats: new SimStats(),
    scheduleDelivery: (deliver) => {
      const delivery: Promise<void> = clock
        .sleep(sim.settings.deliveryDelayInMs, closing.signal)
        .then(
          () => deliver(),
          () => undefined, // closed before the delay ran out: nothing is delivered
        )
        .catch((error: unknown) => {
          process.stderr.write(`graphSim: delivery failed: ${error instanceof Error ? error.name : 'error'}\n`);
        })
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    },
  };
  const verify = createTokenVerifier(jwks, () => clock.now());
  const faults = createFaultLayer({
    verify,
    clock,
    profile: options.faults,
    // Partial items are a Graph oddity the chaos profile turns on with the simulator's own flag.
    onProfile: (profile) => {
      if (profile.enabled) sim.flags.partialUpdates = profile.oddities.partialItems;
    },
  });
  const pipe = { sim, gate: new MailboxGate(() => sim.settings.maxInFlightPerMailbox), injector: new FailureInjector(), faults };

  const host = options.host ?? '127.0.0.1';
  let url = '';
  const listener = createRequestListener(pipe, verify, () => url);
  const primary = createServer(listener);
  await listen(primary, options.port ?? 7072, host);
  const port = (primary.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const servers = [primary];
  if (host === '127.0.0.1') {
    // `localhost` may resolve to ::1 first; answer there too when the machine has IPv6 loopback.
    const secondary = createServer(listener);
    if (await listen(secondary, port, '::1').then(() => true, () => false)) servers.push(secondary);
  }

  const state = createSimulatorState(sim, pipe.injector, () => Promise.all([...pending]).then(() => undefined));
  const admin =
    options.adminPort === undefined
      ? undefined
      : await startAdminListener({ port: options.adminPort, faults, graphStats: () => state.stats, resetGraphStats: () => state.resetStats() });

  return {
    url,
    state,
    faults,
    adminUrl: admin?.url,
    close: async () => {
      closing.abort();
      await admin?.close();
      await Promise.all(servers.map(closeServer));
    },
  };
}
