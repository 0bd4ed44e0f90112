import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { entrySource } from './entrySource';
import { lazyChunks, requireLazyChunksPlugin, shareOpenTelemetryApiSource, sharedOpenTelemetryApiPlugin, type LazyPackage } from './lazyChunks';
import { functionSources } from './functionSources';
import { inlineVersionPlugin } from './inlineVersionPlugin';
import { packageManifest } from './packageManifest';
import { singleOpenTelemetryApiPlugin } from './singleOpenTelemetryApiPlugin';
import { productionBuildsPlugin } from './productionBuildsPlugin';
import { stubFormDataPlugin } from './stubFormDataPlugin';
import { stubUnusedExportersPlugin } from './stubUnusedExportersPlugin';
import { writeZip } from './writeZip';

/** The largest package Ferry accepts, unpacked (main.js + host.json + package.json), in bytes. */
export const maxPackageBytes = 5 * 1024 * 1024;

/** Files at the root of out/package and of the zip, in this order (then the chunks in lazy/). */
export const packageFiles = ['main.js', 'host.json', 'package.json'] as const;

/** One JavaScript file of the package: main.js or a chunk in lazy/, its size and who loads it. */
export interface PackageChunk {
  /** Relative to the package directory, `/`-separated. */
  file: string;
  bytes: number;
  /** `functions worker` for main.js; for a chunk, the package whose first use requires it. */
  loader: string;
  /** Its source files (relative to rootDir) with their bytes in the output, largest first. */
  inputs: Array<{ input: string; bytes: number }>;
}

export interface BuildPackageOptions {
  /** The repository: package.json, host.json, functions/, shared/. */
  rootDir: string;
  /** Where `package/` and `ferry.zip` go; default `{rootDir}/out`. */
  outDir?: string;
  /** More esbuild plugins, after Ferry's (tests mark modules with them). */
  plugins?: Plugin[];
}

export interface PackageResult {
  packageDir: string;
  zipPath: string;
  /** Function source files bundled, relative to rootDir. */
  functionFiles: string[];
  /** Bytes per file in packageDir, and of the zip. */
  sizes: Record<(typeof packageFiles)[number] | 'ferry.zip', number>;
  /** main.js and every lazy chunk, in that order. */
  chunks: PackageChunk[];
  /** Every file of the package unpacked, in bytes. */
  unpackedBytes: number;
  /** Every source file in the bundle (relative to rootDir), from esbuild's metafile. */
  inputs: string[];
  /** esbuild warnings (dynamic requires in dependencies and the like), as text. */
  warnings: string[];
}

/**
 * `npm run package`: the lean production package. esbuild bundles one generated entry importing every
 * function file (`--bundle --platform=node --format=cjs --external:@azure/functions-core`, minified
 * with names kept so error class names in logs stay readable, legal comments kept at the end of
 * main.js; OpenTelemetry exporters Ferry never configures left out and one copy of the OpenTelemetry
 * API, see the plugins) into `out/package/main.js`, beside host.json and a dependency-free package.json
 * (`main: main.js`); the same three files make `out/ferry.zip`. Replaces `out/package` and
 * `out/ferry.zip`, nothing else in out/. Telemetry, the identity SDK and Key Vault are not in main.js:
each is its own CommonJS bundle in `lazy/`, required on first use (lazyChunks.ts). Throws when anything under dev/ or test/ got into the bundle
 * or the package exceeds maxPackageBytes.
 */
export async function buildPackage(options: BuildPackageOptions): Promise<PackageResult> {
  const rootDir = path.resolve(options.rootDir);
  const outDir = path.resolve(options.outDir ?? path.join(rootDir, 'out'));
  const packageDir = path.join(outDir, 'package');
  const zipPath = path.join(outDir, 'ferry.zip');
  const rootManifest = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { version?: string };
  const files = functionSources(rootDir);

  rmSync(packageDir, { recursive: true, force: true });
  rmSync(zipPath, { force: true });
  mkdirSync(packageDir, { recursive: true });

  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // Provided by the Functions Node worker at run time (and by dev/host's require proxy locally).
    external: ['@azure/functions-core'],
    legalComments: 'eof',
    minify: true,
    keepNames: true,
    tsconfig: path.join(rootDir, 'tsconfig.json'),
    metafile: true,
    logLevel: 'silent',
    // `import()` of a chunk becomes `require`: a native import() of a CommonJS bundle would see only
    // `default` (Node cannot find the names in `module.exports = require_x()`).
    supported: { 'dynamic-import': false },
  };
  const result = await build({
    ...common,
    stdin: { contents: entrySource(rootDir, files) + shareOpenTelemetryApiSource, resolveDir: rootDir, sourcefile: 'ferry-entry.ts', loader: 'ts' },
    outfile: path.join(packageDir, 'main.js'),
    plugins: [requireLazyChunksPlugin('main'), inlineVersionPlugin(rootDir, rootManifest.version ?? '0.0.0'), stubUnusedExportersPlugin(), stubFormDataPlugin(), productionBuildsPlugin(rootDir), singleOpenTelemetryApiPlugin(rootDir), ...(options.plugins ?? [])],
  });
  const lazyResults = await Promise.all(
    (Object.keys(lazyChunks) as LazyPackage[]).map(async (name) => {
      const built = await build({
        ...common,
        stdin: { contents: `module.exports = require(${JSON.stringify(name)});\n`, resolveDir: rootDir, sourcefile: `ferry-lazy-${lazyChunks[name]}`, loader: 'js' },
        outfile: path.join(packageDir, 'lazy', lazyChunks[name]),
        plugins: [requireLazyChunksPlugin('lazy', name), sharedOpenTelemetryApiPlugin(), stubUnusedExportersPlugin(), stubFormDataPlugin(), productionBuildsPlugin(rootDir), ...(options.plugins ?? [])],
      });
      return { name, built };
    }),
  );

  const metafiles: Array<{ file: string; loader: string; metafile: Metafile }> = [
    { file: 'main.js', loader: 'functions worker', metafile: result.metafile as Metafile },
    ...lazyResults.map(({ name, built }) => ({ file: `lazy/${lazyChunks[name]}`, loader: name, metafile: built.metafile as Metafile })),
  ];
  const inputs = [...new Set(metafiles.flatMap(({ metafile }) => Object.keys(metafile.inputs)))].map((input) => input.split(path.sep).join('/'));
  const leaked = inputs.filter((input) => /^(dev|test)\//.test(input));
  if (leaked.length > 0) throw new Error(`The bundle must not contain dev/ or test/ code: ${leaked.join(', ')}`);

  copyFileSync(path.join(rootDir, 'host.json'), path.join(packageDir, 'host.json'));
  writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify(packageManifest(rootManifest), null, 2) + '\n');
  const chunkFiles = lazyResults.map(({ name }) => `lazy/${lazyChunks[name]}`);
  await writeZip(zipPath, [...packageFiles, ...chunkFiles].map((name) => ({ name, file: path.join(packageDir, name) })));

  const sizes = Object.fromEntries([
    ...packageFiles.map((name) => [name, statSync(path.join(packageDir, name)).size]),
    ['ferry.zip', statSync(zipPath).size],
  ]) as PackageResult['sizes'];
  const chunks = metafiles.map(({ file, loader, metafile }) => ({ file, loader, bytes: statSync(path.join(packageDir, file)).size, inputs: outputInputs(metafile) }));
  const unpacked = packageFiles.reduce((sum, name) => sum + sizes[name], 0) + chunks.slice(1).reduce((sum, chunk) => sum + chunk.bytes, 0);
  if (unpacked > maxPackageBytes) throw new Error(`The package is ${unpacked} bytes unpacked; the limit is ${maxPackageBytes}.`);

  return {
    packageDir,
    zipPath,
    functionFiles: files.map((file) => path.relative(rootDir, file).split(path.sep).join('/')),
    sizes,
    chunks,
    unpackedBytes: unpacked,
    inputs,
    warnings: result.warnings.map((warning) => `${warning.location?.file ?? ''}: ${warning.text}`),
  };
}

/** The inputs of a one-output build with their bytes in that output, largest first, `/`-separated. */
function outputInputs(metafile: Metafile): Array<{ input: string; bytes: number }> {
  const output = Object.values(metafile.outputs)[0];
  if (!output) return [];
  return Object.entries(output.inputs)
    .map(([input, { bytesInOutput }]) => ({ input: input.split(path.sep).join('/'), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
}
