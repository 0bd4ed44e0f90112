import { spawn, execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.join(__dirname, '../..');

/**
 * What `npm start` runs, as separate processes from the build in dist/ (npm test builds first):
 * the real local host with its require proxy, the IdP and the simulator, on free ports. Then the
 * README's first calls: a token from the CLI, health, folders/sync.
 */
describe('npm start (the compiled local stack)', () => {
  let stack: ChildProcess;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    stack = spawn(process.execPath, ['dist/dev/start.js'], {
      cwd: root,
      env: { ...withoutFerrySettings(process.env), FERRY_HOST_PORT: '0', FERRY_SIM_PORT: '0', FERRY_IDP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stack did not start:\n${output}`)), 20_000);
      stack.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const host = /Functions host\s+(\S+)\/api/.exec(output);
        const idp = /identity provider\s+(\S+)/.exec(output);
        if (host && idp) {
          urls.host = host[1]!;
          urls.idp = idp[1]!;
          clearTimeout(timer);
          resolve();
        }
      });
      stack.on('exit', (code) => reject(new Error(`stack exited with ${code}:\n${output}`)));
    });
  }, 30_000);

  afterAll(async () => {
    const exited = new Promise((resolve) => stack.once('exit', resolve));
    stack.kill('SIGTERM');
    await exited;
  });

  it('serves health, and folders/sync with a token from `npm run token`', async () => {
    expect(await (await fetch(`${urls.host}/api/health`)).json()).toMatchObject({ status: 'ok' });
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/dev/token.js', '--user', 'alice@contoso.test'], {
      cwd: root,
      env: { ...withoutFerrySettings(process.env), FERRY_IDP_URL: urls.idp },
    });
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const response = await fetch(`${urls.host}/api/v1/folders/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { upserts: Array<{ kind: string }> };
    expect(body.upserts.some((f) => f.kind === 'inbox')).toBe(true);
  });
});

/** Other test files in this worker may have set Ferry's settings; `npm start` must run from a clean slate. */
function withoutFerrySettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('FERRY_')));
}
