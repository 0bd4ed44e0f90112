import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import { getFolder, sendMail, token } from './helpers/setupClient';

/**
 * The default transport over a real socket on 127.0.0.1 (no fake adapter): axios config, header
 * casing, the safe JSON parse and Node's own error codes. No sleeps: the only failure is refused.
 */
describe('default axios transport', () => {
  let server: http.Server;
  let graphUrl: string;
  const seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      seen.push(request.headers);
      if (request.url === '/v1.0/me/mailFolders/inbox') {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': 'c0ffee00-0000-4000-8000-000000000003' });
        response.end(JSON.stringify({ id: 'inbox' }));
      } else {
        response.writeHead(302, { Location: 'https://evil.example/' });
        response.end('<html>moved</html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the headers and parses the JSON answer', async () => {
    const client = createGraphClient({ graphUrl, getToken: async () => token });
    const response = await client.send(getFolder);
    expect(response).toMatchObject({ status: 200, body: { id: 'inbox' }, requestId: 'c0ffee00-0000-4000-8000-000000000003' });
    expect(response.headers['content-type']).toBe('application/json');
    expect(seen.at(-1)).toMatchObject({ authorization: `Bearer ${token}`, prefer: 'IdType="ImmutableId"', accept: 'application/json' });
  });

  it('does not follow a redirect and survives a non-JSON body', async () => {
    const client = createGraphClient({ graphUrl, getToken: async () => token });
    const before = seen.length;
    await expect(client.send({ ...getFolder, path: '/me/elsewhere' })).rejects.toMatchObject({ code: 'upstream_error', graphStatus: 302 });
    expect(seen.length).toBe(before + 1);
  });

  it('reports a refused connection as nothing sent: retried, then upstream_unavailable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const sleeps: number[] = [];
    const client = createGraphClient({
      graphUrl: `http://127.0.0.1:${port}`,
      getToken: async () => token,
      clock: { now: () => 0, sleep: async (ms) => void sleeps.push(ms) },
    });
    await expect(client.send(sendMail)).rejects.toMatchObject({ code: 'upstream_unavailable', transportErrorCode: 'ECONNREFUSED', outcomeUnknown: false });
    expect(sleeps).toHaveLength(1);
  });
});
