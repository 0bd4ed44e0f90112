import type { Clock } from '../../shared/clock';
import { expectedFolderCopy } from '../device/mailboxChanges';
import { startStack, type Stack } from '../helpers/startStack';
import { stackDevice } from './stackDevice';

/**
 * sendMail "creates a new message in the sender's Drafts folder" before its 202, then "moves it from
 * the Drafts folder to the Sent Items folder" (https://learn.microsoft.com/graph/outlook-things-to-know-about-send-mail).
 * A device syncing both folders while another client of the user sends sees the message in Drafts,
 * then removed there and upserted in Sent Items with the same id, and ends with both copies equal to
 * the mailbox. The simulator's delivery waits until the test releases it (its clock's sleeps).
 */
function heldDeliveries(): Clock & { release(): void } {
  const held: (() => void)[] = [];
  return {
    now: () => Date.now(),
    sleep: (_delayInMs, signal) =>
      new Promise<void>((resolve, reject) => {
        held.push(resolve);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    release: () => held.splice(0).forEach((resolve) => resolve()),
  };
}

describe('mail/sync of Drafts and Sent Items while a message is sent', () => {
  const upn = 'alice@contoso.test';
  const clock = heldDeliveries();
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sim: { clock } });
  });
  afterAll(() => stack.close());

  it('converges: the message is in Drafts until sent, then in Sent Items under the same id', async () => {
    const device = stackDevice(stack, await stack.token(upn));
    const folderId = async (name: string) => (await stack.graph('GET', `/me/mailFolders/${name}`, upn)).body.id as string;
    const [drafts, sentItems] = [await folderId('drafts'), await folderId('sentitems')];
    await device.syncMail(drafts);
    await device.syncMail(sentItems);

    const send = await stack.graph('POST', '/me/sendMail', upn, { message: { subject: 'Quarterly plan', toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }] } });
    expect(send.status).toBe(202);
    const whileSending = (await device.syncMail(drafts)).flatMap((answer) => answer.upserts);
    expect(whileSending.map((m) => m.subject)).toEqual(['Quarterly plan']);
    const id = whileSending[0]!.id;
    expect((await device.syncMail(sentItems)).flatMap((answer) => answer.upserts)).toEqual([]);

    clock.release();
    await stack.sim.state.deliveriesSettled();
    expect((await device.syncMail(drafts)).flatMap((answer) => answer.removed)).toEqual([id]);
    expect((await device.syncMail(sentItems)).flatMap((answer) => answer.upserts.map((m) => m.id))).toEqual([id]);
    for (const folder of [drafts, sentItems]) {
      const collection = device.device.mail.get(folder)!;
      expect(collection.replica.items).toEqual(await expectedFolderCopy(stack, upn, folder, collection.body));
    }
    expect(device.device.mail.get(drafts)!.replica.items.has(id)).toBe(false);
  });
});
