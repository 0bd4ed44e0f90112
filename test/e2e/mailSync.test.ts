import { startStack, type Stack } from '../helpers/startStack';
import { SyncReplica, type SyncAnswer } from '../device/syncReplica';
import { mailSyncResponse, mailGetResponse, type Message } from '../../shared/protocol/schemas/mail';

describe('mail/sync and mail/get', () => {
  let stack: Stack;
  let alice: string;
  let inboxId: string;
  const upn = 'alice@contoso.test';

  async function syncAll(token: string, replica: SyncReplica<Message>, body: Record<string, unknown>) {
    const answers: SyncAnswer<Message>[] = [];
    for (let i = 0; i < 100; i++) {
      const { status, body: answer } = await stack.call('mail/sync', { ...body, ...(replica.state ? { state: replica.state } : {}) }, token);
      expect(status).toBe(200);
      const parsed = mailSyncResponse.parse(answer) as SyncAnswer<Message>;
      replica.apply(parsed);
      answers.push(parsed);
      if (!parsed.more) return answers;
    }
    throw new Error('mail/sync did not finish');
  }

  beforeAll(async () => {
    stack = await startStack();
    alice = await stack.token(upn);
    inboxId = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id;
  });
  afterAll(() => stack.close());

  it('syncs a whole folder newest first, within the window, and then has nothing new', async () => {
    const replica = new SyncReplica<Message>();
    const answers = await syncAll(alice, replica, { folderId: inboxId, window: 40 });
    const graphIds = stack.sim.state.mailbox(upn)!.messages(inboxId).map((m) => String(m.id));
    expect(new Set(replica.items.keys())).toEqual(new Set(graphIds));
    expect(answers[0]!.reset).toBe(true);
    for (const answer of answers) expect(answer.upserts.length + answer.removed.length).toBeLessThanOrEqual(40);
    const first = answers[0]!.upserts.map((m) => m.receivedAt!);
    expect([...first].sort().reverse()).toEqual(first);
    const newestInFolder = stack.sim.state.mailbox(upn)!.messages(inboxId).map((m) => String(m.receivedDateTime)).sort().reverse()[0];
    expect(first[0]).toBe(newestInFolder);
    expect([...replica.items.values()].every((m) => m.body === undefined)).toBe(true);

    const again = await syncAll(alice, replica, { folderId: inboxId });
    expect(again).toEqual([expect.objectContaining({ more: false, reset: false, upserts: [], removed: [] })]);
  });

  it('limits a first round with since, and refuses since together with state', async () => {
    const messages = stack.sim.state.mailbox(upn)!.messages(inboxId) as unknown as Array<{ receivedDateTime: string }>;
    const since = [...messages].map((m) => m.receivedDateTime).sort().reverse()[9]!;
    const replica = new SyncReplica<Message>();
    await syncAll(alice, replica, { folderId: inboxId, since, window: 200 });
    expect(replica.items.size).toBe(messages.filter((m) => m.receivedDateTime >= since).length);
    expect([...replica.items.values()].every((m) => m.receivedAt! >= since)).toBe(true);
    const answer = await stack.call('mail/sync', { folderId: inboxId, state: replica.state, since }, alice);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('bad_request');
  });

  it('shapes bodies: text and html cut to maxChars, never longer, flagged as truncated', async () => {
    for (const type of ['text', 'html'] as const) {
      const replica = new SyncReplica<Message>();
      await syncAll(alice, replica, { folderId: inboxId, window: 200, body: { type, maxChars: 120 } });
      const bodies = [...replica.items.values()].map((m) => m.body!);
      expect(bodies.every((b) => b.type === type && b.content.length <= 120 && b.content.isWellFormed())).toBe(true);
      expect(bodies.some((b) => b.truncated)).toBe(true);
    }
  });

  it('reports changes made through Graph: arrivals, read/flag/category updates, moves and deletes', async () => {
    const replica = new SyncReplica<Message>();
    await syncAll(alice, replica, { folderId: inboxId, window: 200 });
    const [a, b, c, d] = [...replica.items.keys()];
    const archiveId = (await stack.graph('GET', '/me/mailFolders/archive', upn)).body.id;
    await stack.graph('PATCH', `/me/messages/${encodeURIComponent(a!)}`, upn, { isRead: true, flag: { flagStatus: 'flagged' }, categories: ['Blue'] });
    await stack.graph('POST', `/me/messages/${encodeURIComponent(b!)}/move`, upn, { destinationId: archiveId });
    await stack.graph('DELETE', `/me/messages/${encodeURIComponent(c!)}`, upn);
    await stack.graph('PATCH', `/me/messages/${encodeURIComponent(d!)}`, upn, { isRead: false });
    const arrived = stack.sim.state.simulateArrival(upn, { folder: 'inbox', subject: 'New arrival' });
    await syncAll(alice, replica, { folderId: inboxId, window: 200 });
    expect(replica.items.get(a!)).toMatchObject({ read: true, flag: 'flagged', categories: ['Blue'] });
    expect(replica.items.has(b!)).toBe(false);
    expect(replica.items.has(c!)).toBe(false);
    expect(replica.items.get(d!)?.read).toBe(false);
    expect(replica.items.get(arrived)?.subject).toBe('New arrival');

    const archive = new SyncReplica<Message>();
    await syncAll(alice, archive, { folderId: archiveId, window: 200 });
    expect(archive.items.get(b!)?.folderId).toBe(archiveId);
  });

  it('answers folder_not_found for a folder that does not exist', async () => {
    const created = (await stack.graph('POST', '/me/mailFolders', upn, { displayName: 'Short-lived' })).body;
    await stack.graph('DELETE', `/me/mailFolders/${encodeURIComponent(created.id)}`, upn);
    const answer = await stack.call('mail/sync', { folderId: created.id }, alice);
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('folder_not_found');
  });

  it('mail/get returns the whole message with attachment metadata; unknown ids are not_found', async () => {
    const withAttachment = (stack.sim.state.mailbox(upn)!.messages() as unknown as Array<{ id: string; hasAttachments: boolean }>).find((m) => m.hasAttachments)!;
    const answer = await stack.call('mail/get', { id: withAttachment.id, body: { type: 'html' } }, alice);
    expect(answer.status).toBe(200);
    const { message } = mailGetResponse.parse(answer.body);
    expect(message.body).toMatchObject({ type: 'html', truncated: false });
    expect(message.attachments.length).toBeGreaterThan(0);
    const graphAttachments = stack.sim.state.mailbox(upn)!.attachments(withAttachment.id) as unknown as Array<{ id: string; name: string; size: number }>;
    expect(message.attachments.map((x) => x.name).sort()).toEqual(graphAttachments.map((x) => x.name).sort());
    expect(Array.isArray(message.bcc) && Array.isArray(message.replyTo)).toBe(true);

    const missing = await stack.call('mail/get', { id: withAttachment.id.slice(0, -6) + 'AAAAAA' }, alice);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
  });
});
