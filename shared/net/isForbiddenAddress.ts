import { BlockList, isIP } from 'node:net';

/**
 * Addresses Ferry never connects to for a URL it did not build: loopback, private (RFC 1918), shared
 * (RFC 6598), link-local (169.254.0.0/16, where cloud metadata endpoints such as 169.254.169.254 live;
 * fe80::/10), unique local (fc00::/7), "this network", multicast and broadcast, and IPv6 forms that
 * carry an IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16, the deprecated
 * IPv4-compatible ::/96), which could smuggle any of the above. IANA special-purpose registries.
 */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  forbidden.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  forbidden.addSubnet(network, prefix, 'ipv6');
}

// Kept apart: a BlockList matches IPv4 addresses against IPv4-mapped subnets too, which would forbid all of IPv4.
const mapped = new BlockList();
mapped.addSubnet('::ffff:0:0', 96, 'ipv6');

/** True when `address` (an IP in any textual form Node accepts) must not be connected to; non-IPs too. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6 && mapped.check(address, 'ipv6')) return true;
  return forbidden.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
