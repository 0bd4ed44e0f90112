import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultGraphAxios } from '../../../shared/graph/transport/defaultGraphAxios';

/** The Graph client's own transport connects only where the outbound guard allows. */
describe('defaultGraphAxios', () => {
  let server: http.Server;
  let url: string;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  it('reaches a loopback Graph origin that is configured (the local stack)', async () => {
    const response = await defaultGraphAxios(url).get(`${url}/v1.0/me`);
    expect(response.status).toBe(200);
  });

  it('refuses at connect a name that resolves to loopback when Graph is elsewhere, without connecting', async () => {
    const before = hits;
    const port = (server.address() as AddressInfo).port;
    await expect(defaultGraphAxios('https://graph.microsoft.com').get(`http://localhost:${port}/v1.0/me`)).rejects.toMatchObject({
      cause: expect.objectContaining({ name: 'OutboundRefusedError', reason: 'forbidden_address' }),
    });
    expect(hits).toBe(before);
  });
});
