import { startLocalHost } from './localHost';

/** `node dist/dev/host/main.js`: the local Functions host on FERRY_HOST_PORT (7071), serving package.json `main`. */
async function main(): Promise<void> {
  const host = await startLocalHost({
    rootDir: process.cwd(),
    port: Number(process.env.FERRY_HOST_PORT ?? 7071),
    host: process.env.FERRY_HOST_BIND ?? '127.0.0.1',
    functionKey: process.env.FERRY_HOST_FUNCTION_KEY,
  });
  process.stdout.write(`${host.url}\n`);
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
