import { createIdentityProvider } from './createIdentityProvider';

/**
 * `node dist/dev/idp/main.js`: runs the dev IdP on `FERRY_IDP_PORT` (default 7073) and prints its URL
 * as one line, which scripts read. Start node with `NODE_EXTRA_CA_CERTS=.ferry-dev/ca.pem` only for its
 * clients; the server itself needs just the files.
 */
async function main(): Promise<void> {
  const port = process.env.FERRY_IDP_PORT ? Number(process.env.FERRY_IDP_PORT) : 7073;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError('FERRY_IDP_PORT must be a port number');
  const idp = await createIdentityProvider({ port });
  process.stdout.write(`${idp.url}\n`);
  const stop = () => {
    idp.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`dev idp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
