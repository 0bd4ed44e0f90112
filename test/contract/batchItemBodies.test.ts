import { sizeOverheadInBytes } from '../../dev/graphSim/resources/mail/messages/attachmentContent';
import { readBatchResponses, readItemBody } from '../../shared/graph/batch/batchPayload';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * How a `$batch` carries item bodies that are not JSON, and answers without a body.
 * - Non-JSON bodies come base64: https://learn.microsoft.com/answers/questions/1352007 ; OData JSON
 *   Format 4.01, "Batch Requests and Responses", as quoted in
 *   https://github.com/microsoftgraph/msgraph-sdk-dotnet-core/issues/22: "For all other media types the
 *   value of body is a string containing the base64url-encoded value of the request body ... The rules
 *   for `body` are the same for responses as requests."
 * - A 204 item has `"body": null` (UNVERIFIED; a 404 item with `"body": null` is shown in
 *   https://github.com/microsoftgraph/microsoft-graph-docs/issues/1524).
 * The simulator answers so; Ferry's readBatchResponses decodes each item by its own Content-Type and
 * reads a null body as none.
 */
describe('$batch item bodies: non-JSON as base64, none as null', () => {
  let h: GraphSimHarness;
  beforeAll(async () => {
    h = await startGraphSim({ mailboxes: smallMailboxes });
  });
  afterAll(() => h.close());

  const withAttachment = () => {
    const mailbox = h.sim.state.mailbox('alice@contoso.test')!;
    for (const message of mailbox.messages()) {
      const attachment = mailbox.attachments(message.id as string)[0];
      if (attachment) return { messageId: message.id as string, attachment };
    }
    throw new Error('no message with an attachment in the small mailbox');
  };

  it('the simulator: a file attachment\'s $value is raw bytes alone and base64 in a batch; a 204 item has body null', async () => {
    const { messageId, attachment } = withAttachment();
    const valuePath = `/me/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachment.id as string)}/$value`;
    const raw = await fetch(`${h.sim.url}/v1.0${valuePath}`, { headers: { authorization: `Bearer ${await h.token()}` } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe(attachment.contentType);
    const bytes = Buffer.from(await raw.arrayBuffer());
    // Graph's size is not the byte count (UNVERIFIED by how much: sizeOverheadInBytes).
    expect(bytes.length).toBe((attachment.size as number) - sizeOverheadInBytes);

    const victim = h.sim.state.mailbox('alice@contoso.test')!.messages('inbox').find((m) => m.id !== messageId)!;
    const answer = await h.call('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: valuePath },
          { id: '2', method: 'DELETE', url: `/me/messages/${encodeURIComponent(victim.id as string)}` },
          { id: '3', method: 'GET', url: '/me/mailFolders/inbox?$select=displayName' },
        ],
      },
    });
    const items = new Map((answer.body.responses as { id: string; status: number; headers: Record<string, string>; body: unknown }[]).map((r) => [r.id, r]));
    expect(items.get('1')).toMatchObject({ status: 200, headers: { 'Content-Type': attachment.contentType }, body: bytes.toString('base64') });
    expect(items.get('2')).toMatchObject({ status: 204, body: null });
    expect('body' in items.get('2')!).toBe(true);
    expect(items.get('3')).toMatchObject({ status: 200, body: { displayName: 'Inbox' } });

    // Ferry reads that very envelope: the bytes back, no body for the 204, JSON as JSON.
    const read = readBatchResponses({ status: answer.status, headers: {}, body: answer.body })!;
    expect(read.get('1')!.body).toEqual(bytes);
    expect(read.get('2')!.body).toBeUndefined();
    expect(read.get('3')!.body).toMatchObject({ displayName: 'Inbox' });
  });

  it('Ferry: decodes by the item\'s Content-Type (base64url too), keeps JSON and Content-Type-less strings', () => {
    const text = Buffer.from('Hello ÿ?>', 'utf8');
    expect(readItemBody({ 'content-type': 'text/plain; charset=utf-8' }, text.toString('base64'))).toEqual(text);
    expect(readItemBody({ 'content-type': 'image/jpeg' }, text.toString('base64url'))).toEqual(text);
    expect(readItemBody({ 'content-type': 'application/json;odata.metadata=minimal' }, { id: 'x' })).toEqual({ id: 'x' });
    expect(readItemBody({ 'content-type': 'application/problem+json' }, 'a JSON string')).toBe('a JSON string');
    expect(readItemBody({}, 'as is')).toBe('as is');
    expect(readItemBody({ 'content-type': 'application/json' }, null)).toBeUndefined();
  });
});
