import { createHash } from 'node:crypto';
import { smallMailboxes } from '../helpers/graphSimHarness';
import { startStack, type Stack } from '../helpers/startStack';
import { deviceAnswerProblems } from '../helpers/deviceAnswerProblems';

const upn = 'alice@contoso.test';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * GET mail/attachment end to end: the bytes as Graph's `$value` gives them (SHA-256), the download
 * headers, another user's ids, wrong methods and queries. Ranges, item and reference attachments,
 * large and broken downloads: mailAttachmentRanges / mailAttachmentStream.
 */
describe('GET mail/attachment', () => {
  let stack: Stack;
  let alice: string;
  let file: { messageId: string; attachmentId: string; name: string };

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: [...smallMailboxes, { user: 'erin@fabrikam.test', messageCount: 5, folderCount: 0 }] } });
    alice = await stack.token(upn);
    const mailbox = stack.sim.state.mailbox(upn)!;
    const message = (mailbox.messages('inbox') as Array<{ id: string; hasAttachments: boolean }>).find((m) => m.hasAttachments && mailbox.attachments(m.id).some((a) => !a.isInline))!;
    const attachment = mailbox.attachments(message.id).find((a) => !a.isInline)!;
    file = { messageId: message.id, attachmentId: String(attachment.id), name: String(attachment.name) };
  });
  afterAll(() => stack.close());

  /** The bytes Graph's `$value` gives, fetched directly with a Graph token. */
  async function graphValue(messageId: string, attachmentId: string, owner = upn): Promise<{ bytes: Buffer; headers: Headers }> {
    const response = await fetch(`${stack.sim.url}/v1.0/me/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}/$value`, {
      headers: { authorization: `Bearer ${await stack.graphToken(owner)}` },
    });
    expect(response.status).toBe(200);
    return { bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  it('sends the bytes Graph has, byte for byte, with the download headers and no-store', async () => {
    const direct = await graphValue(file.messageId, file.attachmentId);
    const answer = await stack.call('mail/attachment', { message: file.messageId, attachment: file.attachmentId }, alice);
    expect(answer.status).toBe(200);
    expect(sha256(answer.bytes!)).toBe(sha256(direct.bytes));
    expect(deviceAnswerProblems({ status: answer.status, headers: answer.headers, text: '' })).toEqual([]);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(answer.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(file.name)}`);
    expect(answer.headers.get('content-disposition')!.startsWith('attachment;')).toBe(true);
    expect(answer.headers.get('content-type')).toBe(direct.headers.get('content-type')!.split(';')[0]!.toLowerCase());
    expect(answer.headers.get('accept-ranges')).toBe('bytes');
    expect(answer.headers.get('content-encoding')).toBeNull();
    // Graph sent a length here, so Ferry passes it on.
    expect(answer.headers.get('content-length')).toBe(String(direct.bytes.length));
  });

  it.each([
    ['bob@contoso.test'],
    ['erin@fabrikam.test'],
  ])("answers alice's ids to %s with 404 not_found and nothing of hers", async (other) => {
    const answer = await stack.call('mail/attachment', { message: file.messageId, attachment: file.attachmentId }, await stack.token(other));
    expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
    expect(answer.bytes).toBeUndefined();
    expect(deviceAnswerProblems({ status: answer.status, headers: answer.headers, text: JSON.stringify(answer.body) })).toEqual([]);
  });

  it("answers an attachment id of alice's under another of her messages with not_found", async () => {
    const mailbox = stack.sim.state.mailbox(upn)!;
    const other = (mailbox.messages('inbox') as Array<{ id: string }>).find((m) => m.id !== file.messageId)!;
    const answer = await stack.call('mail/attachment', { message: other.id, attachment: file.attachmentId }, alice);
    expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
  });

  it('refuses other methods (405, Allow: GET), no token (401), and bad queries (400) by the rule', async () => {
    const query = { message: file.messageId, attachment: file.attachmentId };
    const post = await stack.call('mail/attachment', query, alice, { method: 'POST' });
    expect([post.status, post.body.code, post.headers.get('allow')]).toEqual([405, 'method_not_allowed', 'GET']);
    const anonymous = await stack.call('mail/attachment', query, null);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthorized']);
    for (const bad of [{ message: file.messageId }, { ...query, extra: '1' }, { ...query, message: 'a/b' }, { ...query, attachment: '' }]) {
      const answer = await stack.call('mail/attachment', bad, alice);
      expect([answer.status, answer.body.code]).toEqual([400, 'bad_request']);
    }
    const twice = await fetch(`${stack.hostUrl}/api/v1/mail/attachment?message=${file.messageId}&attachment=${file.attachmentId}&message=${file.messageId}`, { headers: { authorization: `Bearer ${alice}` } });
    expect(twice.status).toBe(400);
    for (const answer of [post, anonymous]) expect(deviceAnswerProblems({ status: answer.status, headers: answer.headers, text: JSON.stringify(answer.body) })).toEqual([]);
  });

  it('a query of 4096 characters passes the length check (then fails the schema), 4097 are 400 for length', async () => {
    const base = `message=${file.messageId}&attachment=${file.attachmentId}&pad=`;
    const detail = async (length: number) => {
      const response = await fetch(`${stack.hostUrl}/api/v1/mail/attachment?${base}${'A'.repeat(length - base.length)}`, { headers: { authorization: `Bearer ${alice}` } });
      expect(response.status).toBe(400);
      return ((await response.json()) as { detail: string }).detail;
    };
    expect(await detail(4096)).not.toMatch(/at most 4096/);
    expect(await detail(4097)).toMatch(/at most 4096 characters/);
  });

  it('mail/get names each attachment with its kind and, for inline images, its contentId', async () => {
    const mailbox = stack.sim.state.mailbox(upn)!;
    const withInline = (mailbox.messages() as Array<{ id: string }>).find((m) => mailbox.attachments(m.id).some((a) => a.isInline && a.contentId));
    expect(withInline).toBeDefined();
    const answer = await stack.call('mail/get', { id: withInline!.id }, alice);
    expect(answer.status).toBe(200);
    const inline = (answer.body.message.attachments as Array<{ inline?: boolean; contentId?: string; kind?: string }>).find((a) => a.inline);
    const expected = mailbox.attachments(withInline!.id).find((a) => a.isInline)!;
    expect(inline?.contentId).toBe(expected.contentId);
    // kind "file" is the default, left out of the answer.
    expect(inline?.kind).toBeUndefined();
  });
});
