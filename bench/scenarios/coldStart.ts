import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage, maxPackageBytes, type PackageChunk } from '../../dev/package/buildPackage';
import { devAuthEnv } from '../../dev/idp/devAuthEnv';
import { createIngestionStandIn } from '../../dev/ingestion/createIngestionStandIn';
import { generateStateKeysValue } from '../../shared/secrets/generateStateKeysValue';
import { benchUser } from '../stack/benchMailboxes';
import { spawnChild } from '../stack/spawnChild';
import type { BenchContext } from './benchContext';
import { median, row, type Row } from '../report/rows';
import type { Scenario } from './scenario';

/** The repository: `npm run bench` runs from its root, as the stack's children do. */
const root = process.cwd();
const functionsCoreStub = path.join(__dirname, '../stack/requireFunctionsCore.js');
/**
 * Peak resident memory of this process image (VmHWM, Linux), in KB, printed as the process's last act.
 * Not `resourceUsage().maxRSS`: Linux carries the forking parent's peak across exec into it, so every
 * child of a bench runner already grown by earlier scenarios read the runner's size (86 MB for
 * `node -e 0` in a full run, 44 MB alone) and the growth read 0.8 MB instead of 42.
 */
const printPeakRss = "process.stdout.write(/VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1])";

/** One fresh process: wall time from spawn to exit, and its peak RSS in KB. */
function freshNode(code: string): Promise<{ wallInMs: number; peakRssKb: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', functionsCoreStub, '-e', `${code};${printPeakRss}`], { cwd: root, env: { ...process.env, APPLICATIONINSIGHTS_CONNECTION_STRING: '' } }, (error, stdout) => {
      if (error) return reject(error);
      resolve({ wallInMs: performance.now() - started, peakRssKb: Number(stdout) });
    });
  });
}

/** Pure: printed rows naming each chunk of the package (size, who loads it) and main.js's ten largest inputs. */
export function packageRows(chunks: readonly PackageChunk[]): Row[] {
  const kb = (bytes: number) => bytes / 1024;
  const main = chunks.find((chunk) => chunk.file === 'main.js');
  return [
    ...chunks.map((chunk) => row(`cold-start.chunk-kb.${chunk.file}`, [kb(chunk.bytes)], null, `KB, loaded by ${chunk.loader}`)),
    ...(main?.inputs.slice(0, 10) ?? []).map((input) => row(`cold-start.main-input-kb.${input.input.replace(/^node_modules\//, '')}`, [kb(input.bytes)], null, 'KB')),
  ];
}

/**
 * 13. Cold start: the production package built (`npm run package`'s program, into a temporary
 * directory), then fresh processes `node --require <functions-core stub> -e "require('main.js')"`
 * against `-e 0`, 15 of each (5 with --quick), interleaved: the net import time is the difference of
 * their medians, the RSS growth that of their peak RSS (VmHWM). Printed: each chunk, its size and its
 * loader, and main.js's ten largest inputs.
 */
export const coldStart: Scenario = {
  name: 'cold-start',
  title: 'cold import of the production package, bundle size and memory at import',
  budgetInSeconds: 40,
  async run(context) {
    const work = mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-package-'));
    try {
      const result = await buildPackage({ rootDir: root, outDir: work });
      const mainJs = path.join(result.packageDir, 'main.js');
      const pairs = context.options.quick ? 5 : 15;
      const withMain: Array<{ wallInMs: number; peakRssKb: number }> = [];
      const bare: Array<{ wallInMs: number; peakRssKb: number }> = [];
      await freshNode(`require(${JSON.stringify(mainJs)})`); // warm the disk cache, untimed
      for (let i = 0; i < pairs; i++) {
        // Interleaved, the order flipped every other pair, so a busy neighbour costs both alike.
        if (i % 2 === 0) {
          withMain.push(await freshNode(`require(${JSON.stringify(mainJs)})`));
          bare.push(await freshNode('0'));
        } else {
          bare.push(await freshNode('0'));
          withMain.push(await freshNode(`require(${JSON.stringify(mainJs)})`));
        }
      }
      const mainMs = median(withMain.map((r) => r.wallInMs));
      const bareMs = median(bare.map((r) => r.wallInMs));
      const rssGrowthMb = (median(withMain.map((r) => r.peakRssKb)) - median(bare.map((r) => r.peakRssKb))) / 1024;
      const mainBytes = result.sizes['main.js'];
      const firstAnswers = await firstAnswer(context, result.packageDir);
      return {
        rows: [
          row('cold-start.import-ms.net', [mainMs - bareMs], 150, 'ms'),
          row('cold-start.rss-growth-mb', [rssGrowthMb], 30, 'MB'),
          row('cold-start.main-mb', [mainBytes / 1024 / 1024], 1.5, 'MB'),
          row('cold-start.package-mb', [result.unpackedBytes / 1024 / 1024], maxPackageBytes / 1024 / 1024, 'MB'),
          row('cold-start.import-ms.main', withMain.map((r) => r.wallInMs), null, 'ms'),
          row('cold-start.import-ms.bare-node', bare.map((r) => r.wallInMs), null, 'ms'),
          row('cold-start.peak-rss-mb.main', withMain.map((r) => r.peakRssKb / 1024), null, 'MB'),
          row('cold-start.peak-rss-mb.bare-node', bare.map((r) => r.peakRssKb / 1024), null, 'MB'),
          row('cold-start.first-answer-ms.cold', [firstAnswers.coldInMs], null, 'ms'),
          row('cold-start.first-answer-ms.warm', [firstAnswers.warmInMs], null, 'ms'),
          ...packageRows(result.chunks),
        ],
        breakdowns: [],
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

/**
 * Cost must not just move: a fresh local host on the package (telemetry on, to an ingestion stand-in)
 * from its spawn to its first `mail/sync` answer (window 50, no bodies; host start, import, telemetry's
 * chunk, the key fetch and the exchange included), against the next, warm answer. Loopback, no link model.
 */
async function firstAnswer(context: BenchContext, packageDir: string): Promise<{ coldInMs: number; warmInMs: number }> {
  const { stack, options } = context;
  const ingestion = await createIngestionStandIn();
  const folderId = await context.inboxId(benchUser);
  const token = await context.ferryToken(benchUser);
  // The host runs in the package's directory: the dev certificates by absolute path.
  const devDir = path.resolve(process.env.FERRY_DEV_DIR ?? '.ferry-dev');
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('FERRY_'))), FERRY_DEV_DIR: devDir, NODE_EXTRA_CA_CERTS: path.join(devDir, 'ca.pem') };
  const started = performance.now();
  const host = await spawnChild(
    'cold-host',
    'dist/dev/host/main.js',
    { ...env, ...devAuthEnv(stack.idpUrl), FERRY_HOST_PORT: '0', FERRY_GRAPH_URL: stack.graphUrl, FERRY_STATE_KEYS: generateStateKeysValue('cold'), APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString },
    options.logDir,
    { cwd: packageDir },
  );
  try {
    const sync = async () => {
      const answer = await fetch(`${host.url}/api/v1/mail/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-encoding': 'br, gzip' },
        body: JSON.stringify({ folderId, window: 50 }),
      });
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`cold host: mail/sync answered ${answer.status}`);
    };
    await sync();
    const coldInMs = performance.now() - started;
    const warmStarted = performance.now();
    await sync();
    return { coldInMs, warmInMs: performance.now() - warmStarted };
  } finally {
    await host.stop();
    await ingestion.close();
  }
}
