import type { BenchOptions } from '../benchOptions';
import type { ServerTimingEntry } from '../report/serverTimingRows';
import { createLinkClient, type LinkClient } from '../clients/linkClient';
import { linkParams } from '../link/linkScheduler';
import type { ShapingProxy } from '../link/shapingProxy';
import { devToken } from '../stack/devToken';
import type { BenchStack } from '../stack/startBenchStack';

/** The four ways the device talks, always named: Ferry or Graph directly, compressed or not. */
export const variantNames = ['ferry-raw', 'ferry-br', 'direct-raw', 'direct-gzip'] as const;
export type VariantName = (typeof variantNames)[number];

const acceptEncodings: Record<VariantName, string> = { 'ferry-raw': 'identity', 'ferry-br': 'br, gzip', 'direct-raw': 'identity', 'direct-gzip': 'gzip' };

/** What one measured run reports about itself. */
export interface RunOutcome {
  roundTrips: number;
  wireBodyBytes: number;
  answers: unknown[];
  partialItems?: number;
  items?: number;
  /** Ferry's Server-Timing of each answer (bench/report/serverTimingRows.ts). */
  serverTimings?: ServerTimingEntry[];
}

/** One measured run: the outcome plus what the link and Graph saw. */
export interface Sample extends RunOutcome {
  variant: VariantName;
  wallInMs: number;
  /** Device link bytes, both directions, headers included. */
  deviceBytes: number;
  /** Graph HTTP requests other than `$batch`. */
  graphCalls: number;
  /** `$batch` requests (Ferry's fill-ins of partial items and checks of `@removed` ids). */
  batches: number;
  /** Message GETs inside those batches (one per item filled in or removed id checked). */
  batchGets: number;
  /** What Outlook's request budget counts: every operation, each `$batch` item as one, no envelope. */
  graphOperations: number;
}

export interface BenchContext {
  options: BenchOptions;
  stack: BenchStack;
  clients: Record<VariantName, LinkClient>;
  /** Unshaped clients for untimed setup: to the host and to the simulator directly. */
  setup: { ferry: LinkClient; graph: LinkClient };
  ferryToken(user: string): Promise<string>;
  graphToken(user: string): Promise<string>;
  /** The Inbox id of a user, asked of Graph (untimed). */
  inboxId(user: string): Promise<string>;
  /** Runs `run` on the variant's warm connection and measures it. */
  measure(variant: VariantName, user: string, run: (client: LinkClient) => Promise<RunOutcome>): Promise<Sample>;
  /**
   * Runs `run` with the link model off (no delay, no rate limit) on every proxy, then puts it back.
   * Bytes and round trips are counted at the same proxies either way, so scenarios whose targets are
   * only those run this way and leave the time budget to the ones that measure time.
   */
  withoutLinkModel<T>(run: () => Promise<T>): Promise<T>;
  progress(line: string): void;
  close(): void;
}

export function isFerry(variant: VariantName): boolean {
  return variant.startsWith('ferry');
}

export function createBenchContext(options: BenchOptions, stack: BenchStack, progress: (line: string) => void): BenchContext {
  const link = (variant: VariantName): ShapingProxy => (isFerry(variant) ? stack.ferryLink : stack.directLink);
  const clients = Object.fromEntries(variantNames.map((v) => [v, createLinkClient(link(v).url, acceptEncodings[v])])) as Record<VariantName, LinkClient>;
  const setup = { ferry: createLinkClient(stack.hostUrl, 'br, gzip'), graph: createLinkClient(stack.graphUrl, 'gzip') };
  const tokens = new Map<string, Promise<string>>();
  const token = (user: string, audience: 'ferry' | 'graph') => {
    const key = `${audience}:${user}`;
    if (!tokens.has(key)) tokens.set(key, devToken(stack.idpUrl, user, audience, stack.caPem));
    return tokens.get(key)!;
  };
  const context: BenchContext = {
    options,
    stack,
    clients,
    setup,
    ferryToken: (user) => token(user, 'ferry'),
    graphToken: (user) => token(user, 'graph'),
    async inboxId(user) {
      const answer = await setup.graph.request({ method: 'GET', path: '/v1.0/me/mailFolders/inbox?$select=id', headers: { authorization: `Bearer ${await context.graphToken(user)}` } });
      const id = (answer.json as { id?: string } | undefined)?.id;
      if (answer.status !== 200 || !id) throw new Error(`no Inbox for ${user} (${answer.status})`);
      return id;
    },
    async measure(variant, user, run) {
      const client = clients[variant];
      // Warm the kept-alive connection (a server may have closed it while idle): untimed, uncounted.
      const ping = isFerry(variant)
        ? await client.request({ method: 'GET', path: '/api/health' })
        : await client.request({ method: 'GET', path: '/v1.0/me', headers: { authorization: `Bearer ${await context.graphToken(user)}` } });
      if (ping.status !== 200) throw new Error(`${variant}: warm-up call answered ${ping.status}`);
      const before = link(variant).counters();
      const statsBefore = await stack.sim.stats();
      const started = performance.now();
      const outcome = await run(client);
      const wallInMs = performance.now() - started;
      const after = link(variant).counters();
      const statsAfter = await stack.sim.stats();
      const count = (operation: string) => (statsAfter.byOperation[operation] ?? 0) - (statsBefore.byOperation[operation] ?? 0);
      const batches = count('batch');
      return {
        ...outcome,
        variant,
        wallInMs,
        deviceBytes: after.up - before.up + (after.down - before.down),
        graphCalls: statsAfter.requests - statsBefore.requests - batches,
        batches,
        batchGets: count('messages.get'),
        graphOperations: statsAfter.operations - statsBefore.operations - batches,
      };
    },
    async withoutLinkModel(run) {
      const unshaped = linkParams(0, Number.POSITIVE_INFINITY);
      for (const proxy of [stack.ferryLink, stack.directLink, stack.directUploadLink, stack.regionLink]) proxy.setParams(unshaped);
      try {
        return await run();
      } finally {
        const device = linkParams(options.rttInMs, options.rateInMbitPerSecond);
        stack.ferryLink.setParams(device);
        stack.directLink.setParams(device);
        stack.directUploadLink.setParams(device);
        stack.regionLink.setParams(linkParams(options.regionRttInMs, Number.POSITIVE_INFINITY));
      }
    },
    progress,
    close() {
      for (const client of [...Object.values(clients), setup.ferry, setup.graph]) client.close();
    },
  };
  return context;
}
