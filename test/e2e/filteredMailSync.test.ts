import { startStack, type Stack } from '../helpers/startStack';
import { stackDevice } from './stackDevice';

/**
 * mail/sync with `since` over a filtered delta that, as on Exchange (mgdc#9760,
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/pull/9760; the simulator's default),
 * also reports `@removed` and read/unread changes of mail received before `since`: the device never
 * gets an upsert of such mail (Ferry judges it on the complete item, after fill-in of a partial one);
 * removed ids pass (unknown ones are ignored by the device). Run with `filteredDeltaStrict` off and on.
 */
describe('mail/sync with since: changes of older mail (mgdc#9760)', () => {
  let stack: Stack;
  const upn = 'bob@contoso.test';
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  for (const strict of [false, true]) {
    it(`never upserts mail received before since (filteredDeltaStrict ${strict ? 'on' : 'off'})`, async () => {
      stack.sim.state.replaceMailbox({ user: upn, messageCount: 30, folderCount: 0, seed: strict ? 2 : 1 });
      stack.sim.state.setFlags({ filteredDeltaStrict: strict, partialUpdates: true });
      try {
        const view = () => stack.sim.state.mailbox(upn)!;
        const inbox = String(view().folder('inbox')!.id);
        const received = (m: Record<string, unknown>) => String(m.receivedDateTime);
        const since = view().messages(inbox).map(received).sort().reverse()[9]!;
        const older = view().messages(inbox).filter((m) => received(m) < since).map((m) => String(m.id));
        const newer = view().messages(inbox).filter((m) => received(m) >= since).map((m) => String(m.id));
        const device = stackDevice(stack, await stack.token(upn));
        await device.syncMail(inbox, { since, window: 200 });
        const replica = device.device.mail.get(inbox)!.replica;
        expect(new Set(replica.items.keys())).toEqual(new Set(newer));

        const patch = (id: string, body: unknown) => stack.graph('PATCH', `/me/messages/${encodeURIComponent(id)}`, upn, body);
        const readChanged = older.slice(0, 6);
        for (const id of readChanged) await patch(id, { isRead: !view().message(id)!.isRead });
        const deleted = older.slice(6, 9);
        for (const id of deleted) await stack.graph('DELETE', `/me/messages/${encodeURIComponent(id)}`, upn);
        await patch(newer[0]!, { isRead: !view().message(newer[0]!)!.isRead });

        const answers = await device.syncMail(inbox, { window: 200 });
        const upserted = answers.flatMap((answer) => answer.upserts.map((m) => m.id));
        const removed = answers.flatMap((answer) => answer.removed);
        expect(upserted).toEqual([newer[0]]);
        expect(upserted.filter((id) => older.includes(id))).toEqual([]);
        // Removals of older mail pass through when Graph sends them; the device ignores ids it never had.
        expect(new Set(removed)).toEqual(new Set(strict ? [] : deleted));
        expect(new Set(replica.items.keys())).toEqual(new Set(view().messages(inbox).filter((m) => received(m) >= since).map((m) => String(m.id))));
        expect(replica.items.get(newer[0]!)!.read).toBe(view().message(newer[0]!)!.isRead);
      } finally {
        stack.sim.state.setFlags({ filteredDeltaStrict: false, partialUpdates: false });
      }
    });
  }
});
