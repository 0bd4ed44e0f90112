import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createIdentityProvider, type IdentityProvider } from '../../dev/idp/createIdentityProvider';
import { devAuthEnv } from '../../dev/idp/devAuthEnv';
import { createGraphSimulator, type GraphSimulator } from '../../dev/graphSim/createGraphSimulator';
import { ferryDevDir } from '../../dev/ferryDevDir';
import { generateStateKeysValue } from '../../shared/secrets/generateStateKeysValue';
import { commandScenarios, type ScenarioApi } from '../helpers/commandScenarios';
import { deviceToken } from '../helpers/devIdp';
import { smallMailboxes } from '../helpers/graphSimHarness';
import type { DeviceAnswer } from '../helpers/startStack';
import { deviceCall } from '../helpers/deviceCall';

const root = path.join(__dirname, '../..');
const hook = path.join(root, 'dist/dev/permission/forbidStorageSdks.js');
const hostMain = path.join(root, 'dist/dev/host/main.js');
/** The flags of the run: read anything, write nothing, no child processes, workers or addons. */
const permissionFlags = ['--permission', '--allow-fs-read=*'];

/** Only what the host needs; nothing of the test process's environment leaks in. */
function childEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_EXTRA_CA_CERTS: path.join(ferryDevDir(), 'ca.pem'), ...extra };
}

/**
 * Every landed command's main path against the compiled local host started as
 * `node --permission --allow-fs-read=*` (no write grant at all) with a --require hook that throws if a
 * storage SDK loads: every call succeeds and the host reports no ERR_ACCESS_DENIED. So nothing Ferry
 * does on these paths writes a file or reaches for storage. `npm test` builds dist/ first; certificates
 * and the IdP key exist before the host starts (the IdP below creates them).
 */
describe('nothing written: the local host under the permission model', () => {
  let idp: IdentityProvider;
  let sim: GraphSimulator;
  let host: ChildProcess;
  let hostUrl: string;
  let output = '';
  const routes: string[] = [];

  beforeAll(async () => {
    expect(existsSync(hostMain)).toBe(true);
    idp = await createIdentityProvider({ port: 0 });
    sim = await createGraphSimulator({ port: 0, idpUrl: idp.url, mailboxes: smallMailboxes, deliveryDelayInMs: 20 });
    host = spawn(process.execPath, [...permissionFlags, '--require', hook, hostMain], {
      cwd: root,
      env: childEnv({ ...devAuthEnv(idp.url), FERRY_GRAPH_URL: sim.url, FERRY_UPLOAD_ORIGINS: sim.uploadUrl, FERRY_STATE_KEYS: generateStateKeysValue('perm1'), FERRY_HOST_PORT: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // main.js prints its URL on stdout, then every route on stderr: "  name: [METHODS] url/api/... (level)".
    const listed = new Promise<void>((resolve) => {
      host.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/ health: .*\n/.test(output) && / unknownCommand: .*\n/.test(output)) resolve();
      });
    });
    hostUrl = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      host.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        output += chunk.toString();
        const url = /^(https?:\/\/\S+)$/m.exec(stdout);
        if (url) resolve(url[1]!);
      });
      host.once('exit', (code) => reject(new Error(`the host exited (${code}) before serving:\n${output.slice(0, 2000)}`)));
    });
    await listed;
    for (const line of output.split('\n')) {
      const match = /\/api\/v1\/(\S+) \(/.exec(line);
      if (match && !match[1]!.includes('{*')) routes.push(match[1]!);
    }
  }, 30_000);
  afterAll(async () => {
    if (host && host.exitCode === null) {
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.kill('SIGTERM');
      await exited;
    }
    await sim?.close();
    await idp?.close();
  });

  const api: ScenarioApi = {
    call: <T>(command: string, body: unknown, token: string | null): Promise<DeviceAnswer<T>> => deviceCall(hostUrl, command, body, token),
  };

  it('serves the registered commands, each with a main-path scenario', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((route) => !commandScenarios[route])).toEqual([]);
  });

  it('runs every command\'s main path successfully, with no access denied and no storage SDK', async () => {
    const token = await deviceToken(idp, 'alice@contoso.test');
    for (const route of routes) {
      const steps = await commandScenarios[route]!(api, token);
      // 201 only for an upload's last chunk.
      expect(steps.map((step) => step.answer.status)).toEqual(steps.map((step) => (step.command === 'mail/draft/upload' ? 201 : 200)));
    }
    const health = await fetch(`${hostUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(output).not.toMatch(/ERR_ACCESS_DENIED|forbidStorageSdks/);
    expect(host.exitCode).toBeNull();
  });

  it('canary: under the same flags a write to the temp folder fails, even as root', () => {
    const write = spawnSync(process.execPath, [...permissionFlags, '-e', "require('node:fs').writeFileSync(require('node:path').join(require('node:os').tmpdir(), 'ferry-permission-canary-' + process.pid), 'x')"], {
      env: childEnv({}),
      encoding: 'utf8',
    });
    expect(write.status).not.toBe(0);
    expect(write.stderr).toMatch(/ERR_ACCESS_DENIED/);
  });

  it('canary: the hook refuses every storage SDK, by require and by import, and lets others load', () => {
    for (const name of ['@azure/storage-blob', '@azure/storage-queue', '@azure/data-tables', '@azure/cosmos']) {
      for (const code of [`require('${name}')`, `import('${name}').catch((e) => { console.error(String(e)); process.exit(3); })`]) {
        const run = spawnSync(process.execPath, ['--require', hook, '-e', code], { cwd: root, env: childEnv({}), encoding: 'utf8' });
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain(`forbidStorageSdks: ${name} must not load`);
      }
    }
    const allowed = spawnSync(process.execPath, ['--require', hook, '-e', "require('@azure/functions'); require('jose')"], { cwd: root, env: childEnv({}), encoding: 'utf8' });
    expect(allowed.status).toBe(0);
  });
});
