import dns from 'node:dns';

/**
 * Test-only preload: resolves every `*.localhost` name to 127.0.0.1, as RFC 6761 section 6.3 says
 * such names are loopback, without relying on the machine's resolver (glibc resolves `localhost` but
 * not always its subdomains). The Key Vault stand-in needs one: the Key Vault SDK sends its token only
 * to a vault on a subdomain of the challenge's resource, so the vault lives at
 * `https://ferry.vault.localhost:<port>` with resource `https://vault.localhost`.
 *
 * Use `node --require ./dist/dev/vault/resolveLocalhost.js` for child processes, or import it at the top
 * of a test file (jest gives every file the real `node:dns`, so the patch reaches the SDKs). It patches
 * `dns.lookup` and `dns.promises.lookup`, which `net`/`tls` (and so `https` and `fetch`) call; any other
 * name goes to the original resolver. Never part of the production package.
 */
export function resolveLocalhost(): void {
  const marker = Symbol.for('ferry.resolveLocalhost');
  const state = dns as unknown as Record<symbol, boolean>;
  if (state[marker]) return;
  state[marker] = true;

  const original = dns.lookup;
  const patched = function lookup(hostname: string, ...rest: unknown[]): void {
    const callback = rest[rest.length - 1] as (...args: unknown[]) => void;
    if (typeof hostname !== 'string' || !isLocalhostSubdomain(hostname) || typeof callback !== 'function') {
      return (original as (...args: unknown[]) => void).call(dns, hostname, ...rest);
    }
    const options = rest.length > 1 ? rest[0] : undefined;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    process.nextTick(() => (all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)));
  };
  dns.lookup = patched as typeof dns.lookup;

  const originalPromise = dns.promises.lookup;
  dns.promises.lookup = (async (hostname: string, options?: unknown) => {
    if (!isLocalhostSubdomain(hostname)) return (originalPromise as (...args: unknown[]) => Promise<unknown>).call(dns.promises, hostname, options);
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    return all ? [{ address: '127.0.0.1', family: 4 }] : { address: '127.0.0.1', family: 4 };
  }) as typeof dns.promises.lookup;
}

function isLocalhostSubdomain(hostname: string): boolean {
  return /^[a-z0-9.-]+\.localhost\.?$/i.test(hostname);
}

resolveLocalhost();
