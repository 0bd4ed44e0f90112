import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BicepCli } from './bicepCli';
import { pinnedBicepVersion, restoredBicepPath } from './pinnedBicepVersion';

export interface FindBicepCliOptions {
  rootDir: string;
  env?: NodeJS.ProcessEnv;
  /** Home directory, where `az bicep install` keeps its copy (`~/.azure/bin/bicep`). */
  homeDir?: string;
  platform?: NodeJS.Platform;
  arch?: string;
}

/** Thrown when a compiler is configured (FERRY_BICEP) or found but does not run. */
export class BicepCliError extends Error {}

/**
 * Finds Microsoft's Bicep compiler, in this order: `FERRY_BICEP` (a path), `bicep` on PATH,
 * `az bicep` (its installed copy, else the `az` command), then the NuGet copy `dotnet restore
 * dev/bicep` restores (Linux x64). Undefined when there is none; a configured one that does not run
 * is an error, never a silent skip.
 */
export function findBicepCli(options: FindBicepCliOptions): BicepCli | undefined {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? os.homedir();
  const configured = env.FERRY_BICEP;
  if (configured) {
    if (!existsSync(configured)) throw new BicepCliError(`FERRY_BICEP=${configured} does not exist`);
    return probe({ source: 'FERRY_BICEP', form: 'bicep', command: configured, env }, true);
  }
  const onPath = which('bicep', env);
  if (onPath) return probe({ source: 'bicep on PATH', form: 'bicep', command: onPath, env }, true);
  const azCopy = path.join(home, '.azure/bin/bicep');
  if (isExecutable(azCopy)) return probe({ source: 'az bicep (~/.azure/bin/bicep)', form: 'bicep', command: azCopy, env }, true);
  const az = which('az', env);
  if (az) {
    const viaAz = probe({ source: 'az bicep', form: 'az', command: az, env }, false);
    if (viaAz) return viaAz;
  }
  if ((options.platform ?? process.platform) === 'linux' && (options.arch ?? process.arch) === 'x64') {
    const restored = restoredBicepPath(options.rootDir, pinnedBicepVersion(options.rootDir));
    if (existsSync(restored)) {
      // NuGet does not keep the run bit on every restore; the compiler is a self-contained executable.
      if (!isExecutable(restored)) chmodSync(restored, statSync(restored).mode | 0o755);
      return probe({ source: 'dev/bicep (NuGet)', form: 'bicep', command: restored, env }, true);
    }
  }
  return undefined;
}

/** Runs `--version`; retries with invariant globalization when .NET finds no ICU (minimal images). */
function probe(cli: Omit<BicepCli, 'version'>, mustRun: boolean): BicepCli | undefined {
  const args = cli.form === 'az' ? ['bicep', 'version'] : ['--version'];
  const run = (env: NodeJS.ProcessEnv) => spawnSync(cli.command, args, { env, encoding: 'utf8', timeout: 60_000 });
  let result = run(cli.env);
  let env = cli.env;
  if (result.status !== 0 && /ICU/.test(`${result.stderr}${result.stdout}`)) {
    env = { ...cli.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };
    result = run(env);
  }
  const version = /Bicep CLI version [^\s]+/.exec(`${result.stdout}${result.stderr}`)?.[0];
  if (result.status === 0 && version) return { ...cli, env, version };
  if (!mustRun) return undefined;
  throw new BicepCliError(`${cli.source} (${cli.command}) does not run: ${(result.error?.message ?? result.stderr ?? '').trim().slice(0, 300)}`);
}

function which(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
