import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BicepCliError, findBicepCli } from '../../dev/infra/findBicepCli';

/**
 * Discovery order and the ICU fallback, with stand-in executables (shell scripts printing a version)
 * in a temporary tree: no real compiler needed.
 */
let tmp: string;
let rootDir: string;
let home: string;

function fakeBicep(file: string, version: string, script = `echo 'Bicep CLI version ${version} (fake)'`): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ferry-bicep-'));
  rootDir = path.join(tmp, 'repo');
  home = path.join(tmp, 'home');
  mkdirSync(path.join(rootDir, 'dev/bicep'), { recursive: true });
  mkdirSync(home);
  writeFileSync(
    path.join(rootDir, 'dev/bicep/bicepCli.csproj'),
    '<Project><ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[9.9.9]" /></ItemGroup></Project>',
  );
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const restored = () => path.join(rootDir, 'dev/bicep/packages/azure.bicep.commandline.linux-x64/9.9.9/tools/bicep');
const find = (env: NodeJS.ProcessEnv) => findBicepCli({ rootDir, env, homeDir: home, platform: 'linux', arch: 'x64' });

describe('findBicepCli', () => {
  it('finds nothing on a machine without any Bicep CLI', () => {
    expect(find({ PATH: path.join(tmp, 'empty') })).toBeUndefined();
  });

  it('prefers FERRY_BICEP, then bicep on PATH, then az bicep\'s copy, then the NuGet restore', () => {
    const bin = path.join(tmp, 'bin');
    fakeBicep(restored(), '1.0.4');
    expect(find({ PATH: bin })).toMatchObject({ source: 'dev/bicep (NuGet)', version: 'Bicep CLI version 1.0.4' });
    fakeBicep(path.join(home, '.azure/bin/bicep'), '1.0.3');
    expect(find({ PATH: bin })).toMatchObject({ source: 'az bicep (~/.azure/bin/bicep)', version: 'Bicep CLI version 1.0.3' });
    fakeBicep(path.join(bin, 'bicep'), '1.0.2');
    expect(find({ PATH: bin })).toMatchObject({ source: 'bicep on PATH', form: 'bicep', command: path.join(bin, 'bicep') });
    const configured = fakeBicep(path.join(tmp, 'custom/bicep'), '1.0.1');
    expect(find({ PATH: bin, FERRY_BICEP: configured })).toMatchObject({ source: 'FERRY_BICEP', version: 'Bicep CLI version 1.0.1' });
  });

  it('uses az bicep when az runs it and nothing else is there', () => {
    const bin = path.join(tmp, 'bin');
    fakeBicep(path.join(bin, 'az'), '', '[ "$1 $2" = "bicep version" ] && echo "Bicep CLI version 1.1.0 (abc)" || exit 2');
    expect(find({ PATH: bin })).toMatchObject({ source: 'az bicep', form: 'az', version: 'Bicep CLI version 1.1.0' });
  });

  it('sets the run bit on the restored compiler', () => {
    fakeBicep(restored(), '1.0.4');
    chmodSync(restored(), 0o644);
    expect(find({ PATH: '' })?.source).toBe('dev/bicep (NuGet)');
    expect(statSync(restored()).mode & 0o111).not.toBe(0);
  });

  it('ignores the NuGet restore on a platform it was not built for', () => {
    fakeBicep(restored(), '1.0.4');
    expect(findBicepCli({ rootDir, env: { PATH: '' }, homeDir: home, platform: 'darwin', arch: 'arm64' })).toBeUndefined();
  });

  it('retries with invariant globalization when .NET finds no ICU', () => {
    fakeBicep(
      restored(),
      '',
      '[ "$DOTNET_SYSTEM_GLOBALIZATION_INVARIANT" = 1 ] && echo "Bicep CLI version 1.2.0 (x)" || { echo "Couldn\'t find a valid ICU package installed on the system." >&2; exit 134; }',
    );
    const cli = find({ PATH: '' });
    expect(cli?.version).toBe('Bicep CLI version 1.2.0');
    expect(cli?.env.DOTNET_SYSTEM_GLOBALIZATION_INVARIANT).toBe('1');
  });

  it('fails, never skips, when the configured compiler is missing or broken', () => {
    expect(() => find({ PATH: '', FERRY_BICEP: path.join(tmp, 'nope') })).toThrow(BicepCliError);
    const broken = fakeBicep(path.join(tmp, 'broken/bicep'), '', 'echo boom >&2; exit 3');
    expect(() => find({ PATH: '', FERRY_BICEP: broken })).toThrow(/does not run: boom/);
  });
});
