import { startStack, type Stack } from '../helpers/startStack';
import { assertNoMailboxContent } from '../helpers/mailboxContent';
import { stackDevice } from './stackDevice';

/** A value from alice's session used with another user's token never returns alice's data. */
describe('isolation between users and tenants', () => {
  let stack: Stack;
  let alice: string;
  let aliceInbox: string;
  let aliceFoldersState: string;
  let aliceMailState: string;
  let aliceMessageId: string;

  beforeAll(async () => {
    stack = await startStack();
    alice = await stack.token('alice@contoso.test');
    // Alice's own phone syncs; its states and ids are what the other tokens then try.
    const device = stackDevice(stack, alice);
    await device.syncFolders();
    aliceFoldersState = device.device.folders.state!;
    aliceInbox = [...device.device.folders.items.values()].find((f) => f.kind === 'inbox')!.id;
    const mail = await device.syncMailOnce(aliceInbox, { window: 5 });
    aliceMailState = mail.state;
    aliceMessageId = mail.upserts[0]!.id;
  });
  afterAll(() => stack.close());

  describe.each(['bob@contoso.test', 'erin@fabrikam.test'])('with %s\'s token', (other) => {
    let token: string;
    beforeAll(async () => {
      token = await stack.token(other);
    });

    // Raw below: requests a device never sends (another user's state, folder or message id), for their status and code.
    it('alice\'s folder state is 410', async () => {
      const answer = await stack.call('folders/sync', { state: aliceFoldersState }, token);
      expect([answer.status, answer.body.code]).toEqual([410, 'sync_state_invalid']);
    });

    it('alice\'s mail state is 410, before anything is asked of Graph', async () => {
      const before = stack.sim.state.stats.requests;
      const answer = await stack.call('mail/sync', { folderId: aliceInbox, state: aliceMailState }, token);
      expect([answer.status, answer.body.code]).toEqual([410, 'sync_state_invalid']);
      expect(stack.sim.state.stats.requests).toBe(before);
    });

    it('alice\'s folder id is folder_not_found', async () => {
      const answer = await stack.call('mail/sync', { folderId: aliceInbox }, token);
      expect([answer.status, answer.body.code]).toEqual([404, 'folder_not_found']);
      expect(JSON.stringify(answer.body)).not.toContain(aliceMessageId);
    });

    it('alice\'s contact folder and contact ids are folder_not_found and not_found; nothing of hers is written or answered', async () => {
      const contacts = stack.sim.state.contacts('alice@contoso.test')!;
      const folderId = String(contacts.folders()[0]!.id);
      const [contact] = contacts.contacts(folderId);
      const id = String(contact!.id);
      const create = await stack.call('contacts/create', { clientContactId: 'isolation-1', folderId, contact: { displayName: 'Intruder' } }, token);
      expect([create.status, create.body.code]).toEqual([404, 'folder_not_found']);
      const photos = await stack.call('contacts/photos', { folderId, ids: [id] }, token);
      expect([photos.status, photos.body.code]).toEqual([404, 'folder_not_found']);
      const update = await stack.call('contacts/update', { id, folderId, base: { jobTitle: String(contact!.jobTitle ?? '') }, set: { jobTitle: 'Intruder' } }, token);
      expect([update.status, update.body.code]).toEqual([404, 'not_found']);
      const deleted = await stack.call('contacts/delete', { id, folderId }, token);
      expect([deleted.status, deleted.body.code]).toEqual([404, 'not_found']);
      expect(contacts.contact(id)).toEqual(contact);
      expect(contacts.contacts(folderId).some((c) => c.displayName === 'Intruder')).toBe(false);
    });

    it('alice\'s message id is not_found', async () => {
      const answer = await stack.call('mail/get', { id: aliceMessageId }, token);
      expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
    });
  });

  it('alice\'s mail state for one folder does not open for another folder of hers', async () => {
    const sent = (await stack.graph('GET', '/me/mailFolders/sentitems', 'alice@contoso.test')).body.id;
    // Raw: a request a device never sends (one folder's state for another folder), for its 410.
    const answer = await stack.call('mail/sync', { folderId: sent, state: aliceMailState }, alice);
    expect([answer.status, answer.body.code]).toEqual([410, 'sync_state_invalid']);
  });

  it("bob's events never reach alice: calendar/sync and calendar/list carry none of his, calendar/freebusy only status and times", async () => {
    const dayInMs = 24 * 3600 * 1000;
    const window = { start: new Date(Date.now() - 15 * dayInMs).toISOString(), end: new Date(Date.now() + 15 * dayInMs).toISOString() };
    const bobs = stack.sim.state.calendar('bob@contoso.test')!.view(window.start, window.end);
    expect(bobs.length).toBeGreaterThan(0);
    const sync = await stack.call('calendar/sync', { ...window, window: 200 }, alice);
    const list = await stack.call('calendar/list', {}, alice);
    const freeBusy = await stack.call('calendar/freebusy', { addresses: ['bob@contoso.test'], ...window }, alice);
    for (const answer of [sync, list, freeBusy]) {
      expect(answer.status).toBe(200);
      for (const event of bobs) expect(JSON.stringify(answer.body)).not.toContain(String(event.id));
    }
    expect(freeBusy.body.schedules[0].items.length).toBe(bobs.filter((e) => !e.isCancelled).length);
    for (const item of freeBusy.body.schedules[0].items) expect(Object.keys(item).sort()).toEqual(['end', 'start', 'status']);
  });

  it('captures the host\'s logs, and the content check finds a planted leak', () => {
    expect(stack.logs.length).toBeGreaterThan(10);
    assertNoMailboxContent(stack.logs, stack.sim);
    const subject = String(stack.sim.state.mailbox('alice@contoso.test')!.messages('inbox')[0]!.subject);
    expect(() => assertNoMailboxContent([...stack.logs, `{"event":"oops","x":${JSON.stringify(subject)}}`], stack.sim)).toThrow(/leak/);
  });
});
