import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ensureDevCertificates } from './certs';
import { devApps, devTenants } from './directory';
import { generateStateKeysValue } from '../shared/secrets/generateStateKeysValue';
import { assertSupportedNode } from '../shared/nodeVersion';

/**
 * `npm start`: the whole local stack, offline. Starts the dev identity provider, the Graph simulator
 * (unless FERRY_GRAPH_URL is already set) and the local Functions host, each its own process, and
 * prints their URLs. Ferry itself only sees configuration: endpoints and keys.
 */
const devDir = process.env.FERRY_DEV_DIR ?? '.ferry-dev';
const children: ChildProcess[] = [];

async function main(): Promise<void> {
  assertSupportedNode();
  await ensureDevCertificates(devDir);
  const idpPort = process.env.FERRY_IDP_PORT ?? '7073';
  const simPort = process.env.FERRY_SIM_PORT ?? '7072';
  const simUploadPort = process.env.FERRY_SIM_UPLOAD_PORT ?? '7075';
  const hostPort = process.env.FERRY_HOST_PORT ?? '7071';
  const baseEnv = { ...process.env, NODE_EXTRA_CA_CERTS: path.resolve(devDir, 'ca.pem'), FERRY_DEV_DIR: devDir };

  const idpUrl = process.env.FERRY_AUTHORITY || (await startChild('identity provider', 'dist/dev/idp/main.js', { ...baseEnv, FERRY_IDP_PORT: idpPort }));
  const graphUrl = process.env.FERRY_GRAPH_URL || (await startChild('Graph simulator', 'dist/dev/graphSim/main.js', { ...baseEnv, FERRY_SIM_PORT: simPort, FERRY_SIM_UPLOAD_PORT: simUploadPort, FERRY_IDP_URL: idpUrl }));
  const hostUrl = await startChild('Functions host', 'dist/dev/host/main.js', {
    ...baseEnv,
    FERRY_HOST_PORT: hostPort,
    FERRY_GRAPH_URL: graphUrl,
    // The simulator's upload origin (its second listener) when this script started it.
    FERRY_UPLOAD_ORIGINS: process.env.FERRY_UPLOAD_ORIGINS || (process.env.FERRY_GRAPH_URL ? 'https://outlook.office.com' : `http://127.0.0.1:${simUploadPort}`),
    FERRY_AUTHORITY: idpUrl,
    FERRY_API_AUDIENCE: process.env.FERRY_API_AUDIENCE ?? devApps.ferryClientId,
    FERRY_CLIENT_ID: process.env.FERRY_CLIENT_ID ?? devApps.ferryClientId,
    FERRY_CLIENT_SECRET: process.env.FERRY_CLIENT_SECRET ?? devApps.ferryClientSecret,
    FERRY_ALLOWED_TENANTS: process.env.FERRY_ALLOWED_TENANTS ?? devTenants.map((t) => t.tid).join(','),
    FERRY_STATE_KEYS: process.env.FERRY_STATE_KEYS || localStateKeys(),
  });

  process.stdout.write(
    [
      '',
      'Ferry local stack is up:',
      `  Functions host     ${hostUrl}/api   (health: ${hostUrl}/api/health)`,
      `  Graph simulator    ${graphUrl}/v1.0`,
      `  identity provider  ${idpUrl}`,
      '',
      'Get a device token:  TOKEN=$(npm run -s token -- --user alice@contoso.test)',
      `Sync folders:        curl -s ${hostUrl}/api/v1/folders/sync -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{}'`,
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
}

/** State keys survive restarts so device states stay valid; generated once into the dev folder. */
function localStateKeys(): string {
  const file = path.join(devDir, 'state-keys');
  if (!existsSync(file)) {
    mkdirSync(devDir, { recursive: true });
    writeFileSync(file, generateStateKeysValue(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Starts a child that prints its URL as its first stdout line; everything else it prints is passed through. */
function startChild(name: string, script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    let url: string | undefined;
    lines.on('line', (line) => {
      if (url === undefined) {
        url = line.trim();
        resolve(url);
      } else process.stdout.write(`[${name}] ${line}\n`);
    });
    child.on('exit', (code) => {
      if (url === undefined) reject(new Error(`${name} exited with code ${code} before it was ready`));
      else if (!stopping) {
        process.stderr.write(`${name} exited with code ${code}; stopping the stack\n`);
        stop(1);
      }
    });
  });
}

let stopping = false;
function stop(code: number): void {
  stopping = true;
  // Also the code when the process ends on its own first (nothing left running; the timer is unref'd).
  process.exitCode = code;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  stop(1);
});
