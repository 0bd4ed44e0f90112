import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackListener {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Requests received so far (method and path only). */
  readonly hits: string[];
  close(): Promise<void>;
}

/**
 * A listener on loopback that hostile input names (a `jku`, an id holding a URL): it answers anything
 * with `body` and counts requests, so a test can assert that Ferry never called it.
 */
export async function startLoopbackListener(body: unknown = {}): Promise<LoopbackListener> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
