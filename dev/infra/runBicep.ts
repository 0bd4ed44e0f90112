import { spawnSync } from 'node:child_process';
import type { BicepCli } from './bicepCli';

export interface BicepDiagnostic {
  file: string;
  line: number;
  column: number;
  level: 'Error' | 'Warning' | 'Info';
  code: string;
  message: string;
}

export interface BicepRun {
  ok: boolean;
  stdout: string;
  /** Compiler and linter diagnostics (`file(line,col) : Level code: message`). */
  diagnostics: BicepDiagnostic[];
  /** Non-diagnostic error text when the command itself failed. */
  failure?: string;
}

// `/path/main.bicep(12,5) : Warning no-unused-params: Parameter "x" is declared but never used. [https://...]`
const diagnosticLine = /^(.+)\((\d+),(\d+)\) : (Error|Warning|Info) ([^:]+): (.*)$/;

export function parseBicepDiagnostics(text: string): BicepDiagnostic[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const match = diagnosticLine.exec(line.trim());
    return match
      ? [{ file: match[1]!, line: Number(match[2]), column: Number(match[3]), level: match[4] as BicepDiagnostic['level'], code: match[5]!, message: match[6]! }]
      : [];
  });
}

/**
 * `bicep build` (or `build-params`) to stdout, or `bicep lint`. `--no-restore`: Ferry uses no
 * registry modules, and nothing here may reach the network. Errors and warnings both count: the
 * caller fails on any.
 */
export function runBicep(cli: BicepCli, verb: 'build' | 'build-params' | 'lint', file: string): BicepRun {
  const args =
    cli.form === 'az'
      ? // UNVERIFIED: az bicep's flags mirror the CLI's (--file, --stdout, --no-restore) in current az releases.
        ['bicep', verb, '--file', file, ...(verb === 'lint' ? [] : ['--stdout']), '--no-restore']
      : [verb, file, ...(verb === 'lint' ? [] : ['--stdout']), '--no-restore'];
  const result = spawnSync(cli.command, args, { env: cli.env, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  const diagnostics = parseBicepDiagnostics(`${result.stderr ?? ''}\n${verb === 'lint' ? result.stdout ?? '' : ''}`);
  const counted = diagnostics.filter((d) => d.level !== 'Info');
  const failed = result.status !== 0 || result.error !== undefined;
  return {
    ok: !failed && counted.length === 0,
    stdout: result.stdout ?? '',
    diagnostics,
    failure: failed && diagnostics.length === 0 ? (result.error?.message ?? result.stderr ?? `exit ${String(result.status)}`).trim() : undefined,
  };
}
