import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ArmTemplate } from './armTemplate';
import type { BicepCli } from './bicepCli';
import { checkPolicies } from './checkPolicies';
import { compiledSnapshotFile, formatCompiledSnapshot } from './compiledSnapshot';
import { BicepCliError, findBicepCli } from './findBicepCli';
import { listFiles, readInfraInputs } from './infraInputs';
import { infraPolicies } from './infraPolicies';
import { loadPolicyFixtures } from './loadPolicyFixtures';
import { pinnedBicepVersion } from './pinnedBicepVersion';
import { runBicep, type BicepRun } from './runBicep';

export interface LintInfraOptions {
  rootDir: string;
  env?: NodeJS.ProcessEnv;
  write?: (line: string) => void;
  /** Rewrite the committed compile snapshot instead of failing when it is stale. */
  updateSnapshot?: boolean;
  /** Injected by tests; default {@link findBicepCli}. */
  findCli?: () => BicepCli | undefined;
}

export const howToGetBicep = [
  'get it with one of:',
  '  dotnet restore dev/bicep          (.NET SDK; restores the pinned NuGet compiler into dev/bicep/packages)',
  '  az bicep install                  (Azure CLI)',
  '  FERRY_BICEP=/path/to/bicep        (any Bicep CLI binary)',
].join('\n');

/**
 * `npm run lint:infra`: compiles infra/main.bicep (and any .bicepparam) with Microsoft's Bicep
 * CLI, lints it with infra/bicepconfig.json (any error or warning fails), checks the compiled ARM
 * JSON and the files beside it against every infra policy, and proves each policy can fail with its
 * fixtures. Without a Bicep CLI it says so and checks the committed compile snapshot instead, unless
 * FERRY_REQUIRE_BICEP=1 (CI), where a missing compiler fails. Returns the exit code.
 */
export function lintInfra(options: LintInfraOptions): number {
  const { rootDir } = options;
  const env = options.env ?? process.env;
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const problems: string[] = [];

  let cli: BicepCli | undefined;
  try {
    cli = (options.findCli ?? (() => findBicepCli({ rootDir, env })))();
  } catch (error) {
    if (!(error instanceof BicepCliError)) throw error;
    write(`lint:infra: FAILED: ${error.message}`);
    return 1;
  }

  let template: ArmTemplate;
  if (!cli) {
    if (env.FERRY_REQUIRE_BICEP === '1') {
      write(`lint:infra: FAILED: no Bicep CLI found and FERRY_REQUIRE_BICEP=1; ${howToGetBicep}`);
      return 1;
    }
    write(`lint:infra: compile SKIPPED: no Bicep CLI found, so infra/*.bicep was NOT compiled or linted; ${howToGetBicep}`);
    write(`lint:infra: checking the policies against the committed compile ${compiledSnapshotFile} instead (it may be stale)`);
    template = JSON.parse(readFileSync(path.join(rootDir, compiledSnapshotFile), 'utf8')) as ArmTemplate;
  } else {
    write(`lint:infra: ${cli.version} from ${cli.source}`);
    const report = (what: string, run: BicepRun) => {
      for (const d of run.diagnostics) {
        if (d.level !== 'Info') problems.push(`${what}: ${path.relative(rootDir, d.file) || d.file}(${d.line},${d.column}) ${d.level} ${d.code}: ${d.message}`);
      }
      if (run.failure) problems.push(`${what}: ${run.failure}`);
      write(`  ${what}: ${run.ok ? 'ok' : 'FAILED'}`);
    };
    const mainFile = path.join(rootDir, 'infra/main.bicep');
    const build = runBicep(cli, 'build', mainFile);
    report('bicep build infra/main.bicep', build);
    report('bicep lint infra/main.bicep', runBicep(cli, 'lint', mainFile));
    for (const file of listFiles(rootDir, 'infra', '.bicepparam')) {
      report(`bicep build-params ${file}`, runBicep(cli, 'build-params', path.join(rootDir, file)));
    }
    if (!build.ok && build.stdout.trim() === '') return finish(write, problems, undefined);
    template = JSON.parse(build.stdout) as ArmTemplate;
    checkSnapshot(rootDir, cli, template, options.updateSnapshot === true, write, problems);
  }

  const report = checkPolicies(readInfraInputs(rootDir, template), infraPolicies, loadPolicyFixtures(rootDir));
  for (const [id, violations] of Object.entries(report.violations)) for (const v of violations) problems.push(`policy ${id}: ${v}`);
  problems.push(...report.fixtureProblems);
  const holding = Object.values(report.violations).filter((v) => v.length === 0).length;
  write(`  policies: ${holding} of ${infraPolicies.length} hold; ${report.fixturesRun} fixtures, ${report.fixtureProblems.length} fixture problems`);
  return finish(write, problems, infraPolicies.length);
}

function checkSnapshot(rootDir: string, cli: BicepCli, template: ArmTemplate, update: boolean, write: (line: string) => void, problems: string[]) {
  const file = path.join(rootDir, compiledSnapshotFile);
  const fresh = formatCompiledSnapshot(template);
  const pinned = pinnedBicepVersion(rootDir);
  if (update) {
    writeFileSync(file, fresh);
    write(`  snapshot ${compiledSnapshotFile}: written`);
  } else if (!cli.version.includes(` ${pinned}`)) {
    // Another compiler version may compile the same source a little differently (e.g. module api-versions).
    write(`  snapshot ${compiledSnapshotFile}: not compared (${cli.version} is not the pinned ${pinned})`);
  } else if (!existsSync(file) || readFileSync(file, 'utf8') !== fresh) {
    problems.push(`${compiledSnapshotFile} is stale: run \`npm run lint:infra -- --update-snapshot\` and commit it`);
    write(`  snapshot ${compiledSnapshotFile}: STALE`);
  } else write(`  snapshot ${compiledSnapshotFile}: up to date`);
}

function finish(write: (line: string) => void, problems: string[], policies: number | undefined): number {
  for (const problem of problems) write(`  ✗ ${problem}`);
  if (problems.length > 0) {
    write(`lint:infra: FAILED (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
    return 1;
  }
  write(`lint:infra: ok${policies === undefined ? '' : ` (${policies} policies)`}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = lintInfra({ rootDir: process.cwd(), updateSnapshot: process.argv.includes('--update-snapshot') });
}
