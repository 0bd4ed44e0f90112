import { findUser, devTenants } from '../../dev/directory';
import { mailSyncCommand } from '../../shared/commands/mailSync';
import { parseStateKeys } from '../../shared/secrets/parseStateKeys';
import { openState, sealState } from '../../shared/state/stateToken';
import { smallMailboxes } from '../helpers/graphSimHarness';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * A delta link issued without `Prefer: IdType="ImmutableId"` and followed with it: Exchange refuses the
 * sync state with `SyncStateInvalid` (https://github.com/alcionai/corso/pull/3176, status UNVERIFIED;
 * the simulator answers 400). Ferry always asks for immutable ids, but a state from before that (or a
 * link Graph minted otherwise) must restart the round like a 410, not wedge the device.
 */
describe('a delta link of the other id type', () => {
  let stack: Stack;
  const upn = 'alice@contoso.test';
  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: smallMailboxes } });
  });
  afterAll(() => stack.close());

  it('restarts the round (reset: true) with immutable ids, and the device converges', async () => {
    const token = await stack.token(upn);
    const inboxId = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id as string;
    const request = { folderId: inboxId, window: 200, body: { type: 'none' } };
    const first = await stack.call('mail/sync', request, token);
    expect([first.status, first.body.more]).toEqual([200, false]);

    // The same folder's delta link, as a client that does not ask for immutable ids gets it.
    let answer = await stack.graph('GET', `/me/mailFolders/${encodeURIComponent(inboxId)}/messages/delta?$select=id`, upn);
    const restIds: string[] = answer.body.value.map((m: { id: string }) => m.id);
    while (answer.body['@odata.nextLink']) {
      answer = await stack.graph('GET', answer.body['@odata.nextLink'].slice(`${stack.sim.url}/v1.0`.length), upn);
      restIds.push(...answer.body.value.map((m: { id: string }) => m.id));
    }
    const restLink = (answer.body['@odata.deltaLink'] as string).slice(stack.sim.url.length);
    expect(restIds.length).toBeGreaterThan(0);
    expect(restIds.every((id) => id.startsWith('AAMkA'))).toBe(true);

    // A state carrying that link, sealed with the stack's own keys for alice and this folder.
    const user = findUser(upn)!;
    const binding = { tid: devTenants.find((t) => t.name === user.tenant)!.tid, oid: user.oid, collection: `mail:${inboxId}` };
    const ring = parseStateKeys(process.env.FERRY_STATE_KEYS!);
    const payload = openState(first.body.state, binding, ring, mailSyncCommand.stateSchema);
    const state = sealState({ ...payload, link: restLink, inRound: false }, binding, ring, mailSyncCommand.stateSchema);

    const again = await stack.call('mail/sync', { ...request, state }, token);
    expect(again.status).toBe(200);
    expect(again.body.reset).toBe(true);
    const ids = (again.body.upserts as Array<{ id: string }>).map((m) => m.id).sort();
    expect(ids).toEqual(stack.sim.state.mailbox(upn)!.messages(inboxId).map((m) => String(m.id)).sort());
  });
});
