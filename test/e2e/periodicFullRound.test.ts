import { startStack, type Stack } from '../helpers/startStack';
import { SyncReplica } from '../device/syncReplica';
import { mailSyncResponse, type Message } from '../../shared/protocol/schemas/mail';

/**
 * Graph documents that delta with immutable ids can miss a message moved out of a folder and back in.
 * The periodic full round (FERRY_FULL_ROUND_HOURS, here about a second) heals such a miss through the
 * reset rule. The simulator reproduces the miss behind its `immutableIdMoveMiss` flag.
 */
describe('periodic full round', () => {
  let stack: Stack;
  const upn = 'bob@contoso.test';
  beforeAll(async () => {
    stack = await startStack({ env: { FERRY_FULL_ROUND_HOURS: String(0.8 / 3600) }, sim: { flags: { immutableIdMoveMiss: true } } });
  });
  afterAll(() => stack.close());

  it('recovers a message Graph\'s delta missed after it moved out and back in', async () => {
    const token = await stack.token(upn);
    const inbox = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id as string;
    const archive = (await stack.graph('GET', '/me/mailFolders/archive', upn)).body.id as string;
    const replica = new SyncReplica<Message>();
    const sync = async () => {
      const resets: boolean[] = [];
      for (let i = 0; i < 20; i++) {
        const answer = await stack.call('mail/sync', { folderId: inbox, window: 200, ...(replica.state ? { state: replica.state } : {}) }, token);
        expect(answer.status).toBe(200);
        const parsed = mailSyncResponse.parse(answer.body);
        replica.apply(parsed);
        resets.push(parsed.reset);
        if (!parsed.more) return resets;
      }
      throw new Error('sync did not finish');
    };
    await sync();
    const id = [...replica.items.keys()][0]!;
    const path = `/me/messages/${encodeURIComponent(id)}`;
    await stack.graph('POST', `${path}/move`, upn, { destinationId: archive });
    await sync();
    expect(replica.items.has(id)).toBe(false);
    await stack.graph('POST', `${path}/move`, upn, { destinationId: inbox });
    expect(await sync()).toEqual([false]);
    // The miss, as Graph documents it: the message is back in the folder but the delta did not say so.
    expect(replica.items.has(id)).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const resets = await sync();
    expect(resets[0]).toBe(true);
    expect(replica.items.has(id)).toBe(true);
    expect(new Set(replica.items.keys())).toEqual(new Set(stack.sim.state.mailbox(upn)!.messages(inbox).map((m) => String(m.id))));
  });
});
