import { isDeepStrictEqual } from 'node:util';
import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { ferryRequestSummary } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';
import { mailGetResponse, mailSyncResponse } from '../../shared/protocol/schemas/mail';
import { stackDevice } from './stackDevice';
import { htmlMarkupAllowance } from '../../shared/translate/shapeBody';
import { browserView } from '../unit/translate/browserOracle';

/** Message fields a mail/sync answer leaves out at these values (the schema's defaults). */
const wireDefaults: Record<string, unknown> = { cc: [], categories: [], flag: 'none', importance: 'normal', hasAttachments: false, 'body.truncated': false };

describe('mail/sync and mail/get', () => {
  let stack: Stack;
  let alice: string;
  let inboxId: string;
  const upn = 'alice@contoso.test';

  beforeAll(async () => {
    stack = await startStack();
    requestRecorder.start();
    alice = await stack.token(upn);
    inboxId = (await stack.graph('GET', '/me/mailFolders/inbox', upn)).body.id;
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });

  it('syncs a whole folder newest first, within the window, and then has nothing new', async () => {
    const device = stackDevice(stack, alice);
    const answers = await device.syncMail(inboxId, { window: 40, maxCalls: 100 });
    const replica = device.device.mail.get(inboxId)!.replica;
    const graphIds = stack.sim.state.mailbox(upn)!.messages(inboxId).map((m) => String(m.id));
    expect(new Set(replica.items.keys())).toEqual(new Set(graphIds));
    expect(answers[0]!.reset).toBe(true);
    for (const answer of answers) expect(answer.upserts.length + answer.removed.length).toBeLessThanOrEqual(40);
    const first = answers[0]!.upserts.map((m) => m.receivedAt!);
    expect([...first].sort().reverse()).toEqual(first);
    const newestInFolder = stack.sim.state.mailbox(upn)!.messages(inboxId).map((m) => String(m.receivedDateTime)).sort().reverse()[0];
    expect(first[0]).toBe(newestInFolder);
    expect([...replica.items.values()].every((m) => m.body === undefined)).toBe(true);

    const again = await device.syncMail(inboxId, { maxCalls: 100 });
    expect(again).toEqual([expect.objectContaining({ more: false, reset: false, upserts: [], removed: [] })]);
  });

  it('limits a first round with since, and refuses since together with state', async () => {
    const messages = stack.sim.state.mailbox(upn)!.messages(inboxId) as unknown as Array<{ receivedDateTime: string }>;
    const since = [...messages].map((m) => m.receivedDateTime).sort().reverse()[9]!;
    const device = stackDevice(stack, alice);
    await device.syncMail(inboxId, { since, window: 200, maxCalls: 100 });
    const replica = device.device.mail.get(inboxId)!.replica;
    expect(replica.items.size).toBe(messages.filter((m) => m.receivedDateTime >= since).length);
    expect([...replica.items.values()].every((m) => m.receivedAt! >= since)).toBe(true);
    // Raw: a request a device never sends (since with state), for its 400.
    const answer = await stack.call('mail/sync', { folderId: inboxId, state: replica.state, since }, alice);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('bad_request');
  });

  it('shapes bodies: text cut to maxChars, html to maxChars of the text a reader sees (markup within the allowance), flagged as truncated', async () => {
    for (const type of ['text', 'html'] as const) {
      const device = stackDevice(stack, alice);
      await device.syncMail(inboxId, { window: 200, body: { type, maxChars: 120 }, maxCalls: 100 });
      const replica = device.device.mail.get(inboxId)!.replica;
      const bodies = [...replica.items.values()].map((m) => m.body!);
      const within = (b: { content: string }) =>
        type === 'text' ? b.content.length <= 120 : browserView(b.content).visibleText.length <= 120 && b.content.length <= 120 + htmlMarkupAllowance;
      expect(bodies.every((b) => b.type === type && within(b) && b.content.isWellFormed())).toBe(true);
      expect(bodies.some((b) => b.truncated)).toBe(true);
    }
  });

  it('reports changes made through Graph: arrivals, read/flag/category updates, moves and deletes', async () => {
    const device = stackDevice(stack, alice);
    await device.syncMail(inboxId, { window: 200, maxCalls: 100 });
    const replica = device.device.mail.get(inboxId)!.replica;
    const [a, b, c, d] = [...replica.items.keys()];
    const archiveId = (await stack.graph('GET', '/me/mailFolders/archive', upn)).body.id;
    await stack.graph('PATCH', `/me/messages/${encodeURIComponent(a!)}`, upn, { isRead: true, flag: { flagStatus: 'flagged' }, categories: ['Blue'] });
    await stack.graph('POST', `/me/messages/${encodeURIComponent(b!)}/move`, upn, { destinationId: archiveId });
    await stack.graph('DELETE', `/me/messages/${encodeURIComponent(c!)}`, upn);
    await stack.graph('PATCH', `/me/messages/${encodeURIComponent(d!)}`, upn, { isRead: false });
    const arrived = stack.sim.state.simulateArrival(upn, { folder: 'inbox', subject: 'New arrival' });
    await device.syncMail(inboxId, { window: 200, maxCalls: 100 });
    expect(replica.items.get(a!)).toMatchObject({ read: true, flag: 'flagged', categories: ['Blue'] });
    expect(replica.items.has(b!)).toBe(false);
    expect(replica.items.has(c!)).toBe(false);
    expect(replica.items.get(d!)?.read).toBe(false);
    expect(replica.items.get(arrived)?.subject).toBe('New arrival');

    await device.syncMail(archiveId, { window: 200, maxCalls: 100 });
    const archive = device.device.mail.get(archiveId)!.replica;
    expect(archive.items.has(b!)).toBe(true);
  });

  it('sends mail/sync messages without their folder and without fields at their default; mail/get keeps the folder', async () => {
    // Raw: the bytes on the wire, before a device's parse fills the defaults in.
    const answer = await stack.call('mail/sync', { folderId: inboxId, window: 200, body: { type: 'text', maxChars: 100_000 } }, alice);
    expect(answer.status).toBe(200);
    const upserts = answer.body.upserts as Array<Record<string, unknown> & { body?: Record<string, unknown> }>;
    const sent = upserts.flatMap((m) => [...Object.entries(m), ...Object.entries(m.body ?? {}).map(([key, value]) => [`body.${key}`, value] as const)]);
    expect(sent.filter(([key, value]) => key === 'folderId' || (Object.hasOwn(wireDefaults, key) && isDeepStrictEqual(value, wireDefaults[key])))).toEqual([]);
    // Not vacuous: parsed, the device has complete messages back, defaults included.
    const parsed = mailSyncResponse.parse(answer.body).upserts;
    expect(parsed.some((m) => m.cc.length === 0 && m.categories.length === 0 && m.flag === 'none' && m.importance === 'normal' && !m.hasAttachments && m.body?.truncated === false)).toBe(true);

    const withAttachment = (stack.sim.state.mailbox(upn)!.messages(inboxId) as unknown as Array<{ id: string; hasAttachments: boolean }>).find((m) => m.hasAttachments)!;
    const get = await stack.call('mail/get', { id: withAttachment.id }, alice);
    expect(get.status).toBe(200);
    expect(get.body.message.folderId).toBe(inboxId);
    expect(get.body.message.body).not.toHaveProperty('truncated');
  });

  it('answers folder_not_found for a folder that does not exist', async () => {
    const created = (await stack.graph('POST', '/me/mailFolders', upn, { displayName: 'Short-lived' })).body;
    await stack.graph('DELETE', `/me/mailFolders/${encodeURIComponent(created.id)}`, upn);
    // Raw: asserts the answer itself (404 folder_not_found); the device would drop the collection silently.
    const answer = await stack.call('mail/sync', { folderId: created.id }, alice);
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('folder_not_found');
  });

  it('mail/get returns the whole message with attachment metadata; unknown ids are not_found', async () => {
    const withAttachment = (stack.sim.state.mailbox(upn)!.messages() as unknown as Array<{ id: string; hasAttachments: boolean }>).find((m) => m.hasAttachments)!;
    // Raw: mail/get is not a sync, and the test asserts its statuses and codes (200, 404 not_found).
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

  // Runs last: every Graph call the tests above made Ferry send.
  it('sent Prefer: IdType="ImmutableId" with every Graph request and followed link', () => {
    const { problems, kinds } = ferryRequestSummary(requestRecorder.entries());
    expect(problems).toEqual([]);
    // No $batch here (mail/sync batches fill-ins of partial items only): folders/sync's suite has them.
    expect([kinds.request, kinds['followed link']].map((count) => count > 0)).toEqual([true, true]);
  });
});
