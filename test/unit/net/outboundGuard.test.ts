import https from 'node:https';
import http from 'node:http';
import type { LookupAddress } from 'node:dns';
import { checkOutboundUrl, refuseRedirect } from '../../../shared/net/checkOutboundUrl';
import { createGuardedAgent, type LookupAll } from '../../../shared/net/createGuardedAgent';
import { isForbiddenAddress } from '../../../shared/net/isForbiddenAddress';
import { isLoopbackOrigin } from '../../../shared/net/isLoopbackOrigin';
import { OutboundRefusedError } from '../../../shared/net/outboundRefusal';
import { resolveLink } from '../../../shared/graph/graphUrls';

const graph = 'https://graph.microsoft.com';
const upload = ['https://outlook.office.com', 'https://outlook.office365.com'];

describe('outbound guard: the URL rules', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0/me/messages?$skiptoken=abc', [graph]],
    ['https://graph.microsoft.com:443/v1.0/me', [graph]],
    ['https://outlook.office.com/api/v2.0/Users/x/AttachmentSessions/y?authtoken=z', upload],
  ])('accepts %s on its purpose\'s list', (url, origins) => {
    expect(checkOutboundUrl(url, origins)).toBeUndefined();
  });

  it.each([
    ['another host', 'https://evil.example/v1.0/me', 'origin_not_allowed'],
    ['a look-alike host', 'https://graph.microsoft.com.evil.example/v1.0', 'origin_not_allowed'],
    ['another port', 'https://graph.microsoft.com:8443/v1.0', 'origin_not_allowed'],
    ['another purpose\'s origin', 'https://outlook.office.com/x', 'origin_not_allowed'],
    ['http on the right host', 'http://graph.microsoft.com/v1.0', 'not_https'],
    ['userinfo before the right host', 'https://evil.example@graph.microsoft.com/v1.0', 'userinfo'],
    ['user and password', 'https://a:b@graph.microsoft.com/v1.0', 'userinfo'],
    ['an empty userinfo', 'https://@graph.microsoft.com/v1.0', 'userinfo'],
    ['dotted IPv4', 'https://127.0.0.1/v1.0', 'ip_literal'],
    ['IPv4 as one decimal number', 'https://2130706433/v1.0', 'ip_literal'],
    ['IPv4 in hex', 'https://0x7f.0x0.0x0.0x1/', 'ip_literal'],
    ['IPv4 in octal', 'https://0177.0.0.01/', 'ip_literal'],
    ['short IPv4', 'https://127.1/', 'ip_literal'],
    ['metadata endpoint', 'https://169.254.169.254/latest/meta-data', 'ip_literal'],
    ['IPv6 loopback', 'https://[::1]/', 'ip_literal'],
    ['IPv4-mapped IPv6', 'https://[::ffff:127.0.0.1]/', 'ip_literal'],
    ['a tab inside the host', 'https://graph.microsoft.com\t.evil.example/', 'control_character'],
    ['a backslash', 'https://graph.microsoft.com\\@evil.example/', 'control_character'],
    ['not a URL', 'graph.microsoft.com/v1.0', 'not_a_url'],
    ['a file URL', 'file:///etc/passwd', 'not_https'],
  ])('refuses %s', (_name, url, reason) => {
    expect(checkOutboundUrl(url, [graph])).toBe(reason);
  });

  it('a configured loopback origin (the local stack) skips the https and literal rules, nothing else', () => {
    const local = ['http://127.0.0.1:7072'];
    expect(checkOutboundUrl('http://127.0.0.1:7072/v1.0/me/mailFolders/delta?$skiptoken=x', local)).toBeUndefined();
    expect(checkOutboundUrl('http://127.0.0.1:7073/v1.0', local)).toBe('ip_literal');
    expect(checkOutboundUrl('http://u@127.0.0.1:7072/v1.0', local)).toBe('userinfo');
    expect(checkOutboundUrl('http://2130706433:7072/v1.0', local)).toBeUndefined();
    expect(isLoopbackOrigin('http://localhost:7072')).toBe(true);
    expect(isLoopbackOrigin('http://[::1]:7072')).toBe(true);
    expect(isLoopbackOrigin('http://10.0.0.1:7072')).toBe(false);
    expect(isLoopbackOrigin('http://127.0.0.1:7072/path')).toBe(false);
  });

  it('refuses every redirect', () => {
    for (const status of [300, 301, 302, 303, 307, 308]) expect(refuseRedirect(status)).toBe('redirect');
    for (const status of [200, 204, 404, 429]) expect(refuseRedirect(status)).toBeUndefined();
  });

  it('is wired where the Graph client follows links: a userinfo link on Graph\'s own origin is refused', () => {
    expect(resolveLink('https://graph.microsoft.com/v1.0/me/mailFolders/delta?$skiptoken=a', graph).href).toBe('https://graph.microsoft.com/v1.0/me/mailFolders/delta?$skiptoken=a');
    expect(() => resolveLink('https://evil.example@graph.microsoft.com/v1.0/me', graph)).toThrow(expect.objectContaining({ code: 'upstream_error', logReason: 'foreign_link' }));
    expect(() => resolveLink('http://graph.microsoft.com/v1.0/me', graph)).toThrow(expect.objectContaining({ logReason: 'foreign_link' }));
  });
});

describe('outbound guard: addresses', () => {
  it.each([
    '127.0.0.1', '127.255.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:8.8.8.8',
    '64:ff9b::a00:1', '2002:7f00:1::1', 'ff02::1', 'not-an-ip',
  ])('forbids %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['20.190.128.1', '40.126.0.1', '8.8.8.8', '172.32.0.1', '2603:1037::1', '2620:1ec:21::14'])('allows the public address %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

/**
 * The agent is driven through a real http(s).request, with an injected lookup (no DNS) and an injected
 * createConnection that throws (no socket): a refusal must happen before createConnection is called.
 */
describe('outbound guard: the guarded agent at connect time', () => {
  const noSockets = () => {
    const calls: Array<Record<string, unknown>> = [];
    const createConnection = (options: Record<string, unknown>) => {
      calls.push(options);
      throw new Error('no sockets in unit tests');
    };
    return { calls, createConnection };
  };
  const lookupOf = (addresses: LookupAddress[]): LookupAll & { names: string[] } => {
    const names: string[] = [];
    const lookup = ((hostname: string, _options: { all: true }, callback: (error: NodeJS.ErrnoException | null, found: LookupAddress[]) => void) => {
      names.push(hostname);
      queueMicrotask(() => callback(null, addresses));
    }) as LookupAll & { names: string[] };
    lookup.names = names;
    return lookup;
  };
  const requestThrough = (agent: http.Agent, url: string) =>
    new Promise<Error>((resolve, reject) => {
      const client = url.startsWith('https:') ? https : http;
      const request = client.request(url, { agent }, () => reject(new Error('unexpected answer')));
      request.on('error', resolve);
      request.end();
    });

  it.each([
    ['loopback', [{ address: '127.0.0.1', family: 4 }]],
    ['the metadata endpoint', [{ address: '169.254.169.254', family: 4 }]],
    ['a private address', [{ address: '10.0.0.7', family: 4 }]],
    ['IPv6 loopback', [{ address: '::1', family: 6 }]],
    ['a unique local address', [{ address: 'fd00::5', family: 6 }]],
    ['an IPv4-mapped address', [{ address: '::ffff:192.168.0.1', family: 6 }]],
    ['a public and a private address', [{ address: '20.190.128.1', family: 4 }, { address: '10.0.0.1', family: 4 }]],
  ])('refuses a name resolving to %s without calling createConnection', async (_name, addresses) => {
    const sockets = noSockets();
    const lookup = lookupOf(addresses as LookupAddress[]);
    const agent = createGuardedAgent({ protocol: 'https:', lookup, createConnection: sockets.createConnection });
    const error = await requestThrough(agent, 'https://upload.example/session');
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect((error as OutboundRefusedError).reason).toBe('forbidden_address');
    expect(lookup.names).toEqual(['upload.example']);
    expect(sockets.calls).toHaveLength(0);
  });

  it('refuses a name with no address', async () => {
    const sockets = noSockets();
    const agent = createGuardedAgent({ protocol: 'https:', lookup: lookupOf([]), createConnection: sockets.createConnection });
    expect(((await requestThrough(agent, 'https://upload.example/')) as OutboundRefusedError).reason).toBe('no_address');
    expect(sockets.calls).toHaveLength(0);
  });

  it('connects to the very address it checked, keeping the host name for TLS', async () => {
    const sockets = noSockets();
    const agent = createGuardedAgent({ protocol: 'https:', lookup: lookupOf([{ address: '20.190.128.1', family: 4 }]), createConnection: sockets.createConnection });
    const error = await requestThrough(agent, 'https://outlook.office.com/upload');
    expect(error.message).toBe('no sockets in unit tests');
    expect(sockets.calls).toHaveLength(1);
    expect(sockets.calls[0]).toMatchObject({ host: '20.190.128.1', servername: 'outlook.office.com', port: 443 });
  });

  it('a configured loopback origin skips the address rule (and the lookup); another loopback port does not', async () => {
    const sockets = noSockets();
    const lookup = lookupOf([{ address: '127.0.0.1', family: 4 }]);
    const agent = createGuardedAgent({ protocol: 'http:', loopbackOrigins: ['http://127.0.0.1:7072'], lookup, createConnection: sockets.createConnection });
    expect((await requestThrough(agent, 'http://127.0.0.1:7072/v1.0/me')).message).toBe('no sockets in unit tests');
    expect(lookup.names).toEqual([]);
    expect(sockets.calls).toHaveLength(1);
    expect(((await requestThrough(agent, 'http://127.0.0.1:7073/v1.0/me')) as OutboundRefusedError).reason).toBe('forbidden_address');
    expect(sockets.calls).toHaveLength(1);
  });

  it('ignores a configured origin that is not loopback for the skip', async () => {
    const sockets = noSockets();
    const agent = createGuardedAgent({ protocol: 'http:', loopbackOrigins: ['http://10.0.0.1:80'], lookup: lookupOf([{ address: '10.0.0.1', family: 4 }]), createConnection: sockets.createConnection });
    expect(((await requestThrough(agent, 'http://10.0.0.1/')) as OutboundRefusedError).reason).toBe('forbidden_address');
    expect(sockets.calls).toHaveLength(0);
  });
});
