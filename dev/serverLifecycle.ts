import type { Server } from 'node:net';
import type { Server as HttpServer } from 'node:http';

/**
 * Listen and close for the dev servers (host, IdP, simulator, vault, identity, ingestion). `listen`
 * rejects when the port is taken instead of leaving an unhandled 'error'; `closeServer` also drops
 * keep-alive sockets (fetch, MSAL and the Azure SDKs keep them open), which would otherwise hold the
 * server, and jest, open.
 */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function closeServer(server: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
