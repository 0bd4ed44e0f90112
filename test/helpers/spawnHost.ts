import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SpawnedHost {
  /** e.g. `http://localhost:41234` (routes under /api). */
  url: string;
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

const hostMain = path.join(__dirname, '../../dist/dev/host/main.js');

/**
 * The compiled local Functions host (`node dist/dev/host/main.js`) as its own process, serving the app
 * in `appDir` (its package.json `main`), on a free port. Resolves once it printed its URL.
 */
export async function spawnHost(appDir: string, env: NodeJS.ProcessEnv): Promise<SpawnedHost> {
  const child: ChildProcess = spawn(process.execPath, [hostMain], { cwd: appDir, env: { ...env, FERRY_HOST_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^(https?:\/\/\S+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
