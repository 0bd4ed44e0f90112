import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { LinkDirection, systemLinkClock, type LinkClock } from './linkDirection';
import type { LinkParams } from './linkScheduler';

export interface ShapingProxyOptions {
  /** Where connections go on (loopback). */
  targetPort: number;
  targetHost?: string;
  params: LinkParams;
  clock?: LinkClock;
}

export interface ShapingProxy {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Bytes that crossed the link so far, headers included: `up` toward the target, `down` back. */
  counters(): { up: number; down: number };
  setParams(params: LinkParams): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy that models one network link between a client and a server on loopback: every byte
 * passes unchanged, each direction delayed and rate-limited by its own LinkDirection, shared by all
 * connections through this proxy. Not modelled: handshakes, slow start, loss (docs/performance.md).
 */
export async function startShapingProxy(options: ShapingProxyOptions): Promise<ShapingProxy> {
  const clock = options.clock ?? systemLinkClock;
  const up = new LinkDirection(options.params, clock);
  const down = new LinkDirection(options.params, clock);
  const sockets = new Set<net.Socket>();

  // Half-open allowed on both sides: a FIN travels through the link like data, and the other
  // direction keeps flowing until its own FIN arrives.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ port: options.targetPort, host: options.targetHost ?? '127.0.0.1', allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
    }
    const fail = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('data', (chunk: Buffer) => up.send(chunk, (piece) => !upstream.destroyed && upstream.write(piece)));
    upstream.on('data', (chunk: Buffer) => down.send(chunk, (piece) => !client.destroyed && client.write(piece)));
    client.on('end', () => up.sendEnd(() => upstream.end()));
    upstream.on('end', () => down.sendEnd(() => client.end()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counters: () => ({ up: up.bytes, down: down.bytes }),
    setParams(params) {
      up.setParams(params);
      down.setParams(params);
    },
    close: () =>
      new Promise((resolve) => {
        up.close();
        down.close();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
