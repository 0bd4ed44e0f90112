import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EgressGuard {
  /** `http://127.0.0.1:<port>`: set as HTTPS_PROXY/HTTP_PROXY, with NO_PROXY naming loopback. */
  url: string;
  /** Environment that sends every proxy-aware client (Azure SDK pipelines, axios) here unless the target is loopback. */
  env: Record<string, string>;
  /** Hosts something tried to reach beyond loopback, in order (CONNECT targets or proxied URLs). */
  attempts: string[];
  close(): Promise<void>;
}

/**
 * A loopback "proxy" that refuses everything and remembers where it was asked to go. Tests that start
 * the Azure Monitor exporter use it: the exporter polls Microsoft's OneSettings endpoint on a timer and
 * cannot be told not to, so with this guard as HTTPS_PROXY that attempt ends on loopback instead of
 * leaving the machine.
 */
export async function startEgressGuard(): Promise<EgressGuard> {
  const attempts: string[] = [];
  const server = http.createServer((req, res) => {
    attempts.push(hostOf(req.url ?? ''));
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    attempts.push((req.url ?? '').replace(/:\d+$/, ''));
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    env: { HTTPS_PROXY: url, HTTP_PROXY: url, https_proxy: url, http_proxy: url, NO_PROXY: 'localhost,127.0.0.1,::1', no_proxy: 'localhost,127.0.0.1,::1' },
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'unparsable';
  }
}
