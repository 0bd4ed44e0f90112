import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { entrySource } from './entrySource';
import { functionSources } from './functionSources';
import { inlineVersionPlugin } from './inlineVersionPlugin';
import { packageManifest } from './packageManifest';
import { singleOpenTelemetryApiPlugin } from './singleOpenTelemetryApiPlugin';
import { stubUnusedExportersPlugin } from './stubUnusedExportersPlugin';
import { writeZip } from './writeZip';

/** The largest package Ferry accepts, unpacked (main.js + host.json + package.json), in bytes. */
export const maxPackageBytes = 5 * 1024 * 1024;

/** Files at the root of out/package and of the zip, in this order. */
export const packageFiles = ['main.js', 'host.json', 'package.json'] as const;

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
 * `out/ferry.zip`, nothing else in out/. Throws when anything under dev/ or test/ got into the bundle
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

  const result = await build({
    stdin: { contents: entrySource(rootDir, files), resolveDir: rootDir, sourcefile: 'ferry-entry.ts', loader: 'ts' },
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
    outfile: path.join(packageDir, 'main.js'),
    metafile: true,
    logLevel: 'silent',
    plugins: [inlineVersionPlugin(rootDir, rootManifest.version ?? '0.0.0'), stubUnusedExportersPlugin(), singleOpenTelemetryApiPlugin(rootDir), ...(options.plugins ?? [])],
  });

  const inputs = Object.keys(result.metafile.inputs).map((input) => input.split(path.sep).join('/'));
  const leaked = inputs.filter((input) => /^(dev|test)\//.test(input));
  if (leaked.length > 0) throw new Error(`The bundle must not contain dev/ or test/ code: ${leaked.join(', ')}`);

  copyFileSync(path.join(rootDir, 'host.json'), path.join(packageDir, 'host.json'));
  writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify(packageManifest(rootManifest), null, 2) + '\n');
  await writeZip(zipPath, packageFiles.map((name) => ({ name, file: path.join(packageDir, name) })));

  const sizes = Object.fromEntries([
    ...packageFiles.map((name) => [name, statSync(path.join(packageDir, name)).size]),
    ['ferry.zip', statSync(zipPath).size],
  ]) as PackageResult['sizes'];
  const unpacked = packageFiles.reduce((sum, name) => sum + sizes[name], 0);
  if (unpacked > maxPackageBytes) throw new Error(`The package is ${unpacked} bytes unpacked; the limit is ${maxPackageBytes}.`);

  return {
    packageDir,
    zipPath,
    functionFiles: files.map((file) => path.relative(rootDir, file).split(path.sep).join('/')),
    sizes,
    inputs,
    warnings: result.warnings.map((warning) => `${warning.location?.file ?? ''}: ${warning.text}`),
  };
}
