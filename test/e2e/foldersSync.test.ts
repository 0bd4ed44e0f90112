import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary, isFerryRequest } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';
import type { SyncReplica } from '../device/syncReplica';
import type { Folder } from '../../shared/protocol/schemas/folders';
import { stackDevice } from './stackDevice';

/** The visible folder tree as Graph shows it, in the device's form (by id). */
async function graphTree(stack: Stack, upn: string): Promise<Map<string, { name: string; parentId: string | null }>> {
  const root = (await stack.graph('GET', '/me/mailFolders/msgfolderroot', upn)).body.id as string;
  const tree = new Map<string, { name: string; parentId: string | null }>();
  const walk = async (parentId: string) => {
    const list = await stack.graph('GET', `/me/mailFolders/${encodeURIComponent(parentId)}/childFolders?$top=100`, upn);
    for (const folder of list.body.value) {
      tree.set(folder.id, { name: folder.displayName, parentId: parentId === root ? null : parentId });
      if (folder.childFolderCount > 0) await walk(folder.id);
    }
  };
  await walk(root);
  return tree;
}

function replicaTree(replica: SyncReplica<Folder>) {
  return new Map([...replica.items.values()].map((f) => [f.id, { name: f.name, parentId: f.parentId }]));
}

describe('folders/sync', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack();
    requestRecorder.start();
    token = await stack.token('alice@contoso.test');
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });

  it('returns the full tree, nested folders included, with well-known kinds, then nothing new', async () => {
    const device = stackDevice(stack, token);
    const replica = device.device.folders;
    const answers = await device.syncFolders();
    expect(answers[0]!.reset).toBe(true);
    expect(answers.slice(1).every((a) => !a.reset)).toBe(true);
    expect(replicaTree(replica)).toEqual(await graphTree(stack, 'alice@contoso.test'));
    const kinds = [...replica.items.values()].map((f) => f.kind);
    for (const kind of ['inbox', 'drafts', 'sent', 'deleted', 'junk', 'archive', 'outbox']) expect(kinds).toContain(kind);
    expect([...replica.items.values()].some((f) => f.parentId !== null && replica.items.get(f.parentId)?.parentId !== null)).toBe(true);
    const inbox = [...replica.items.values()].find((f) => f.kind === 'inbox')!;
    expect(inbox.total).toBeGreaterThan(0);

    const again = await device.syncFolders();
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ more: false, reset: false, upserts: [], removed: [] });
  });

  it('reports exactly the folders created, renamed, moved and deleted since the last sync', async () => {
    const upn = 'bob@contoso.test';
    const bob = await stack.token(upn);
    const device = stackDevice(stack, bob);
    const replica = device.device.folders;
    await device.syncFolders();
    const inboxId = [...replica.items.values()].find((f) => f.kind === 'inbox')!.id;

    const created = (await stack.graph('POST', '/me/mailFolders', upn, { displayName: 'Trips' })).body;
    const nested = (await stack.graph('POST', `/me/mailFolders/${encodeURIComponent(created.id)}/childFolders`, upn, { displayName: 'Lisbon' })).body;
    const victim = (await stack.graph('POST', `/me/mailFolders/${encodeURIComponent(inboxId)}/childFolders`, upn, { displayName: 'Old' })).body;
    await device.syncFolders();
    expect(replica.items.get(nested.id)).toMatchObject({ name: 'Lisbon', parentId: created.id, kind: 'other' });

    await stack.graph('PATCH', `/me/mailFolders/${encodeURIComponent(created.id)}`, upn, { displayName: 'Travel' });
    await stack.graph('DELETE', `/me/mailFolders/${encodeURIComponent(victim.id)}`, upn);
    await stack.graph('POST', `/me/mailFolders/${encodeURIComponent(nested.id)}/move`, upn, { destinationId: inboxId });
    const answers = await device.syncFolders();
    const upserted = answers.flatMap((a) => a.upserts.map((f) => f.id));
    const removed = answers.flatMap((a) => a.removed);
    expect(upserted).toContain(created.id);
    expect(removed).toContain(victim.id);
    expect(upserted).toContain(nested.id);
    expect(replica.items.get(created.id)?.name).toBe('Travel');
    expect(replica.items.get(nested.id)?.parentId).toBe(inboxId);
    expect(replicaTree(replica)).toEqual(await graphTree(stack, upn));
  });

  it('leaves hidden folders out and reports a folder that becomes hidden as removed', async () => {
    const upn = 'bob@contoso.test';
    const bob = await stack.token(upn);
    const device = stackDevice(stack, bob);
    const replica = device.device.folders;
    await device.syncFolders();
    const visible = (await stack.graph('POST', '/me/mailFolders', upn, { displayName: 'Soon hidden' })).body;
    await device.syncFolders();
    expect(replica.items.has(visible.id)).toBe(true);
    stack.sim.state.setFolderHidden(upn, visible.id, true);
    const answers = await device.syncFolders();
    expect(answers.flatMap((a) => a.removed)).toContain(visible.id);
    const all = await stack.graph('GET', '/me/mailFolders?includeHiddenFolders=true&$top=100', upn);
    const hidden = all.body.value.filter((f: { isHidden: boolean }) => f.isHidden).map((f: { id: string }) => f.id);
    expect(hidden.length).toBeGreaterThan(0);
    for (const id of hidden) expect(replica.items.has(id)).toBe(false);
  });

  it('walks childFolders when the delta returns only the top level', async () => {
    stack.sim.state.setFlags({ folderDeltaTopLevelOnly: true });
    try {
      const device = stackDevice(stack, await stack.token('alice@contoso.test'));
      await device.syncFolders();
      expect(replicaTree(device.device.folders)).toEqual(await graphTree(stack, 'alice@contoso.test'));
    } finally {
      stack.sim.state.setFlags({ folderDeltaTopLevelOnly: false });
    }
  });

  it('starts a reset round when Graph expired the delta token, and converges', async () => {
    const device = stackDevice(stack, token);
    const replica = device.device.folders;
    await device.syncFolders();
    const gone = (await stack.graph('POST', '/me/mailFolders', 'alice@contoso.test', { displayName: 'Gone while away' })).body;
    await device.syncFolders();
    await stack.graph('DELETE', `/me/mailFolders/${encodeURIComponent(gone.id)}`, 'alice@contoso.test');
    stack.sim.state.expireDeltaTokens();
    const answers = await device.syncFolders();
    expect(answers[0]!.reset).toBe(true);
    expect(replica.items.has(gone.id)).toBe(false);
    expect(replicaTree(replica)).toEqual(await graphTree(stack, 'alice@contoso.test'));
  });

  // Issue 13, point 6: whether Graph's folder delta reports a change of counts alone is UNVERIFIED.
  it.each([false, true])('keeps unread and total fresh (folderCountsStale: %s), at two Graph calls per incremental round', async (folderCountsStale) => {
    stack.sim.state.setFlags({ folderCountsStale });
    try {
      const upn = 'alice@contoso.test';
      const device = stackDevice(stack, token);
      await device.syncFolders();
      const view = () => stack.sim.state.mailbox(upn)!;
      const inbox = view().folder('inbox')!;
      const message = view().messages('inbox')[0]!;
      await stack.graph('PATCH', `/me/messages/${encodeURIComponent(message.id as string)}`, upn, { isRead: !message.isRead });
      stack.sim.state.simulateArrival(upn, { folder: 'inbox', isRead: false });
      const before = requestRecorder.entries().length;
      const answers = await device.syncFolders();
      expect(answers).toHaveLength(1);
      expect(device.device.folders.items.get(inbox.id as string)).toMatchObject({ unread: view().folder('inbox')!.unreadItemCount, total: view().folder('inbox')!.totalItemCount });
      // The deltaLink and the listing: one Graph call more than the delta alone.
      expect(requestRecorder.entries().slice(before).filter(isFerryRequest)).toHaveLength(2);
    } finally {
      stack.sim.state.setFlags({ folderCountsStale: false });
    }
  });

  // Runs last: every Graph call the tests above made Ferry send.
  it('sent Prefer: IdType="ImmutableId" with every Graph request, $batch item and followed link', () => {
    const { problems, kinds } = ferryRequestSummary(requestRecorder.entries());
    expect(problems).toEqual([]);
    expect(Object.entries(kinds).filter(([, count]) => count === 0)).toEqual([]);
  });
});
