import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { isForbiddenAddress } from './isForbiddenAddress';
import { isLoopbackOrigin } from './isLoopbackOrigin';
import { OutboundRefusedError } from './outboundRefusal';

/** `dns.lookup` with `{all: true}`: every address a name resolves to. */
export type LookupAll = (hostname: string, options: { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/** Opens the socket to an address the guard accepted (default `tls.connect` / `net.connect`). */
export type CreateConnection = (options: Record<string, unknown>) => Duplex;

export interface GuardedAgentOptions {
  protocol: 'https:' | 'http:';
  /** Configured loopback origins (the local stack) that skip the address rule. */
  loopbackOrigins?: readonly string[];
  /** Default `dns.lookup`. Tests inject one, so no name is resolved for real. */
  lookup?: LookupAll;
  /** Default `tls.connect` (https) or `net.connect` (http). Tests inject one that throws. */
  createConnection?: CreateConnection;
  keepAlive?: boolean;
}

/**
 * The connect-time half of the outbound guard: an http(s) Agent that resolves the host itself, refuses
 * when any address is loopback, private, link-local, unique local or IPv4-mapped (isForbiddenAddress),
 * and then connects to the address it checked (TLS still verifies the certificate for the host name,
 * through `servername`), so a DNS answer cannot change between the check and the connection. Nothing
 * is connected for a refusal: the request fails with OutboundRefusedError (`forbidden_address`,
 * `no_address`). Pair it with checkOutboundUrl and `maxRedirects: 0`.
 */
export function createGuardedAgent(options: GuardedAgentOptions): http.Agent {
  const secure = options.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: options.keepAlive ?? true }) : new http.Agent({ keepAlive: options.keepAlive ?? true });
  const lookup: LookupAll = options.lookup ?? ((hostname, lookupOptions, callback) => dnsLookup(hostname, lookupOptions, callback));
  const connect: CreateConnection = options.createConnection ?? ((connectOptions) => (secure ? tls.connect(connectOptions) : net.connect(connectOptions as unknown as net.NetConnectOpts)));
  const loopback = new Set((options.loopbackOrigins ?? []).filter(isLoopbackOrigin));

  const guarded = (connectOptions: Record<string, unknown>, callback: (error: Error | null, socket?: Duplex) => void): undefined => {
    const hostname = String(connectOptions.host ?? 'localhost').replace(/^\[|\]$/g, '');
    const port = Number(connectOptions.port ?? (secure ? 443 : 80));
    const open = (target: Record<string, unknown>) => {
      try {
        callback(null, connect(target));
      } catch (error) {
        callback(error as Error);
      }
    };
    if (loopback.has(originOf(options.protocol, hostname, port))) {
      open(connectOptions);
      return undefined;
    }
    lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error);
      if (addresses.length === 0) return callback(new OutboundRefusedError('no_address'));
      if (addresses.some((entry) => isForbiddenAddress(entry.address))) return callback(new OutboundRefusedError('forbidden_address'));
      const chosen = addresses[0]!;
      open({ ...connectOptions, host: chosen.address, family: chosen.family, servername: net.isIP(hostname) === 0 ? hostname : undefined, lookup: undefined });
    });
    return undefined;
  };
  (agent as unknown as { createConnection: typeof guarded }).createConnection = guarded;
  return agent;
}

function originOf(protocol: string, hostname: string, port: number): string {
  const host = net.isIP(hostname) === 6 ? `[${hostname}]` : hostname;
  const defaultPort = protocol === 'https:' ? 443 : 80;
  return `${protocol}//${host}${port === defaultPort ? '' : `:${port}`}`;
}
