import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BicepCli } from '../../dev/infra/bicepCli';
import { compiledSnapshotFile } from '../../dev/infra/compiledSnapshot';
import { BicepCliError } from '../../dev/infra/findBicepCli';
import { lintInfra } from '../../dev/infra/lintInfra';
import { pinnedBicepVersion } from '../../dev/infra/pinnedBicepVersion';

/**
 * `npm run lint:infra` end to end on the real repo, with the compiler replaced by a stand-in script
 * (the real compile is bicepCompile.test.ts): what it prints and when it fails.
 */
const rootDir = path.join(__dirname, '../..');
const snapshot = path.join(rootDir, compiledSnapshotFile);
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ferry-lint-infra-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A stand-in `bicep`: `build` prints the committed compile, plus whatever `diagnostic` says on stderr. */
function fakeCli(name: string, diagnostic = '', version = pinnedBicepVersion(rootDir)): BicepCli {
  const file = path.join(tmp, name);
  writeFileSync(file, `#!/bin/sh\ncase "$1" in\n  build) cat '${snapshot}' ;;\nesac\nprintf '%s' '${diagnostic}' >&2\n`);
  chmodSync(file, 0o755);
  return { source: 'test stand-in', form: 'bicep', command: file, env: process.env, version: `Bicep CLI version ${version}` };
}

function run(options: { cli?: BicepCli; env?: NodeJS.ProcessEnv; findCli?: () => BicepCli | undefined }) {
  const lines: string[] = [];
  const code = lintInfra({ rootDir, env: options.env ?? {}, write: (line) => lines.push(line), findCli: options.findCli ?? (() => options.cli) });
  return { code, output: lines.join('\n') };
}

describe('lintInfra', () => {
  it('passes a clean compile and lint, and checks every policy with its fixtures', () => {
    const { code, output } = run({ cli: fakeCli('clean') });
    expect(output).toContain('bicep build infra/main.bicep: ok');
    expect(output).toContain('bicep lint infra/main.bicep: ok');
    expect(output).toContain(`snapshot ${compiledSnapshotFile}: up to date`);
    expect(output).toMatch(/policies: 19 of 19 hold; \d+ fixtures, 0 fixture problems/);
    expect(code).toBe(0);
  });

  it('fails on any compiler or linter warning', () => {
    const warning = `${rootDir}/infra/main.bicep(3,7) : Warning no-unused-params: Parameter "x" is declared but never used. [https://aka.ms/bicep/linter-diagnostics#no-unused-params]`;
    const { code, output } = run({ cli: fakeCli('warning', warning) });
    expect(output).toContain('bicep lint infra/main.bicep: FAILED');
    expect(output).toContain('infra/main.bicep(3,7) Warning no-unused-params');
    expect(code).toBe(1);
  });

  it('compares the snapshot only with the pinned compiler version', () => {
    const { code, output } = run({ cli: fakeCli('other', '', '0.0.1') });
    expect(output).toContain('not compared (Bicep CLI version 0.0.1 is not the pinned');
    expect(code).toBe(0);
  });

  it('says plainly that the compile was skipped, and how to get the compiler, when there is none', () => {
    const { code, output } = run({});
    expect(output).toContain('compile SKIPPED: no Bicep CLI found, so infra/*.bicep was NOT compiled or linted');
    expect(output).toContain('dotnet restore dev/bicep');
    expect(output).toContain('az bicep install');
    expect(output).toContain(`checking the policies against the committed compile ${compiledSnapshotFile}`);
    expect(code).toBe(0);
  });

  it('fails without a compiler when FERRY_REQUIRE_BICEP=1 (CI)', () => {
    const { code, output } = run({ env: { FERRY_REQUIRE_BICEP: '1' } });
    expect(output).toContain('FAILED: no Bicep CLI found and FERRY_REQUIRE_BICEP=1');
    expect(output).not.toContain('policies:');
    expect(code).toBe(1);
  });

  it('fails when the configured compiler does not run', () => {
    const { code, output } = run({
      findCli: () => {
        throw new BicepCliError('FERRY_BICEP=/nowhere/bicep does not exist');
      },
    });
    expect(output).toContain('lint:infra: FAILED: FERRY_BICEP=/nowhere/bicep does not exist');
    expect(code).toBe(1);
  });
});
