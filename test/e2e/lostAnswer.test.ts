import { expectedFolderCopy } from '../device/mailboxChanges';
import { ReferenceDevice, type AnswerRecord, type SyncAnswerRecord } from '../device/referenceDevice';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * A mail/sync answer lost on its way to the phone after Ferry drained several small Graph pages for
 * it. The device repeats its previous state, as the rule table says after no answer. Exchange keeps
 * only the newest three generations of a delta chain, one per page served (mgdc#7975): the link in
 * that state is older than them, so Graph answers 410, Ferry restarts the round, and the repeat is a
 * reset round; the device still ends with exactly the folder. Short pages make the drain take
 * several pages. (With every generation kept, the repeat would be answered as the first time:
 * test/unit/graphSim/deltaGenerations.test.ts shows the simulator's side.)
 */
describe('a lost mail/sync answer after a drain of several Graph pages', () => {
  const upn = 'bob@contoso.test';
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sim: { flags: { shortPages: true } } });
  });
  afterAll(() => stack.close());

  it('repeating the previous state ends in a reset round, and nothing is lost', async () => {
    const folderId = String(stack.sim.state.mailbox(upn)!.folder('inbox')!.id);
    const answers: AnswerRecord[] = [];
    const synced: SyncAnswerRecord[] = [];
    let deltaCallsAtLoss: number | undefined;
    const deltaCalls = () => stack.sim.state.stats.byOperation['messages.delta'] ?? 0;
    const device = new ReferenceDevice({
      hostUrl: stack.hostUrl,
      getToken: async () => stack.token(upn),
      timeScale: 0.005,
      onAnswer: (record) => {
        answers.push(record);
        if (record.lost) deltaCallsAtLoss = deltaCalls();
      },
      onSyncAnswer: (record) => {
        stack.secrets.add(record.answer.state);
        synced.push(record);
      },
    });
    const body = { type: 'text' as const, maxChars: 100 };
    await device.syncMail(folderId, { window: 50, body });
    for (let i = 0; i < 30; i++) stack.sim.state.simulateArrival(upn, { subject: `arrival ${i}` });
    device.noticeMailboxChanged();
    const stateBefore = device.mail.get(folderId)!.replica.state;

    const callsBefore = deltaCalls();
    synced.length = 0;
    device.loseNextAnswer();
    await device.syncMailOnce(folderId, { window: 50, body });
    const lost = answers.filter((a) => a.lost);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.status).toBe(200);
    // The lost answer drained at least three Graph pages: past the generations Exchange keeps.
    expect(deltaCallsAtLoss! - callsBefore).toBeGreaterThanOrEqual(3);
    // The device sent the same state again, and the answer it applied is the repeat's.
    expect(synced).toHaveLength(1);
    expect(synced[0]!.answer.reset).toBe(true);
    expect(synced[0]!.answer.state).not.toBe(stateBefore);

    await device.syncMail(folderId, { window: 50, body });
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(device.mail.get(folderId)!.replica.items).toEqual(await expectedFolderCopy(stack, upn, folderId, body));
  });
});
