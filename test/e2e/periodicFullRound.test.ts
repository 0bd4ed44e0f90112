import { startStack, type Stack } from '../helpers/startStack';
import { stackDevice } from './stackDevice';

/**
 * Graph's delta with immutable ids misses messages moved out of a folder and back in (mgdc#72,
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/72; the simulator's
 * `immutableIdMoveMiss`, on by default). Two cases, two cures:
 * - moved out and back between two syncs: the delta says `@removed`. Ferry checks every `@removed` id
 *   in the same answer (one `$batch` GET of the message) and sends a message still in the folder as an
 *   upsert: the device never loses it.
 * - moved back after the device saw it leave: the delta says nothing. The periodic full round
 *   (FERRY_FULL_ROUND_HOURS, here 4 s: long enough that the steps before it finish well inside it even
 *   on a loaded machine) heals it through the reset rule.
 */
const fullRoundInSeconds = 4;

describe('the immutable-id move miss (mgdc#72)', () => {
  let stack: Stack;
  const upn = 'bob@contoso.test';
  beforeAll(async () => {
    stack = await startStack({ env: { FERRY_FULL_ROUND_HOURS: String(fullRoundInSeconds / 3600) }, sim: { flags: { immutableIdMoveMiss: true } } });
  });
  afterAll(() => stack.close());

  async function setUp() {
    const token = await stack.token(upn);
    const inbox = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id as string;
    const archive = (await stack.graph('GET', '/me/mailFolders/archive', upn)).body.id as string;
    const device = stackDevice(stack, token);
    /** One sync of the inbox to `more: false`: its answers. */
    const sync = () => device.syncMail(inbox, { window: 200 });
    const roundStartedAt = Date.now();
    await sync();
    const replica = device.device.mail.get(inbox)!.replica;
    const id = [...replica.items.keys()][0]!;
    const path = `/me/messages/${encodeURIComponent(id)}`;
    const moveTo = (destinationId: string) => stack.graph('POST', `${path}/move`, upn, { destinationId });
    const inFolder = () => new Set(stack.sim.state.mailbox(upn)!.messages(inbox).map((m) => String(m.id)));
    return { inbox, archive, sync, replica, id, moveTo, inFolder, roundStartedAt };
  }

  it('moved out and back between two syncs: Ferry finds it still in the folder and sends it as an upsert in the same answer', async () => {
    const { inbox, archive, sync, replica, id, moveTo, inFolder } = await setUp();
    const misses = stack.sim.state.moveMisses(upn).outAndBack;
    await moveTo(archive);
    await moveTo(inbox);
    stack.sim.state.resetStats();
    const answers = await sync();
    // Graph said `@removed` (the miss happened) ...
    expect(stack.sim.state.moveMisses(upn).outAndBack).toBe(misses + 1);
    // ... and the device got the message back in that very answer, with no full round.
    expect(answers).toEqual([expect.objectContaining({ reset: false, more: false, removed: [], upserts: [expect.objectContaining({ id })] })]);
    expect(replica.items.has(id)).toBe(true);
    expect(new Set(replica.items.keys())).toEqual(inFolder());
    // The cost: one $batch beside the delta call, with one GET per removed id and the folder's own id.
    expect(stack.sim.state.stats.byOperation).toEqual({ 'messages.delta': 1, batch: 1, 'messages.get': 1, 'mailFolders.get': 1 });
  });

  it('the same when the device names the folder by its well-known name (`inbox`): the check compares with the folder\'s own id', async () => {
    const { archive, id, moveTo, inFolder } = await setUp();
    const device = stackDevice(stack, await stack.token(upn));
    await device.syncMail('inbox', { window: 200 });
    const replica = device.device.mail.get('inbox')!.replica;
    expect(replica.items.has(id)).toBe(true);
    await moveTo(archive);
    await moveTo(await stack.graph('GET', '/me/mailFolders/inbox', upn).then((r) => r.body.id as string));
    const answers = await device.syncMail('inbox', { window: 200 });
    expect(answers.flatMap((a) => a.removed)).not.toContain(id);
    expect(answers.flatMap((a) => a.upserts.map((u) => u.id))).toContain(id);
    expect(new Set(replica.items.keys())).toEqual(inFolder());
  });

  it('moved out, synced, then moved back: the delta never reports it, the periodic full round brings it back', async () => {
    const { inbox, archive, sync, replica, id, moveTo, inFolder, roundStartedAt } = await setUp();
    const misses = stack.sim.state.moveMisses(upn).movedBack;
    await moveTo(archive);
    expect((await sync()).map((answer) => answer.removed)).toEqual([[id]]);
    expect(replica.items.has(id)).toBe(false);
    await moveTo(inbox);
    expect((await sync()).map((answer) => answer.reset)).toEqual([false]);
    // The miss, as reported: the message is back in the folder but the delta did not say so.
    expect(stack.sim.state.moveMisses(upn).movedBack).toBe(misses + 1);
    expect(replica.items.has(id)).toBe(false);

    // The state keeps whole seconds: one more second covers the rounding.
    const fullRoundDueIn = roundStartedAt + (fullRoundInSeconds + 1) * 1000 - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fullRoundDueIn)));
    const resets = (await sync()).map((answer) => answer.reset);
    expect(resets[0]).toBe(true);
    expect(replica.items.has(id)).toBe(true);
    expect(new Set(replica.items.keys())).toEqual(inFolder());
  });
});
