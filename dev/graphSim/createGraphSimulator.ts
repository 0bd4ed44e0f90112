import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock } from '../../shared/clock';
import type { DeltaTokenPayload } from './core/delta/deltaPaging';
import { DeltaTokenTable } from './core/delta/deltaTokenTable';
import { createFaultLayer, type FaultLayer } from './core/faults/createFaultLayer';
import type { FaultProfileInput } from './core/faults/faultProfile';
import { startAdminListener } from './core/faults/startAdminListener';
import { createRequestListener } from './core/http/handleHttpRequest';
import { createTokenVerifier } from './core/http/verifyGraphToken';
import { LatencySchedules, type LatencySchedule } from './core/latencySchedule';
import { OutlookLimits, outlookRequestLimit, outlookUploadLimit, type RequestLimit, type UploadLimit } from './core/outlookLimits';
import { FailureInjector, MailboxGate } from './core/mailboxGate';
import { createRandom, deriveSeed } from './core/random';
import { ResourceStores } from './core/resourceStores';
import { RouteTable } from './core/routeTable';
import { coreFlagDefaults, type GraphSimFlags, type SimServices } from './core/simContext';
import type { SimResource } from './core/simResource';
import { createSimulatorState } from './core/simulatorState';
import { SimStats } from './core/simStats';
import { simResources, type GraphSimState, type UserDataSpec } from './simResources';
import { closeServer, listen } from '../serverLifecycle';
import { createUploadListener } from './core/uploads/uploadListener';
import { UploadSessions } from './core/uploads/uploadSessions';

export type { GraphSimState };

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
  mailboxes?: UserDataSpec[];
  /** The newest generated message's date, epoch ms. Default: today 00:00 UTC. */
  anchorInMs?: number;
  /** Delay between sendMail's 202 and delivery. Default 200. */
  deliveryDelayInMs?: number;
  /**
   * How long a draft sent by `POST /messages/{id}/send` is in no folder (GET by its id 404: the Sent copy
   * keeps the id but "may 404 a while") before its Sent copy appears and it is delivered. Default 300.
   */
  sendWindowInMs?: number;
  /** The tenant's MaxSendSize in bytes (body and attachments); a larger sent message bounces with an NDR. Default 35 MB (Exchange Online's default). */
  maxSendSizeInBytes?: number;
  /** Delta tokens older than this are gone (410). Default 7 days. */
  deltaTokenTtlInMs?: number;
  /** Delta tokens kept at most (oldest dropped first, like Outlook's token cache). Default 10,000. */
  deltaTokenCapacity?: number;
  /**
   * Newest generations of a delta chain (the links descending from one first request; each page served
   * is one more) that stay usable; an older link of the chain answers 410 `SyncStateNotFound`, as
   * Exchange does (mgdc#7975). Default 3.
   */
  deltaGenerationsKept?: number;
  /** Concurrent requests per mailbox before 429. Default 4 (Outlook's limit). */
  maxInFlightPerMailbox?: number;
  /** Simulated service time per operation, while it holds its mailbox slot. Default 0. */
  latencyInMs?: number;
  /**
   * Extra waits for chosen operations, in turn (core/latencySchedule.ts): the Nth matching request waits
   * `delaysInMs[N]` on `clock`. Default none. Changed at run time by `state.setLatencySchedule` or
   * `PUT /_sim/latency`.
   */
  latencyScheduleInMs?: LatencySchedule | LatencySchedule[];
  /** Retry-After of concurrency 429s, in seconds. Default 1. */
  throttleRetryAfterInSeconds?: number;
  /** How long new mail takes to be found by `$search`, in ms (UNVERIFIED: Exchange's indexing delay). Default 0. */
  searchIndexDelayInMs?: number;
  /** How long a contact's extended properties take to be found by a `$filter`, in ms (UNVERIFIED: read-your-writes). Default 0. */
  contactFilterLagInMs?: number;
  /** Requests per app and mailbox per window before 429 `ApplicationThrottled`. Default Outlook's 10,000 per 10 minutes. */
  requestLimit?: RequestLimit;
  /** Upload bytes (PATCH, POST, PUT bodies) per app and mailbox per window. Default Outlook's 150 MB per 5 minutes. */
  uploadLimit?: UploadLimit;
  clock?: Clock;
  flags?: Partial<GraphSimFlags>;
  /** Faults for Ferry's requests (dev/graphSim/core/faults/): `"chaos"`, `"off"` (default) or a profile. */
  faults?: FaultProfileInput;
  /** Port of the upload origin (upload session URLs, Outlook's outlook.office.com). Default 0: a free one. */
  uploadPort?: number;
  /** Port of the loopback-only admin listener (`/_sim/faults`, `/_sim/latency`, `/_sim/stats`); 0 picks one. Default: none. */
  adminPort?: number;
}

export interface GraphSimulator {
  /** e.g. `http://127.0.0.1:7072` (Graph paths are under `/v1.0`). */
  url: string;
  close(): Promise<void>;
  state: GraphSimState;
  /** The fault layer: profile, stats, and what the admin listener serves. */
  faults: FaultLayer;
  /** The upload origin, e.g. `http://127.0.0.1:7075`: where upload session URLs point (FERRY_UPLOAD_ORIGINS). */
  uploadUrl: string;
  /** The authtoken of every upload session URL handed out so far (tests search logs for them). */
  uploadAuthtokens(): readonly string[];
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
  const resources: readonly SimResource<UserDataSpec>[] = simResources;
  /** Every resource's data for `specs` (undefined: each resource's defaults); returns the oids that got some. */
  const createStores = (input: { seed: number; specs?: UserDataSpec[]; anchorInMs?: number }): string[] => {
    const oids = new Set<string>();
    for (const { store } of resources) {
      for (const [oid, data] of store?.create({ ...input, now: () => clock.now() }) ?? []) {
        sim.stores.set(store!.key, oid, data);
        oids.add(oid);
      }
    }
    return [...oids];
  };
  const sim: SimServices = {
    clock,
    settings: {
      deliveryDelayInMs: options.deliveryDelayInMs ?? 200,
      sendWindowInMs: options.sendWindowInMs ?? 300,
      maxSendSizeInBytes: options.maxSendSizeInBytes ?? 35 * 1024 * 1024,
      latencyInMs: options.latencyInMs ?? 0,
      maxInFlightPerMailbox: options.maxInFlightPerMailbox ?? 4,
      throttleRetryAfterInSeconds: options.throttleRetryAfterInSeconds ?? 1,
      searchIndexDelayInMs: options.searchIndexDelayInMs ?? 0,
      contactFilterLagInMs: options.contactFilterLagInMs ?? 0,
      requestLimit: options.requestLimit ?? outlookRequestLimit,
      uploadLimit: options.uploadLimit ?? outlookUploadLimit,
    },
    flags: Object.assign({}, coreFlagDefaults, ...resources.map((r) => r.flags ?? {}), options.flags) as GraphSimFlags,
    random: createRandom(deriveSeed(seed, 'simulator')),
    tokens: new DeltaTokenTable<DeltaTokenPayload>({
      ttlInMs: options.deltaTokenTtlInMs ?? sevenDaysInMs,
      capacity: options.deltaTokenCapacity ?? 10_000,
      generationsKept: options.deltaGenerationsKept ?? 3,
      now: () => clock.now(),
    }),
    stores: new ResourceStores(),
    latency: new LatencySchedules(options.latencyScheduleInMs),
    stats: new SimStats(),
    limits: new OutlookLimits(() => sim.settings, () => clock.now()),
    uploads: new UploadSessions(),
    uploadOrigin: () => uploadUrl,
    scheduleDelivery: (deliver, delayInMs) => {
      const delivery: Promise<void> = clock
        .sleep(delayInMs ?? sim.settings.deliveryDelayInMs, closing.signal)
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
  createStores({ seed, specs: options.mailboxes, anchorInMs: options.anchorInMs });
  const verify = createTokenVerifier(jwks, () => clock.now());
  const faults = createFaultLayer({
    verify,
    clock,
    profile: options.faults,
    // Partial items are a Graph oddity the chaos profile turns on with the simulator's own flag.
    onProfile: (profile) => {
      if (profile.enabled) {
        sim.flags.partialUpdates = profile.oddities.partialItems;
        sim.flags.removedOutsideWindow = profile.oddities.removedOutsideWindow;
      }
    },
  });
  const pipe = { sim, routes: new RouteTable(resources.flatMap((r) => r.routes)), gate: new MailboxGate(() => sim.settings.maxInFlightPerMailbox), injector: new FailureInjector(), faults };

  const host = options.host ?? '127.0.0.1';
  let url = '';
  // A second origin, as Outlook's upload URLs are on outlook.office.com: loopback IPv4 only.
  let uploadUrl = '';
  const uploadServer = createServer(createUploadListener(sim, sim.uploads, pipe.injector, () => uploadUrl, faults));
  await listen(uploadServer, options.uploadPort ?? 0, '127.0.0.1');
  uploadUrl = `http://127.0.0.1:${(uploadServer.address() as AddressInfo).port}`;
  const listener = createRequestListener(pipe, verify, () => url, closing.signal);
  const primary = createServer(listener);
  await listen(primary, options.port ?? 7072, host);
  const port = (primary.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const servers = [primary, uploadServer];
  if (host === '127.0.0.1') {
    // `localhost` may resolve to ::1 first; answer there too when the machine has IPv6 loopback.
    const secondary = createServer(listener);
    if (await listen(secondary, port, '::1').then(() => true, () => false)) servers.push(secondary);
  }

  const core = createSimulatorState<UserDataSpec>(sim, {
    injector: pipe.injector,
    settled: () => Promise.all([...pending]).then(() => undefined),
    // A replaced mailbox is generated from its own seed (default 1) and today's anchor, whatever the simulator's.
    recreate: (spec) => createStores({ seed: spec.seed ?? 1, specs: [spec] }),
  });
  const state = Object.assign(core, ...resources.map((r) => r.state?.(sim) ?? {})) as GraphSimState;
  const admin =
    options.adminPort === undefined
      ? undefined
      : await startAdminListener({ port: options.adminPort, faults, latency: sim.latency, graphStats: () => state.stats, resetGraphStats: () => state.resetStats() });

  return {
    url,
    uploadUrl,
    uploadAuthtokens: () => [...sim.uploads.issuedAuthtokens],
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
