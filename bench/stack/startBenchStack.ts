import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureDevCertificates } from '../../dev/certs';
import { devAuthEnv } from '../../dev/idp/devAuthEnv';
import { generateStateKeysValue } from '../../shared/secrets/generateStateKeysValue';
import type { BenchOptions } from '../benchOptions';
import { linkParams } from '../link/linkScheduler';
import { startShapingProxy, type ShapingProxy } from '../link/shapingProxy';
import { createSimControl, type SimControl } from './simControl';
import { spawnChild, type StackChild } from './spawnChild';

export interface BenchStack {
  idpUrl: string;
  /** The simulator itself, unshaped: for the bench's untimed setup calls. */
  graphUrl: string;
  /** The local Functions host itself, unshaped. */
  hostUrl: string;
  /** The host's process id (its memory is read from /proc where there is one). */
  hostPid: number | undefined;
  /** Device -> Ferry over the modelled device link. */
  ferryLink: ShapingProxy;
  /** Device -> Graph (the direct client) over the same kind of link. */
  directLink: ShapingProxy;
  /** Device -> the simulator's upload origin (the direct client's upload chunks), the same kind of link. */
  directUploadLink: ShapingProxy;
  /** Ferry -> Graph, in region. */
  regionLink: ShapingProxy;
  sim: SimControl;
  caPem: string;
  stop(): Promise<void>;
}

/**
 * The whole stack on free ports, as child processes from dist/ (never on a port in use): the dev IdP,
 * the bench's Graph simulator and the local Functions host, plus three shaping proxies in this
 * process. Logs go to `options.logDir`. `stop` ends every process it started; so does the bench's
 * exit, however it comes (the children leave when their IPC channel closes).
 */
export async function startBenchStack(options: BenchOptions): Promise<BenchStack> {
  const devDir = process.env.FERRY_DEV_DIR ?? '.ferry-dev';
  const { caPem } = await ensureDevCertificates(devDir);
  mkdirSync(options.logDir, { recursive: true });
  const children: StackChild[] = [];
  const proxies: ShapingProxy[] = [];
  const stop = async () => {
    await Promise.all(children.splice(0).map((child) => child.stop()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  };
  try {
    const baseEnv = { ...withoutFerrySettings(process.env), NODE_EXTRA_CA_CERTS: path.resolve(devDir, 'ca.pem'), FERRY_DEV_DIR: devDir };
    const idp = await spawnChild('idp', 'dist/dev/idp/main.js', { ...baseEnv, FERRY_IDP_PORT: '0' }, options.logDir);
    children.push(idp);
    const sim = await spawnChild(
      'graph-simulator',
      path.join(__dirname, 'benchSimulator.js'),
      { ...baseEnv, FERRY_IDP_URL: idp.url, FERRY_BENCH_SEED: String(options.seed), FERRY_BENCH_MESSAGES: String(options.messages), FERRY_BENCH_GRAPH_LATENCY_MS: String(options.graphLatencyInMs) },
      options.logDir,
      { direct: true },
    );
    children.push(sim);
    const simControl = createSimControl(sim.process);
    const uploadUrl = await simControl.uploadUrl();
    const portOf = (url: string) => Number(new URL(url).port);
    const regionLink = await startShapingProxy({ targetPort: portOf(sim.url), params: linkParams(options.regionRttInMs, Number.POSITIVE_INFINITY) });
    proxies.push(regionLink);
    const host = await spawnChild(
      'functions-host',
      'dist/dev/host/main.js',
      { ...baseEnv, ...devAuthEnv(idp.url), FERRY_HOST_PORT: '0', FERRY_GRAPH_URL: regionLink.url, FERRY_UPLOAD_ORIGINS: uploadUrl, FERRY_STATE_KEYS: generateStateKeysValue('bench') },
      options.logDir,
    );
    children.push(host);
    const device = linkParams(options.rttInMs, options.rateInMbitPerSecond);
    const ferryLink = await startShapingProxy({ targetPort: portOf(host.url), params: device });
    proxies.push(ferryLink);
    const directLink = await startShapingProxy({ targetPort: portOf(sim.url), params: device });
    proxies.push(directLink);
    // The direct client's chunks go to the upload origin, over a device link of their own.
    const directUploadLink = await startShapingProxy({ targetPort: portOf(uploadUrl), params: device });
    proxies.push(directUploadLink);
    return { idpUrl: idp.url, graphUrl: sim.url, hostUrl: host.url, hostPid: host.process.pid, ferryLink, directLink, directUploadLink, regionLink, sim: simControl, caPem, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The bench configures Ferry itself; settings from the calling shell would change what is measured. */
function withoutFerrySettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('FERRY_') || key === 'FERRY_DEV_DIR'));
}
