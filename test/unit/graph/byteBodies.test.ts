import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { toBatchRequestItem } from '../../../shared/graph/batch/batchPayload';
import { createGraphClient } from '../../../shared/graph/createGraphClient';
import { toPipelineRequest } from '../../../shared/graph/graphUrls';
import { contactPhotoSetRequest } from '../../../shared/graph/requests/contactRequests';
import { token } from './helpers/setupClient';

/**
 * Byte bodies (a contact photo's PUT, issue 19): sent as they are under the request's own Content-Type,
 * over a real socket; inside a `$batch` as base64 under that type (JSON batching's form for non-JSON).
 */
describe('byte request bodies', () => {
  const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 250]);

  it('PUTs the bytes with their content type, not JSON', async () => {
    const seen: Array<{ method?: string; url?: string; contentType?: string; body: Buffer }> = [];
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, contentType: request.headers['content-type'], body: Buffer.concat(chunks) });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = createGraphClient({ graphUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, getToken: async () => token });
      await client.send(contactPhotoSetRequest('F', 'C', 'image/jpeg', photo));
      expect(seen).toEqual([{ method: 'PUT', url: '/v1.0/me/contactFolders/F/contacts/C/photo/$value', contentType: 'image/jpeg', body: photo }]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('puts bytes into a $batch item as base64 under their content type', () => {
    const item = toBatchRequestItem('1', toPipelineRequest(contactPhotoSetRequest('F', 'C', 'image/png', photo), 'https://graph.example'));
    expect(item).toMatchObject({ id: '1', method: 'PUT', headers: { 'content-type': 'image/png' }, body: photo.toString('base64') });
  });
});
