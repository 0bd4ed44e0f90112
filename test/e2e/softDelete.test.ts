import { smallMailboxes } from '../helpers/graphSimHarness';
import { startStack, type Stack } from '../helpers/startStack';
import { mailGetResponse } from '../../shared/protocol/schemas/mail';

/**
 * mail/get of a deleted message. Exchange soft-deletes into Recoverable Items; whether Graph then
 * answers a GET of the id with 200 (its parentFolderId Recoverable Items) or 404 is UNVERIFIED
 * (test/contract/softDelete.test.ts), so both ways: the device gets `404 not_found` and drops it.
 */
describe('mail/get of a soft-deleted message', () => {
  let stack: Stack;
  let alice: string;
  const upn = 'alice@contoso.test';
  const enc = encodeURIComponent;

  // One stack per file (a file has one Ferry runtime); the flag changes between cases.
  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: smallMailboxes } });
    alice = await stack.token(upn);
  });
  afterAll(() => stack.close());

  it.each([false, true])('answers not_found for a message deleted through Graph, in one Graph request (deletedGetIs404: %s)', async (deletedGetIs404) => {
    stack.sim.state.setFlags({ deletedGetIs404 });
    const [deleted] = stack.sim.state.mailbox(upn)!.messages('inbox').map((m) => String(m.id));
    expect((await stack.graph('DELETE', `/me/messages/${enc(deleted!)}`, upn)).status).toBe(204);
    stack.sim.state.resetStats();
    // Raw: asserts the answer itself (404 not_found); the device would drop the message silently.
    const answer = await stack.call('mail/get', { id: deleted }, alice);
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('not_found');
    // The message, its attachments and Recoverable Items' id went in one `$batch`.
    expect(stack.sim.state.stats.requests).toBe(1);
    expect(stack.sim.state.stats.byOperation).toMatchObject({ batch: 1, 'messages.get': 1, 'attachments.list': 1, 'mailFolders.get': 1 });
  });

  it.each([false, true])('still answers a live message whole, attachments included, with its folder (deletedGetIs404: %s)', async (deletedGetIs404) => {
    stack.sim.state.setFlags({ deletedGetIs404 });
    const mailbox = stack.sim.state.mailbox(upn)!;
    const live = (mailbox.messages() as unknown as Array<{ id: string; hasAttachments: boolean; parentFolderId: string }>).find((m) => m.hasAttachments)!;
    const answer = await stack.call('mail/get', { id: live.id }, alice);
    expect(answer.status).toBe(200);
    const { message } = mailGetResponse.parse(answer.body);
    expect(message.folderId).toBe(live.parentFolderId);
    expect(message.attachments.map((a) => a.name).sort()).toEqual(mailbox.attachments(live.id).map((a) => String(a.name)).sort());
  });
});
