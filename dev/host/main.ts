import { assertSupportedNode } from '../../shared/nodeVersion';
import { startLocalHost } from './localHost';

/** `node dist/dev/host/main.js`: the local Functions host on FERRY_HOST_PORT (7071), serving package.json `main`. */
async function main(): Promise<void> {
  assertSupportedNode();
  // The first stdout line is the URL (dev/start.ts reads it): lines logged while loading wait behind it.
  const early: string[] = [];
  let ready = false;
  const logSink = (line: string) => (ready ? process.stdout.write(line + '\n') : early.push(line));
  const host = await startLocalHost({
    rootDir: process.cwd(),
    port: Number(process.env.FERRY_HOST_PORT ?? 7071),
    host: process.env.FERRY_HOST_BIND ?? '127.0.0.1',
    functionKey: process.env.FERRY_HOST_FUNCTION_KEY,
    logSink,
  });
  process.stdout.write(`${host.url}\n`);
  ready = true;
  for (const line of early) process.stdout.write(line + '\n');
  for (const route of host.routes) {
    process.stderr.write(`  ${route.functionName}: [${route.methods?.join(',') ?? 'ALL'}] ${host.url}/${route.template} (${route.authLevel})\n`);
  }
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`local host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
