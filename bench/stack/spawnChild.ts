import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface StackChild {
  name: string;
  url: string;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceInMs`; resolves when it has exited. */
  stop(graceInMs?: number): Promise<void>;
}

const runChild = path.join(__dirname, 'runChild.js');

/**
 * Starts `script` (a dist/ entry that prints its URL on stdout before anything else it prints) with an IPC channel;
 * everything else it prints goes to `{logDir}/{name}.log`, so the bench's own output stays the table.
 * `direct`: run the script itself (it handles IPC), not through runChild.
 */
export function spawnChild(name: string, script: string, env: NodeJS.ProcessEnv, logDir: string, options: { direct?: boolean; readyTimeoutInMs?: number; cwd?: string } = {}): Promise<StackChild> {
  const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'w' });
  const args = options.direct ? [script] : [runChild, path.resolve(script)];
  const child = spawn(process.execPath, args, { env, cwd: options.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceInMs = 3000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceInMs);
      await exited;
      clearTimeout(timer);
    }
    log.end();
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let url: string | undefined;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not print its URL within ${options.readyTimeoutInMs ?? 30_000} ms (see ${path.join(logDir, `${name}.log`)})`));
    }, options.readyTimeoutInMs ?? 30_000);
    lines.on('line', (line) => {
      // The first line that is a URL; a child may log something before it.
      if (url === undefined && /^https?:\/\/\S+$/.test(line.trim())) {
        url = line.trim();
        clearTimeout(timer);
        resolve({ name, url, process: child, stop });
      } else log.write(`${line}\n`);
    });
    child.once('exit', (code, signal) => {
      if (url === undefined) {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready (see ${path.join(logDir, `${name}.log`)})`));
      }
    });
  });
}
