import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary, isFerryRequest } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';
import { SyncReplica, type SyncAnswer } from '../device/syncReplica';
import { ReferenceDevice } from '../device/referenceDevice';
import { expectedContactFolders, expectedContacts } from '../device/contactChanges';
import { contactSchema, type Contact, type ContactFolder } from '../../shared/protocol/schemas/contacts';
import { omitDefaults } from '../../shared/protocol/omitDefaults';
import { toDeviceContact } from '../../shared/translate/toDeviceContact';
import { createRandom } from '../../dev/graphSim/core/random';

/** Calls a sync command until `more: false`, applying each answer to `replica`. */
async function syncRound<T extends { id: string }>(stack: Stack, token: string, command: string, body: Record<string, unknown>, replica: SyncReplica<T>): Promise<SyncAnswer<T>[]> {
  const answers: SyncAnswer<T>[] = [];
  for (;;) {
    replica.beginCall();
    const answer = await stack.call<SyncAnswer<T>>(command, { ...body, ...(replica.state ? { state: replica.state } : {}) }, token);
    if (answer.status !== 200) throw new Error(`${command}: ${answer.status} ${JSON.stringify(answer.body)}`);
    replica.apply(answer.body);
    answers.push(answer.body);
    if (!answer.body.more) return answers;
  }
}

const replicaFolders = (replica: SyncReplica<ContactFolder>) => new Map(replica.items);

// One stack for the file (a second one in the same module registry would not register the commands).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  requestRecorder.start();
});
afterAll(async () => {
  const summary = ferryRequestSummary(requestRecorder.entries());
  requestRecorder.stop();
  await stack.close();
  expect(summary.problems).toEqual([]);
  expect(summary.kinds['followed link']).toBeGreaterThan(0);
});

describe('contacts/folders', () => {
  afterEach(() => stack.sim.state.setFlags({ contactsWellKnownNameUnknown: false, contactFolderDeltaTopLevelOnly: false }));

  it('returns the default folder (isDefault, parentId null) and the tree, nested folders included, then nothing new', async () => {
    const token = await stack.token('alice@contoso.test');
    const replica = new SyncReplica<ContactFolder>();
    const answers = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(answers[0]!.reset).toBe(true);
    expect(replicaFolders(replica)).toEqual(expectedContactFolders(stack, 'alice@contoso.test'));
    expect([...replica.items.values()].filter((f) => f.isDefault)).toHaveLength(1);
    const again = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(again).toEqual([expect.objectContaining({ more: false, reset: false, upserts: [], removed: [] })]);
  });

  it.each([false, true])('reports exactly the folders created, renamed and deleted since the last round (delta leaves nested folders out: %s)', async (topLevelOnly) => {
    const upn = 'bob@contoso.test';
    stack.sim.state.setFlags({ contactFolderDeltaTopLevelOnly: topLevelOnly });
    const token = await stack.token(upn);
    const replica = new SyncReplica<ContactFolder>();
    await syncRound(stack, token, 'contacts/folders', {}, replica);
    const top = stack.sim.state.addContactFolder(upn, `Top ${topLevelOnly}`);
    const nested = stack.sim.state.addContactFolder(upn, `Nested ${topLevelOnly}`, top);
    const created = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(replicaFolders(replica)).toEqual(expectedContactFolders(stack, upn));
    // Top-level changes only: a round with exactly those, whichever way the delta treats nested folders.
    const family = stack.sim.state.contacts(upn)!.folders().find((f) => f.displayName === 'Family')!.id as string;
    const other = stack.sim.state.addContactFolder(upn, `Other ${topLevelOnly}`);
    const createdOther = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(createdOther).toEqual([expect.objectContaining({ reset: false, more: false, upserts: [expect.objectContaining({ id: other, parentId: expect.any(String) })], removed: [] })]);
    // A create, a rename and a delete, then one round with exactly those.
    stack.sim.state.renameContactFolder(upn, family, `Family ${topLevelOnly}`);
    const added = stack.sim.state.addContactFolder(upn, `Added ${topLevelOnly}`);
    stack.sim.state.deleteContactFolder(upn, other);
    const topRound = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(topRound[0]!.reset).toBe(false);
    expect(topRound.flatMap((a) => a.upserts.map((f) => [f.id, f.name])).sort()).toEqual([[family, `Family ${topLevelOnly}`], [added, `Added ${topLevelOnly}`]].sort());
    expect(topRound.flatMap((a) => a.removed)).toEqual([other]);
    expect(replicaFolders(replica)).toEqual(expectedContactFolders(stack, upn));
    stack.sim.state.renameContactFolder(upn, family, `Family again ${topLevelOnly}`);
    stack.sim.state.renameContactFolder(upn, added, `Added again ${topLevelOnly}`);
    requestRecorder.clear();
    const renamed = await syncRound(stack, token, 'contacts/folders', {}, replica);
    // Once a delta answer held a nested folder, no round walks the tree; while none did, each round start does.
    const walks = requestRecorder.entries().filter(isFerryRequest).filter((r) => r.path.endsWith('/childFolders')).length;
    if (topLevelOnly) expect(walks).toBeGreaterThan(0);
    else expect(walks).toBe(0);
    expect(renamed[0]!.reset).toBe(false);
    expect(renamed.flatMap((a) => a.upserts.map((f) => [f.id, f.name])).sort()).toEqual([[family, `Family again ${topLevelOnly}`], [added, `Added again ${topLevelOnly}`]].sort());
    expect(renamed.flatMap((a) => a.removed)).toEqual([]);
    // bob's first nested folder: until a delta answer has held a nested folder, Ferry cannot tell whether
    // the delta reports them, sees the nested folders moved (their digest) and starts over either way.
    expect(created[0]!.reset).toBe(true);
    // Later nested changes: in the delta, exactly those; left out of it, another round from nothing.
    const deep = stack.sim.state.addContactFolder(upn, `Deep ${topLevelOnly}`, added);
    stack.sim.state.renameContactFolder(upn, nested, `Nested renamed ${topLevelOnly}`);
    const nestedRound = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(replicaFolders(replica)).toEqual(expectedContactFolders(stack, upn));
    expect(nestedRound[0]!.reset).toBe(topLevelOnly);
    if (!topLevelOnly) expect(nestedRound.flatMap((a) => a.upserts.map((f) => f.id)).sort()).toEqual([deep, nested].sort());
    // The nested folders go with their parent: a delta leaving them out reports the parent only, the next round starts over.
    stack.sim.state.deleteContactFolder(upn, top);
    const deleted = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(replicaFolders(replica)).toEqual(expectedContactFolders(stack, upn));
    expect(replica.items.has(nested)).toBe(false);
    if (!topLevelOnly) expect(deleted).toEqual([expect.objectContaining({ reset: false, upserts: [], removed: expect.arrayContaining([top, nested]) })]);
    // A round from nothing rebuilds the whole tree, the nested folders walked when the delta leaves them out.
    const fresh = new SyncReplica<ContactFolder>();
    await syncRound(stack, token, 'contacts/folders', {}, fresh);
    expect(replicaFolders(fresh)).toEqual(expectedContactFolders(stack, upn));
    expect(fresh.items.get(deep)).toMatchObject({ parentId: added, isDefault: false });
    stack.sim.state.deleteContactFolder(upn, added);
    stack.sim.state.renameContactFolder(upn, family, 'Family');
  });

  it.each([false, true])('sends the default folder in a round Graph sends back to nothing (delta token forgotten; name unknown: %s)', async (nameUnknown) => {
    const upn = 'erin@fabrikam.test';
    stack.sim.state.setFlags({ contactsWellKnownNameUnknown: nameUnknown });
    const token = await stack.token(upn);
    const replica = new SyncReplica<ContactFolder>();
    await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(stack.sim.state.expireDeltaTokens(upn)).toBeGreaterThan(0);
    const round = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(round[0]!.reset).toBe(true);
    expect(round[0]!.upserts.filter((f) => f.isDefault)).toHaveLength(1);
    expect(replicaFolders(replica)).toEqual(expectedContactFolders(stack, upn));
  });

  it('resolves the default folder by its name, else by a contact, else by a top folder, else later', async () => {
    const upn = 'erin@fabrikam.test';
    const token = await stack.token(upn);
    const view = () => stack.sim.state.contacts(upn)!;
    const defaultId = view().defaultFolder().id as string;
    const defaultOf = async () => {
      const replica = new SyncReplica<ContactFolder>();
      await syncRound(stack, token, 'contacts/folders', {}, replica);
      return [...replica.items.values()].filter((f) => f.isDefault);
    };
    const paths = () => requestRecorder.entries().filter(isFerryRequest).map((r) => r.path);
    expect(await defaultOf()).toEqual([{ id: defaultId, parentId: null, name: 'Contacts', isDefault: true }]);

    stack.sim.state.setFlags({ contactsWellKnownNameUnknown: true });
    requestRecorder.clear();
    expect((await defaultOf()).map((f) => f.id)).toEqual([defaultId]);
    expect(paths()).toContain('/me/contacts');

    for (const contact of view().contacts()) stack.sim.state.deleteContact(upn, contact.id as string);
    requestRecorder.clear();
    expect((await defaultOf()).map((f) => f.id)).toEqual([defaultId]);
    expect(paths()).toContain('/me/contactFolders');

    for (const folder of view().folders()) stack.sim.state.deleteContactFolder(upn, folder.id as string);
    const replica = new SyncReplica<ContactFolder>();
    await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(replica.items.size).toBe(0);
    // Nothing names it yet; the next round tries again and sends it once a contact does.
    stack.sim.state.addContact(upn, { displayName: 'First One' });
    const later = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(later[0]!.reset).toBe(false);
    expect([...replica.items.values()]).toEqual([{ id: defaultId, parentId: null, name: 'Contacts', isDefault: true }]);
  });
});

describe('contacts/sync', () => {
  const upn = 'alice@contoso.test';

  /** One folder's contacts as the simulator holds them, through Ferry's translator, in their wire form (defaults left out). */
  const simContacts = (folderId: string) => new Map(stack.sim.state.contacts(upn)!.contacts(folderId).map((c) => [c.id as string, omitDefaults(contactSchema, toDeviceContact(c))]));

  it.each([false, true])('converges every folder under contact creates, updates, deletes and moves (partial updates: %s); a moved contact is in one folder only; no contact text in logs', async (partialUpdates) => {
    stack.sim.state.setFlags({ partialUpdates });
    const token = await stack.token(upn);
    const folders = new SyncReplica<ContactFolder>();
    await syncRound(stack, token, 'contacts/folders', {}, folders);
    const ids = [...folders.items.keys()];
    expect(ids).toHaveLength(4);
    const replicas = new Map(ids.map((id) => [id, new SyncReplica<Contact>()]));
    const syncAll = async () => {
      for (const [folderId, replica] of replicas) await syncRound(stack, token, 'contacts/sync', { folderId, window: 25 }, replica);
    };
    await syncAll();
    for (const [folderId, replica] of replicas) expect(replica.items).toEqual(simContacts(folderId));

    const random = createRandom(partialUpdates ? 20 : 19);
    const secretName = `Zyxwvut Qwertyson${partialUpdates ? 'p' : ''}`;
    stack.secrets.add(secretName);
    for (let change = 0; change < 40; change++) {
      const folderId = random.pick(ids);
      const inFolder = stack.sim.state.contacts(upn)!.contacts(folderId).map((c) => c.id as string);
      const kind = inFolder.length === 0 ? 0 : random.int(4);
      if (kind === 0) stack.sim.state.addContact(upn, { displayName: `${secretName} ${change}`, emailAddresses: [{ name: 'Z', address: `z${change}@example.test` }], birthday: '2001-02-02T22:00:00Z' }, folderId);
      else if (kind === 1) stack.sim.state.updateContact(upn, random.pick(inFolder), { jobTitle: `Title ${change}`, mobilePhone: `+1 555 ${change}` });
      else if (kind === 2) stack.sim.state.deleteContact(upn, random.pick(inFolder));
      else stack.sim.state.moveContact(upn, random.pick(inFolder), random.pick(ids.filter((id) => id !== folderId)));
      if (change % 10 === 9) await syncAll();
    }
    await syncAll();
    for (const [folderId, replica] of replicas) expect(replica.items).toEqual(simContacts(folderId));
    const everywhere = [...replicas.values()].flatMap((r) => [...r.items.keys()]);
    expect(new Set(everywhere).size).toBe(everywhere.length);
    stack.sim.state.setFlags({ partialUpdates: false });
  });

  it('starts a folder over when Graph forgets its delta token (410), and the reset round drops what went meanwhile', async () => {
    const token = await stack.token(upn);
    const folderId = stack.sim.state.contacts(upn)!.folders().find((f) => f.displayName === 'Family')!.id as string;
    const replica = new SyncReplica<Contact>();
    await syncRound(stack, token, 'contacts/sync', { folderId, window: 10 }, replica);
    const [gone] = [...replica.items.keys()];
    stack.sim.state.deleteContact(upn, gone!);
    const added = stack.sim.state.addContact(upn, { displayName: 'After expiry' }, folderId);
    expect(stack.sim.state.expireDeltaTokens(upn)).toBeGreaterThan(0);
    const round = await syncRound(stack, token, 'contacts/sync', { folderId, window: 10 }, replica);
    expect(round[0]!.reset).toBe(true);
    expect(replica.items).toEqual(simContacts(folderId));
    expect(replica.items.has(gone!)).toBe(false);
    expect(replica.items.has(added)).toBe(true);
  });

  it('answers 404 folder_not_found for a folder that is gone, and for a state of it', async () => {
    const token = await stack.token(upn);
    const doomed = stack.sim.state.addContactFolder(upn, 'Doomed');
    stack.sim.state.addContact(upn, { displayName: 'In doomed' }, doomed);
    const first = await stack.call('contacts/sync', { folderId: doomed }, token);
    expect(first.status).toBe(200);
    expect(first.body.upserts).toHaveLength(1);
    stack.sim.state.deleteContactFolder(upn, doomed);
    const again = await stack.call('contacts/sync', { folderId: doomed, state: first.body.state }, token);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('folder_not_found');
    const fresh = await stack.call('contacts/sync', { folderId: doomed }, token);
    expect(fresh.body.code).toBe('folder_not_found');
  });

  it('the reference device follows folder_not_found: drops that folder\'s collection, syncs contacts/folders, and keeps every other folder', async () => {
    const token = await stack.token(upn);
    const device = new ReferenceDevice({ hostUrl: stack.hostUrl, getToken: async () => token });
    const doomed = stack.sim.state.addContactFolder(upn, 'Doomed too');
    stack.sim.state.addContact(upn, { displayName: 'In doomed too' }, doomed);
    await device.syncAllContacts({ window: 200 });
    expect(device.contacts.get(doomed)?.items.size).toBe(1);
    stack.sim.state.deleteContactFolder(upn, doomed);
    device.noticeMailboxChanged();
    expect(await device.syncContacts(doomed)).toBe(0);
    expect(device.contacts.has(doomed)).toBe(false);
    expect(device.contactFolders.items.has(doomed)).toBe(false);
    await device.syncAllContacts({ window: 200 });
    expect(replicaFolders(device.contactFolders)).toEqual(expectedContactFolders(stack, upn));
    for (const [folderId, replica] of device.contacts) expect(replica.items).toEqual(expectedContacts(stack, upn, folderId));
  });

  it('refuses a state of another folder (states are per folder)', async () => {
    const token = await stack.token(upn);
    const view = stack.sim.state.contacts(upn)!;
    const [a, b] = view.folders().map((f) => f.id as string);
    const first = await stack.call('contacts/sync', { folderId: a }, token);
    const crossed = await stack.call('contacts/sync', { folderId: b, state: first.body.state }, token);
    expect(crossed.status).toBe(410);
    expect(crossed.body.code).toBe('sync_state_invalid');
  });
});
