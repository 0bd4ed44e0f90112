import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage, maxPackageBytes, type PackageChunk } from '../../dev/package/buildPackage';
import { median, row, type Row } from '../report/rows';
import type { Scenario } from './scenario';

/** The repository: `npm run bench` runs from its root, as the stack's children do. */
const root = process.cwd();
const functionsCoreStub = path.join(__dirname, '../stack/requireFunctionsCore.js');
/** Peak resident memory (VmHWM, Linux; `maxRSS` is the same figure), in KB, printed as the process's last act. */
const printPeakRss = 'process.stdout.write(String(process.resourceUsage().maxRSS))';

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
          ...packageRows(result.chunks),
        ],
        breakdowns: [],
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
