import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { graphIdPattern } from '../../shared/protocol/schemas/common';
import { drain, startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * Id formats, per request (issue 13, point 5).
 *
 * https://learn.microsoft.com/graph/outlook-immutable-id: "To opt in, your application needs to send an
 * additional HTTP header in your API requests: `Prefer: IdType="ImmutableId"`. This header only applies
 * to the request it is included with. If you want to always use immutable IDs, you must include this
 * header with every API request." Without it, item ids are the default (REST) ones: "By default, this
 * value changes when the item is moved from one container (such as a folder or calendar) to another"
 * (the `id` of message, api-reference/includes/outlook-immutable-id.md). "Container types (mailFolder,
 * calendar, etc.) do not support immutable IDs, but their normal IDs were already constant." The docs'
 * samples show REST ids starting `AAMkA` (test/fixtures/graph-samples/message-get.json).
 *
 * https://learn.microsoft.com/graph/json-batching: each request of a `$batch` carries its own `headers`
 * (test/fixtures/graph-samples/batch-request.json: `ConsistencyLevel` on one item). UNVERIFIED whether
 * Graph lets items inherit the envelope's Prefer: the simulator assumes not.
 *
 * https://github.com/alcionai/corso/pull/3176 (status UNVERIFIED): "Handles the `SyncStateInvalid` error
 * if a delta URL constructed without the immutable ID header is used"; the simulator answers it with
 * 400 for a link followed under the other id type.
 */
const enc = encodeURIComponent;
const immutable = { idType: 'immutable' as const };
const rest = { idType: 'rest' as const };

describe('id formats per request (outlook-immutable-id)', () => {
  let h: GraphSimHarness;
  beforeEach(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterEach(() => h.close());
  const mailbox = () => h.sim.state.mailbox('alice@contoso.test')!;
  const folderId = (name: string) => mailbox().folder(name)!.id as string;
  const withAttachment = () => mailbox().messages('inbox').find((m) => m.hasAttachments === true) ?? mailbox().messages().find((m) => m.hasAttachments === true)!;

  it('answers message ids in REST form without the header, immutable with it; folder ids are the same either way', async () => {
    const [withHeader, without] = [await h.get('/me/mailFolders/inbox/messages?$select=id,parentFolderId&$top=100', immutable), await h.get('/me/mailFolders/inbox/messages?$select=id,parentFolderId&$top=100', rest)];
    const ids = (answer: typeof without) => (answer.body.value as Array<{ id: string }>).map((m) => m.id);
    expect(ids(withHeader).sort()).toEqual(mailbox().messages('inbox').map((m) => m.id as string).sort());
    expect(ids(without).every((id) => id.startsWith('AAMkA') && graphIdPattern.test(id))).toBe(true);
    expect(ids(without).filter((id) => ids(withHeader).includes(id))).toEqual([]);
    expect(without.body.value[0].parentFolderId).toBe(folderId('inbox'));
    expect((await h.get('/me/mailFolders/inbox', rest)).body.id).toBe((await h.get('/me/mailFolders/inbox', immutable)).body.id);
  });

  it('changes a REST id when the message moves, never its immutable id; either form of a current id resolves', async () => {
    const id = mailbox().messages('inbox')[0]!.id as string;
    const before = (await h.get(`/me/messages/${enc(id)}?$select=subject`, rest)).body.id as string;
    expect(before).toMatch(/^AAMkA/);
    // A REST id names the same message, whatever form the request asks for.
    expect((await h.get(`/me/messages/${enc(before)}?$select=subject`, immutable)).body.id).toBe(id);

    const moved = await h.call('POST', `/me/messages/${enc(before)}/move`, { ...rest, body: { destinationId: folderId('archive') } });
    expect(moved.status).toBe(201);
    expect(moved.body.id).not.toBe(before);
    expect(moved.body.id).toMatch(/^AAMkA/);
    expect((await h.get(`/me/messages/${enc(id)}?$select=id`, immutable)).body.id).toBe(id);
    // The REST id from before the move names nothing now.
    expect((await h.get(`/me/messages/${enc(before)}`, rest)).status).toBe(404);
    expect((await h.get(`/me/messages/${enc(moved.body.id)}?$select=id`, immutable)).body.id).toBe(id);
  });

  it('answers attachment ids in the request\'s form, and resolves both', async () => {
    const message = withAttachment();
    const path = `/me/messages/${enc(message.id as string)}/attachments`;
    const [own, restForm] = [(await h.get(`${path}?$select=id,name`, immutable)).body.value[0], (await h.get(`${path}?$select=id,name`, rest)).body.value[0]];
    expect(own.id).toBe(mailbox().attachments(message.id as string)[0]!.id);
    expect(restForm.id).toMatch(/^AAMkA/);
    expect(restForm.id).not.toBe(own.id);
    expect((await h.get(`${path}/${enc(restForm.id)}?$select=name`, immutable)).body).toMatchObject({ id: own.id, name: own.name });
  });

  it('applies the header per $batch item: an item without its own Prefer gets REST ids even under an envelope that has one', async () => {
    const id = mailbox().messages('inbox')[0]!.id as string;
    const answer = await h.call('POST', '/$batch', {
      ...immutable,
      body: {
        requests: [
          { id: 'own', method: 'GET', url: `/me/messages/${enc(id)}?$select=id`, headers: { Prefer: 'IdType="ImmutableId"' } },
          { id: 'bare', method: 'GET', url: `/me/messages/${enc(id)}?$select=id` },
        ],
      },
    });
    const byId = new Map((answer.body.responses as Array<{ id: string; body: { id: string } }>).map((r) => [r.id, r.body.id]));
    expect(byId.get('own')).toBe(id);
    expect(byId.get('bare')).toMatch(/^AAMkA/);
  });

  it('answers a message delta in the request\'s form, a removal by the REST id the message had in that folder', async () => {
    const first = await drain(h, '/me/mailFolders/inbox/messages/delta?$select=subject', rest);
    expect(first.entries.every((e) => String(e.id).startsWith('AAMkA'))).toBe(true);
    const gone = first.entries[0]!.id as string;
    await h.call('POST', `/me/messages/${enc(gone)}/move`, { body: { destinationId: folderId('archive') } });
    const next = await drain(h, first.deltaLink!, rest);
    expect(next.entries).toContainEqual(expect.objectContaining({ id: gone, '@removed': { reason: 'deleted' } }));
  });

  it.each([
    ['messages', '/me/mailFolders/inbox/messages/delta?$select=subject'],
    ['folders', '/me/mailFolders/delta?$select=displayName'],
  ])('refuses a %s link followed under the other id type with 400 SyncStateInvalid (corso#3176)', async (_name, start) => {
    const page2 = { headers: { Prefer: 'odata.maxpagesize=2' } };
    for (const [issuedUnder, followedUnder] of [[immutable, rest], [rest, immutable]] as const) {
      const first = await h.get(start, { ...page2, ...issuedUnder });
      const nextLink = first.body['@odata.nextLink'] as string;
      const refused = await h.get(nextLink, { ...page2, ...followedUnder });
      expect([refused.status, refused.body.error.code]).toEqual([400, 'SyncStateInvalid']);
      const round = await drain(h, nextLink, { ...page2, ...issuedUnder });
      const refusedDelta = await h.get(round.deltaLink!, followedUnder);
      expect([refusedDelta.status, refusedDelta.body.error.code]).toEqual([400, 'SyncStateInvalid']);
      expect((await h.get(round.deltaLink!, issuedUnder)).status).toBe(200);
    }
  });

  it('records per request and per $batch item whether the request asked for immutable ids', async () => {
    requestRecorder.start();
    try {
      await h.get('/me/mailFolders/inbox', immutable);
      await h.get('/me/mailFolders/inbox', rest);
      await h.call('POST', '/$batch', { ...immutable, body: { requests: [{ id: '1', method: 'GET', url: '/me/mailFolders/inbox' }, { id: '2', method: 'GET', url: '/me/mailFolders/inbox', headers: { prefer: 'idtype="immutableid"' } }] } });
      const seen = requestRecorder.entries().map((entry) => [entry.target, entry.immutableIds]);
      expect(seen.slice(0, 2)).toEqual([['request', true], ['request', false]]);
      expect(seen.slice(2).sort()).toEqual([['batchItem', false], ['batchItem', true]]);
    } finally {
      requestRecorder.stop();
    }
  });
});
