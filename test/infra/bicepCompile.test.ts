import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArmTemplate } from '../../dev/infra/armTemplate';
import { compiledSnapshotFile, formatCompiledSnapshot } from '../../dev/infra/compiledSnapshot';
import { findBicepCli } from '../../dev/infra/findBicepCli';
import { readInfraInputs } from '../../dev/infra/infraInputs';
import { infraPolicies } from '../../dev/infra/infraPolicies';
import { pinnedBicepVersion } from '../../dev/infra/pinnedBicepVersion';
import { runBicep } from '../../dev/infra/runBicep';

/**
 * The real compile with Microsoft's Bicep CLI, where one is found (`dotnet restore dev/bicep`,
 * `bicep` on PATH, `az bicep`, FERRY_BICEP). On a machine without any, this suite checks only that
 * CI did not ask for one (FERRY_REQUIRE_BICEP=1, set by .ci/run): then a missing compiler fails.
 */
const rootDir = path.join(__dirname, '../..');
const cli = findBicepCli({ rootDir });

describe('infra/main.bicep with the real Bicep CLI', () => {
  if (!cli) {
    it('is only skipped where no compiler is required', () => {
      expect(process.env.FERRY_REQUIRE_BICEP).not.toBe('1');
    });
    return;
  }

  let template: ArmTemplate;
  beforeAll(() => {
    const build = runBicep(cli, 'build', path.join(rootDir, 'infra/main.bicep'));
    expect(build.diagnostics).toEqual([]);
    expect(build.ok).toBe(true);
    template = JSON.parse(build.stdout) as ArmTemplate;
  }, 120_000);

  it('lints without an error or a warning under infra/bicepconfig.json', () => {
    const lint = runBicep(cli, 'lint', path.join(rootDir, 'infra/main.bicep'));
    expect(lint.diagnostics).toEqual([]);
    expect(lint.ok).toBe(true);
  }, 120_000);

  it('compiles to what every policy accepts', () => {
    const inputs = readInfraInputs(rootDir, template);
    expect(infraPolicies.flatMap((policy) => policy.check(inputs).map((v) => `${policy.id}: ${v}`))).toEqual([]);
  });

  // Another compiler version may emit slightly different JSON (e.g. module api-versions); CI uses the pinned one.
  if (cli.version.includes(` ${pinnedBicepVersion(rootDir)}`)) {
    it('matches the committed snapshot the offline policy tests use', () => {
      expect(formatCompiledSnapshot(template)).toBe(readFileSync(path.join(rootDir, compiledSnapshotFile), 'utf8'));
    });
  }

  it('turns the security linter rules into errors with infra/bicepconfig.json', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-bicep-rules-'));
    try {
      copyFileSync(path.join(rootDir, 'infra/bicepconfig.json'), path.join(dir, 'bicepconfig.json'));
      const file = path.join(dir, 'leaky.bicep');
      writeFileSync(
        file,
        [
          'param clientSecret string',
          "resource st 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {",
          "  name: 'stferry'",
          '}',
          'output accountKey string = st.listKeys().keys[0].value',
          'output used string = clientSecret',
          "output login string = 'https://login.microsoftonline.com/common'",
        ].join('\n'),
      );
      const lint = runBicep(cli, 'lint', file);
      const errors = lint.diagnostics.filter((d) => d.level === 'Error').map((d) => d.code);
      expect(errors).toEqual(expect.arrayContaining(['secure-secrets-in-params', 'outputs-should-not-contain-secrets', 'no-hardcoded-env-urls']));
      expect(lint.ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
