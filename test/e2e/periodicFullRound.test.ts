import { startStack, type Stack } from '../helpers/startStack';
import { stackDevice } from './stackDevice';

/**
 * Graph documents that delta with immutable ids can miss a message moved out of a folder and back in.
 * The periodic full round (FERRY_FULL_ROUND_HOURS, here 4 s: long enough that the steps before it
 * finish well inside it even on a loaded machine) heals such a miss through the reset rule. The simulator reproduces the miss behind its `immutableIdMoveMiss` flag.
 */
const fullRoundInSeconds = 4;

describe('periodic full round', () => {
  let stack: Stack;
  const upn = 'bob@contoso.test';
  beforeAll(async () => {
    stack = await startStack({ env: { FERRY_FULL_ROUND_HOURS: String(fullRoundInSeconds / 3600) }, sim: { flags: { immutableIdMoveMiss: true } } });
  });
  afterAll(() => stack.close());

  it('recovers a message Graph\'s delta missed after it moved out and back in', async () => {
    const token = await stack.token(upn);
    const inbox = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id as string;
    const archive = (await stack.graph('GET', '/me/mailFolders/archive', upn)).body.id as string;
    const device = stackDevice(stack, token);
    /** One sync of the inbox to `more: false`: each answer's `reset`. */
    const sync = async () => (await device.syncMail(inbox, { window: 200 })).map((answer) => answer.reset);
    const roundStartedAt = Date.now();
    await sync();
    const replica = device.device.mail.get(inbox)!.replica;
    const id = [...replica.items.keys()][0]!;
    const path = `/me/messages/${encodeURIComponent(id)}`;
    await stack.graph('POST', `${path}/move`, upn, { destinationId: archive });
    await sync();
    expect(replica.items.has(id)).toBe(false);
    await stack.graph('POST', `${path}/move`, upn, { destinationId: inbox });
    expect(await sync()).toEqual([false]);
    // The miss, as Graph documents it: the message is back in the folder but the delta did not say so.
    expect(replica.items.has(id)).toBe(false);

    // The state keeps whole seconds: one more second covers the rounding.
    const fullRoundDueIn = roundStartedAt + (fullRoundInSeconds + 1) * 1000 - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fullRoundDueIn)));
    const resets = await sync();
    expect(resets[0]).toBe(true);
    expect(replica.items.has(id)).toBe(true);
    expect(new Set(replica.items.keys())).toEqual(new Set(stack.sim.state.mailbox(upn)!.messages(inbox).map((m) => String(m.id))));
  });
});
