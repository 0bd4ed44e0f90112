import type { GraphRequest } from '../../../shared/graph/graphRequest';
import { buildRequest } from '../../../shared/graph/operations';
import { ok } from './helpers/fakeGraph';
import { rejectionOf, setupClient } from './helpers/setupClient';

const folderDelta: GraphRequest = buildRequest('mailFolders.delta', {}, { headers: { Prefer: 'odata.maxpagesize=50' } });
const base = 'https://graph.microsoft.com/v1.0/me/mailFolders/delta';

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('paging', () => {
  it('page() drops the origin of links and keeps path+query exactly as Graph gave them', async () => {
    const { client, graph } = setupClient();
    graph.reply(ok({ value: [{ id: '1' }], '@odata.nextLink': `${base}?$skiptoken=a'b%2Fc` }));
    const page = await client.page(folderDelta);
    expect(page).toEqual({ value: [{ id: '1' }], nextLink: "/v1.0/me/mailFolders/delta?$skiptoken=a'b%2Fc" });
  });

  it('follows nextLink even when value is empty, and stops at deltaLink', async () => {
    const { client, graph } = setupClient();
    graph.reply(
      ok({ value: [], '@odata.nextLink': `${base}?$skiptoken=1` }),
      ok({ value: [{ id: 'a' }], '@odata.nextLink': `${base}?$skiptoken=2` }),
      ok({ value: [], '@odata.deltaLink': `${base}?$deltatoken=3` }),
      ok({ value: [{ id: 'never fetched' }] }),
    );

    const pages = await collect(client.pages(folderDelta));

    expect(pages).toEqual([
      { value: [], nextLink: '/v1.0/me/mailFolders/delta?$skiptoken=1' },
      { value: [{ id: 'a' }], nextLink: '/v1.0/me/mailFolders/delta?$skiptoken=2' },
      { value: [], deltaLink: '/v1.0/me/mailFolders/delta?$deltatoken=3' },
    ]);
    expect(graph.calls.map((c) => c.url.pathname + c.url.search)).toEqual([
      '/v1.0/me/mailFolders/delta',
      '/v1.0/me/mailFolders/delta?$skiptoken=1',
      '/v1.0/me/mailFolders/delta?$skiptoken=2',
    ]);
    // The page-size preference travels with every page.
    expect(graph.calls.every((c) => c.headers.prefer === 'IdType="ImmutableId", odata.maxpagesize=50')).toBe(true);
  });

  it('stops when there is neither nextLink nor deltaLink', async () => {
    const { client, graph } = setupClient();
    graph.reply(ok({ value: [{ id: 'a' }] }));
    expect(await collect(client.pages(folderDelta))).toEqual([{ value: [{ id: 'a' }] }]);
    expect(graph.calls).toHaveLength(1);
  });

  it('is lazy: the caller can stop pulling and no further page is fetched', async () => {
    const { client, graph } = setupClient();
    graph.reply(ok({ value: [{ id: 'a' }], '@odata.nextLink': `${base}?$skiptoken=1` }));
    for await (const page of client.pages(folderDelta)) {
      expect(page.value).toHaveLength(1);
      break;
    }
    expect(graph.calls).toHaveLength(1);
  });

  it('refuses a nextLink on another origin without requesting it', async () => {
    const { client, graph } = setupClient();
    graph.reply(ok({ value: [], '@odata.nextLink': 'https://graph.microsoft.com.evil.example/v1.0/me/mailFolders/delta?$skiptoken=1' }));
    const error = await rejectionOf(collect(client.pages(folderDelta)));
    expect(error).toMatchObject({ code: 'upstream_error', status: 502, logReason: 'foreign_link' });
    expect(graph.calls).toHaveLength(1);
  });

  it.each([
    'http://graph.microsoft.com/v1.0/me',
    'https://graph.microsoft.com:8443/v1.0/me',
    'https://evil.example/v1.0/me',
    '//evil.example/v1.0/me',
    '/\\evil.example/v1.0/me',
    'https://graph.microsoft.com@evil.example/v1.0/me',
  ])('refuses to follow the link %s and sends nothing', async (link) => {
    const { client, graph } = setupClient();
    const error = await rejectionOf(client.send({ operation: 'messages.delta', method: 'GET', path: '', link, idempotent: true }));
    expect(error).toMatchObject({ code: 'upstream_error', logReason: 'foreign_link' });
    expect(graph.calls).toHaveLength(0);
  });

  it('follows a stored relative link on the Graph origin', async () => {
    const { client, graph } = setupClient();
    graph.reply(ok({ value: [], '@odata.deltaLink': `${base}?$deltatoken=9` }));
    await client.page({ operation: 'mailFolders.delta', method: 'GET', path: '', link: '/v1.0/me/mailFolders/delta?$deltatoken=8', idempotent: true });
    expect(graph.calls[0]!.url.href).toBe(`${base}?$deltatoken=8`);
  });

  it.each([
    ['an array', []],
    ['no value', { items: [] }],
    ['a non-array value', { value: {} }],
    ['a non-string nextLink', { value: [], '@odata.nextLink': 42 }],
    ['a value entry that is not an object', { value: [{ id: 'a' }, 'b'] }],
  ])('retries a page with %s once (a broken body), then answers upstream_error', async (_name, body) => {
    const { client, graph } = setupClient();
    graph.reply(ok(body));
    await expect(client.page(folderDelta)).rejects.toMatchObject({ code: 'upstream_error', status: 502, logReason: 'broken_body' });
    expect(graph.calls).toHaveLength(2);
  });

  it('retries a page that is not JSON once, then answers upstream_error', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 200, headers: { 'content-type': 'text/html' }, rawBody: '<html>oops</html>' });
    await expect(client.page(folderDelta)).rejects.toMatchObject({ code: 'upstream_error', logReason: 'broken_body' });
    expect(graph.calls).toHaveLength(2);
  });

  it('takes the retry of a cut page when it comes back whole', async () => {
    const { client, graph } = setupClient();
    graph.reply({ status: 200, rawBody: '{"value":[{"id":"a"},{"id"' }, ok({ value: [{ id: 'a' }, { id: 'b' }] }));
    await expect(client.page(folderDelta)).resolves.toEqual({ value: [{ id: 'a' }, { id: 'b' }] });
    expect(graph.calls[1]!.headers['client-request-id']).toBe(graph.calls[0]!.headers['client-request-id']);
  });

  it('refuses a nextLink that points at itself', async () => {
    const { client, graph } = setupClient();
    graph.reply(ok({ value: [], '@odata.nextLink': `${base}?$skiptoken=1` }));
    await expect(collect(client.pages(folderDelta))).rejects.toMatchObject({ logReason: 'link_loop' });
    expect(graph.calls).toHaveLength(2);
  });

  it("a 410 on a plain listing's nextLink (childFolders) is an ordinary upstream_error, not a delta restart", async () => {
    const { client, graph } = setupClient();
    const childFolders = buildRequest('mailFolders.childFolders', { folderId: 'AAMkParent' }, { query: { $select: 'id', $top: '100' } });
    graph.reply(ok({ value: [{ id: 'a' }], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/me/mailFolders/AAMkParent/childFolders?$skip=100' }), { status: 410 });
    const error = await rejectionOf(collect(client.pages(childFolders)));
    expect(error).toMatchObject({ name: 'GraphRequestError', code: 'upstream_error', status: 502 });
  });
});

