import { ReferenceDevice, type AnswerRecord } from '../device/referenceDevice';
import { parseServerTiming } from '../../bench/report/serverTimingRows';
import { createRandom } from '../../dev/graphSim/core/random';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The smoke load of issue 20 (`npm test`): 8 mailboxes x 1 device for 20 s, each device syncing its
 * folders and Inbox round after round while another client changes the mailboxes (arrivals, read and
 * unread, deletions). No time is asserted (the bench's `load` scenario prints those): every answer is
 * 2xx, or 429 `throttled` / 503 `upstream_unavailable` with Retry-After; every answer's Server-Timing
 * has `total >= graph`; after a last sync every device's copy equals its Inbox.
 */
const users = Array.from({ length: 8 }, (_, i) => `bench${String(i + 1).padStart(2, '0')}@contoso.test`);
const loadSeconds = 20;

describe('smoke load: 8 mailboxes x 1 device', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: users.map((user, i) => ({ user, messageCount: 40, folderCount: 1, layout: 'inbox' as const, seed: i + 1 })) } });
  });
  afterAll(() => stack.close());

  it('answers only 2xx, throttled or upstream_unavailable, Server-Timing total >= graph, and every copy converges', async () => {
    const answers: AnswerRecord[] = [];
    const devices = await Promise.all(
      users.map(async (user) => {
        const token = await stack.token(user);
        const inboxId = String(stack.sim.state.mailbox(user)!.folder('inbox')!.id);
        return { user, inboxId, device: new ReferenceDevice({ hostUrl: stack.hostUrl, getToken: async () => token, onAnswer: (record) => answers.push(record) }) };
      }),
    );
    const random = createRandom(20);
    const deadline = Date.now() + loadSeconds * 1000;
    let changes = 0;
    const churn = (async () => {
      while (Date.now() < deadline) {
        const user = random.pick(users);
        const inbox = stack.sim.state.mailbox(user)!.messages('inbox');
        const kind = random.int(3);
        if (kind === 0 || inbox.length === 0) stack.sim.state.simulateArrival(user, { subject: `Arrival ${changes}` });
        else {
          const message = random.pick(inbox);
          const path = `/me/messages/${encodeURIComponent(String(message.id))}`;
          const answer = kind === 1 ? await stack.graph('PATCH', path, user, { isRead: !message.isRead }) : await stack.graph('DELETE', path, user);
          expect(answer.status).toBeLessThan(300);
        }
        changes++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await Promise.all(
      devices.map(async ({ device, inboxId }) => {
        while (Date.now() < deadline) {
          await device.syncFolders();
          await device.syncMail(inboxId, { window: 50, body: { type: 'text', maxChars: 512 } });
          await new Promise((resolve) => setTimeout(resolve, random.between(0, 300)));
        }
      }),
    );
    await churn;
    await stack.sim.state.deliveriesSettled();
    for (const { device, inboxId } of devices) {
      device.noticeMailboxChanged();
      await device.syncMail(inboxId, { window: 50, body: { type: 'text', maxChars: 512 } });
    }

    expect(changes).toBeGreaterThan(20);
    expect(answers.length).toBeGreaterThan(users.length * 4);
    const unexpected = answers.filter((a) => {
      if (typeof a.status === 'number' && a.status >= 200 && a.status < 300) return false;
      const allowed = (a.status === 429 && a.code === 'throttled') || (a.status === 503 && a.code === 'upstream_unavailable');
      return !(allowed && a.retryAfterHeader !== null);
    });
    expect(unexpected.map((a) => `${a.command} ${a.status} ${a.code ?? ''}`)).toEqual([]);
    const timings = answers.map((a) => parseServerTiming(a.serverTimingHeader ?? undefined));
    expect(timings.filter((t) => t === undefined)).toEqual([]);
    expect(timings.filter((t) => t!.total < t!.graph)).toEqual([]);
    for (const { user, device, inboxId } of devices) {
      const copy = [...device.mail.get(inboxId)!.replica.items.values()].map((m) => [m.id, m.read]).sort();
      const inbox = stack.sim.state.mailbox(user)!.messages('inbox').map((m) => [String(m.id), m.isRead]).sort();
      expect([user, copy]).toEqual([user, inbox]);
    }
  }, 60_000);
});
