import { randomBytes } from 'node:crypto';
import { startStack, type Stack } from '../helpers/startStack';
import { stackDevice } from './stackDevice';

/**
 * FERRY_ANSWER_MAX_BYTES (2 MiB of uncompressed JSON by default) bounds every sync answer, whatever a
 * folder holds: 300 KB bodies asked for whole in a window of 50 would make one 15 MB answer. The
 * device still converges to exactly the folder, every body whole, and one message larger than the
 * whole budget arrives alone with its body cut.
 */
const budgetInBytes = 2 * 1024 * 1024;
const bodyLength = 300 * 1024;
const messageCount = 24;

describe('the answer budget (FERRY_ANSWER_MAX_BYTES)', () => {
  let stack: Stack;
  let alice: string;
  const upn = 'alice@contoso.test';
  let folderId: string;
  const bodies = new Map<string, string>();
  let hugeId: string;

  beforeAll(async () => {
    stack = await startStack();
    alice = await stack.token(upn);
    folderId = (await stack.graph('POST', '/me/mailFolders', upn, { displayName: 'Large mail' })).body.id;
    for (let index = 0; index < messageCount; index++) {
      // Random text so that nothing about the sizes depends on compression.
      const bodyText = randomBytes(bodyLength).toString('base64').slice(0, bodyLength);
      bodies.set(stack.sim.state.simulateArrival(upn, { folder: folderId, subject: `large ${index}`, bodyText }), bodyText);
    }
    hugeId = stack.sim.state.simulateArrival(upn, { folder: folderId, subject: 'huge', bodyText: 'y'.repeat(3 * 1024 * 1024) });
  });
  afterAll(() => stack.close());

  it('keeps every answer within 2 MiB with whole 300 KB bodies in a window of 50, and converges', async () => {
    const device = stackDevice(stack, alice);
    const answers = await device.syncMail(folderId, { window: 50, body: { type: 'text' }, maxCalls: 60 });
    for (const answer of answers) expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThanOrEqual(budgetInBytes);
    // More than one answer was needed: the budget, not the window, cut them.
    expect(answers.length).toBeGreaterThan(messageCount * bodyLength / budgetInBytes);
    expect(answers.every((answer) => answer.upserts.length + answer.removed.length <= 50)).toBe(true);

    const replica = device.device.mail.get(folderId)!.replica;
    expect(new Set(replica.items.keys())).toEqual(new Set([...bodies.keys(), hugeId]));
    for (const [id, text] of bodies) expect(replica.items.get(id)!.body).toEqual({ type: 'text', content: text, truncated: false });
    // The message larger than the whole budget came alone, cut, and the round went on past it.
    const huge = replica.items.get(hugeId)!.body!;
    expect(huge.truncated).toBe(true);
    expect(huge.content.length).toBeGreaterThan(0);
    expect(answers.find((answer) => answer.upserts.some((message) => message.id === hugeId))!.upserts).toHaveLength(1);
  });

  it('with short Graph pages, cuts by bytes at a page whose link Graph still keeps: one reset, the first answer', async () => {
    // Exchange keeps the newest three generations of a delta chain, one per page served (mgdc#7975).
    // Pulling every page of a window before cutting by bytes went on from a link already dropped:
    // the round restarted at every such answer and never ended.
    const shortFolderId = (await stack.graph('POST', '/me/mailFolders', upn, { displayName: 'Short pages' })).body.id;
    const ids = new Set<string>();
    for (let index = 0; index < 40; index++) {
      const bodyText = randomBytes(200 * 1024).toString('base64').slice(0, 200 * 1024);
      ids.add(stack.sim.state.simulateArrival(upn, { folder: shortFolderId, subject: `short ${index}`, bodyText }));
    }
    stack.sim.state.setFlags({ shortPages: true });
    try {
      const device = stackDevice(stack, alice);
      const answers = await device.syncMail(shortFolderId, { window: 50, body: { type: 'text' }, maxCalls: 30 });
      expect(answers.map((answer) => answer.reset)).toEqual(answers.map((_, index) => index === 0));
      expect(new Set(device.device.mail.get(shortFolderId)!.replica.items.keys())).toEqual(ids);
    } finally {
      stack.sim.state.setFlags({ shortPages: false });
    }
  });
});
