import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary, isFerryRequest } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';
import { SyncReplica, type SyncAnswer } from '../device/syncReplica';
import type { ContactFolder } from '../../shared/protocol/schemas/contacts';

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

/** The contact folder tree as the simulator holds it, in the device's form. */
function simFolders(stack: Stack, upn: string): Map<string, Omit<ContactFolder, 'id'>> {
  const view = stack.sim.state.contacts(upn)!;
  const defaultFolder = view.defaultFolder();
  const tree = new Map<string, Omit<ContactFolder, 'id'>>([[defaultFolder.id as string, { parentId: null, name: defaultFolder.displayName as string, isDefault: true }]]);
  for (const f of view.folders()) tree.set(f.id as string, { parentId: f.parentFolderId as string, name: f.displayName as string, isDefault: false });
  return tree;
}

const replicaFolders = (replica: SyncReplica<ContactFolder>) => new Map([...replica.items.values()].map(({ id, ...rest }) => [id, rest]));

describe('contacts/folders', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    requestRecorder.start();
  });
  afterAll(async () => {
    const summary = ferryRequestSummary(requestRecorder.entries());
    requestRecorder.stop();
    expect(summary.problems).toEqual([]);
    await stack.close();
  });
  afterEach(() => stack.sim.state.setFlags({ contactsWellKnownNameUnknown: false, contactFolderDeltaTopLevelOnly: false }));

  it('returns the default folder (isDefault, parentId null) and the tree, nested folders included, then nothing new', async () => {
    const token = await stack.token('alice@contoso.test');
    const replica = new SyncReplica<ContactFolder>();
    const answers = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(answers[0]!.reset).toBe(true);
    expect(replicaFolders(replica)).toEqual(simFolders(stack, 'alice@contoso.test'));
    expect([...replica.items.values()].filter((f) => f.isDefault)).toHaveLength(1);
    const again = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(again).toEqual([expect.objectContaining({ more: false, reset: false, upserts: [], removed: [] })]);
  });

  it.each([false, true])('reports exactly the folders created, renamed and deleted since the last round (nested in delta: %s)', async (topLevelOnly) => {
    const upn = 'bob@contoso.test';
    stack.sim.state.setFlags({ contactFolderDeltaTopLevelOnly: topLevelOnly });
    const token = await stack.token(upn);
    const replica = new SyncReplica<ContactFolder>();
    await syncRound(stack, token, 'contacts/folders', {}, replica);
    const top = stack.sim.state.addContactFolder(upn, `Top ${topLevelOnly}`);
    const nested = stack.sim.state.addContactFolder(upn, `Nested ${topLevelOnly}`, top);
    await syncRound(stack, token, 'contacts/folders', {}, replica);
    const family = stack.sim.state.contacts(upn)!.folders().find((f) => f.displayName === 'Family')!.id as string;
    stack.sim.state.renameContactFolder(upn, family, `Family ${topLevelOnly}`);
    const added = stack.sim.state.addContactFolder(upn, `Added ${topLevelOnly}`);
    stack.sim.state.deleteContactFolder(upn, top);
    const round = await syncRound(stack, token, 'contacts/folders', {}, replica);
    expect(round[0]!.reset).toBe(false);
    expect(round.flatMap((a) => a.upserts.map((f) => f.id)).sort()).toEqual([family, added].sort());
    // The nested folder went with its parent; a delta leaving nested folders out does not report it.
    expect(round.flatMap((a) => a.removed).sort()).toEqual((topLevelOnly ? [top] : [top, nested]).sort());
    // A round from nothing rebuilds the whole tree, the nested folders walked when the delta leaves them out.
    const fresh = new SyncReplica<ContactFolder>();
    const deep = stack.sim.state.addContactFolder(upn, `Deep ${topLevelOnly}`, added);
    await syncRound(stack, token, 'contacts/folders', {}, fresh);
    expect(replicaFolders(fresh)).toEqual(simFolders(stack, upn));
    expect(fresh.items.get(deep)).toMatchObject({ parentId: added, isDefault: false });
    stack.sim.state.deleteContactFolder(upn, added);
    stack.sim.state.renameContactFolder(upn, family, 'Family');
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
