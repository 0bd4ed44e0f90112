import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDevVault, devVaultResource, type DevVault } from '../../dev/vault/createDevVault';
import '../../dev/vault/resolveLocalhost';
import { ensureSigningKey } from '../../dev/idp/signingKey';
import { signToken } from '../../dev/idp/signToken';
import { devDeployer } from '../../dev/managedIdentity/devManagedIdentity';
import { appTokenClaims } from '../../dev/managedIdentity/managedIdentityTokenClaims';

const root = path.join(__dirname, '../..');
const name = 'ferry-state-key';
let vault: DevVault;
let bin: string;
let work: string;

/**
 * `az` and `azd` stand-ins: they print a token for the deployer the way `az account get-access-token
 * --output json` and `azd auth token --output json` do, and note in a log which one was asked.
 */
function writeFakeCli(dir: string, cli: 'az' | 'azd'): void {
  const output =
    cli === 'az'
      ? "({ accessToken: token, expiresOn: '2099-01-01 00:00:00.000000', expires_on: 4070908800, tenant: 'dev', tokenType: 'Bearer' })"
      : "({ token, expiresOn: '2099-01-01T00:00:00Z' })";
  const file = path.join(dir, cli);
  writeFileSync(
    file,
    `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_CLI_LOG, '${cli} ' + args.join(' ') + '\\n');
const token = fs.readFileSync(process.env.FAKE_CLI_TOKEN_FILE, 'utf8');
process.stdout.write(JSON.stringify(${output}));
`,
  );
  chmodSync(file, 0o755);
}

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runScript(args: string[], env: Record<string, string> = {}): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', path.join(root, 'dist/dev/vault/resolveLocalhost.js'), path.join(root, 'scripts/state-key.mjs'), ...args], {
      cwd: root,
      env: {
        PATH: [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
        HOME: work,
        NODE_EXTRA_CA_CERTS: path.join(root, '.ferry-dev/ca.pem'),
        FERRY_KEY_VAULT_URL: vault.url,
        FAKE_CLI_LOG: path.join(work, 'cli.log'),
        FAKE_CLI_TOKEN_FILE: path.join(work, 'token'),
        FERRY_STATE_KEY_RETRY_DELAY_MS: '20',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const versions = () => vault.store.versions(name);
const cliLog = () => readFileSync(path.join(work, 'cli.log'), 'utf8');

beforeAll(async () => {
  vault = await createDevVault();
  work = mkdtempSync(path.join(tmpdir(), 'ferry-state-key-'));
  bin = path.join(work, 'bin');
  require('node:fs').mkdirSync(bin);
  writeFakeCli(bin, 'az');
  const key = await ensureSigningKey();
  const claims = appTokenClaims({ idpUrl: 'https://login.dev', tid: devDeployer.tid, principalId: devDeployer.principalId, clientId: 'azure-cli', aud: devVaultResource, nowInSeconds: Math.floor(Date.now() / 1000) });
  writeFileSync(path.join(work, 'token'), await signToken(claims, key));
  writeFileSync(path.join(work, 'cli.log'), '');
});
afterAll(async () => {
  await vault.close();
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => {
  vault.faults.length = 0;
  vault.roles.set(devDeployer.principalId, new Set(['Key Vault Secrets Officer']));
});

describe('scripts/state-key.mjs', () => {
  it('ensure writes 32 random bytes as the first version, never printing them, signed in through the Azure CLI', async () => {
    const run = await runScript(['ensure']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(versions()).toHaveLength(1);
    const [written] = versions();
    expect(Buffer.from(written!.value, 'base64')).toHaveLength(32);
    expect(written!.enabled).toBe(true);
    expect(run.stdout).toContain(written!.version);
    expect(run.stdout + run.stderr).not.toContain(written!.value);
    expect(cliLog()).toMatch(/^az account get-access-token --output json --resource https:\/\/vault\.localhost/m);
  });

  it('ensure leaves an enabled newest version alone', async () => {
    const run = await runScript(['ensure']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('nothing to do');
    expect(versions()).toHaveLength(1);
  });

  it('rotate writes a new, different version that becomes the newest', async () => {
    const before = versions();
    const run = await runScript(['rotate']);
    expect(run.code).toBe(0);
    const after = versions();
    expect(after).toHaveLength(before.length + 1);
    const newest = after[after.length - 1]!;
    expect(newest.value).not.toBe(before[before.length - 1]!.value);
    expect(Buffer.from(newest.value, 'base64')).toHaveLength(32);
    expect(run.stdout).toContain(newest.version);
    expect(run.stdout).not.toContain(newest.value);
    expect(vault.store.get(name)!.version).toBe(newest.version);
  });

  it('ensure writes a new version when the newest one is disabled (Ferry could not seal with it)', async () => {
    const newest = vault.store.get(name)!;
    vault.store.update(name, newest.version, { enabled: false });
    const count = versions().length;
    const run = await runScript(['ensure']);
    expect(run.code).toBe(0);
    expect(versions()).toHaveLength(count + 1);
    expect(vault.store.get(name)!.enabled).toBe(true);
  });

  it('retries 403 while the role assignment is not yet applied, then succeeds', async () => {
    vault.faults.push({ status: 403, times: 2 });
    const count = versions().length;
    const run = await runScript(['rotate']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('role assignments can take minutes');
    expect(versions()).toHaveLength(count + 1);
  });

  it('gives up after its attempts when the role never applies, writing nothing', async () => {
    vault.roles.delete(devDeployer.principalId);
    const count = versions().length;
    const run = await runScript(['rotate'], { FERRY_STATE_KEY_RETRY_ATTEMPTS: '3' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP 403');
    expect(run.stderr.match(/Retrying/g)).toHaveLength(2);
    expect(versions()).toHaveLength(count);
  });

  it('prefers the Azure Developer CLI when it is installed', async () => {
    writeFakeCli(bin, 'azd');
    writeFileSync(path.join(work, 'cli.log'), '');
    const run = await runScript(['ensure']);
    expect(run.code).toBe(0);
    expect(cliLog()).toMatch(/^azd auth token --output json --no-prompt --scope https:\/\/vault\.localhost\/\.default/);
    expect(cliLog()).not.toMatch(/^az /m);
  });

  it('refuses to run without a vault or a command', async () => {
    expect((await runScript(['ensure'], { FERRY_KEY_VAULT_URL: '' })).code).toBe(2);
    expect((await runScript([])).code).toBe(2);
  });
});
