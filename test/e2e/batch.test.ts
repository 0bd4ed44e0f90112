import http from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { findUser } from '../../dev/directory';
import { deviceCommands } from '../../shared/commands/deviceCommands';
import { isRawCommand } from '../../shared/protocol/commandDefinition';
import { operations } from '../../shared/graph/operations';
import { commandScenarios } from '../helpers/commandScenarios';
import { graphOperationsOf, isFerryRequest } from '../helpers/graphOperationCheck';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * `batch` over the whole stack (issue #21): the envelope is the batch's own (400 for the whole with no
 * Graph call, 413, 415, one 401), each part answers exactly as its command alone would on the same
 * mailbox and state, and a part that fails (its state, its schema, its throttling) fails alone.
 */
const alice = 'alice@contoso.test';
const bob = 'bob@contoso.test';
const dayInMs = 24 * 3600 * 1000;
const calendarWindow = () => ({ start: new Date(Date.now() - 30 * dayInMs).toISOString(), end: new Date(Date.now() + 180 * dayInMs).toISOString() });
const withoutState = (body: Record<string, unknown>) => {
  const { state: _state, ...rest } = body;
  return rest;
};

describe('batch', () => {
  let stack: Stack;
  let token: string;
  let inboxId: string;
  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token(alice);
    const folders = await stack.call('folders/sync', {}, token);
    inboxId = (folders.body.upserts as Array<{ id: string; kind: string }>).find((folder) => folder.kind === 'inbox')!.id;
  });
  afterAll(async () => {
    requestRecorder.stop();
    await stack.close();
  });
  const batch = (requests: unknown, as = token, init?: Parameters<Stack['call']>[3]) => stack.call('batch', { requests }, as, init);
  const graphRequests = () => stack.sim.state.stats.requests;

  it('answers one response per request, in request order, each as the command alone', async () => {
    const alone = await stack.call('mail/sync', { folderId: inboxId, window: 5 }, token);
    const answer = await batch([
      { id: 'cal', command: 'calendar/list', body: {} },
      { id: 'inbox', command: 'mail/sync', body: { folderId: inboxId, window: 5, state: alone.body.state } },
      { id: 'folders', command: 'folders/sync', body: {} },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    expect(answer.headers.get('server-timing')).toContain('total');
    expect(answer.body.responses.map((part: { id: string; status: number }) => [part.id, part.status])).toEqual([['cal', 200], ['inbox', 200], ['folders', 200]]);
    const [cal, inbox, folders] = answer.body.responses;
    // The same commands alone, on the same mailbox and (for mail/sync) the same state.
    expect(cal.body).toEqual((await stack.call('calendar/list', {}, token)).body);
    const inboxAlone = await stack.call('mail/sync', { folderId: inboxId, window: 5, state: alone.body.state }, token);
    expect(withoutState(inbox.body)).toEqual(withoutState(inboxAlone.body));
    expect(withoutState(folders.body)).toEqual(withoutState((await stack.call('folders/sync', {}, token)).body));
    // A state from a batch works alone, and one from alone works in a batch.
    const next = await stack.call('mail/sync', { folderId: inboxId, state: inbox.body.state }, token);
    expect(next.status).toBe(200);
    const again = await batch([{ id: 'i', command: 'mail/sync', body: { folderId: inboxId, state: inboxAlone.body.state } }]);
    expect(again.body.responses[0].status).toBe(200);
  });

  it('a cold launch (folders, inbox by kind, today) keeps within the mailbox\'s four requests in flight: no 429', async () => {
    const erin = await stack.token('erin@fabrikam.test');
    stack.sim.state.resetStats();
    const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
    const launch = await batch([
      { id: 'folders', command: 'folders/sync', body: {} },
      { id: 'inbox', command: 'mail/sync', body: { kind: 'inbox', window: 50, body: { type: 'none' } } },
      { id: 'today', command: 'calendar/sync', body: { start: new Date(today).toISOString(), end: new Date(today + dayInMs).toISOString() } },
    ], erin);
    expect(launch.body.responses.map((part: { status: number }) => part.status)).toEqual([200, 200, 200]);
    expect(stack.sim.state.stats.throttled).toBe(0);
    expect(stack.sim.state.stats.requests).toBeGreaterThanOrEqual(3);
  });

  it('logs one line per batch and one per part: command, status, code, no ids or content', async () => {
    const before = stack.logs.length;
    await batch([{ id: 'secretish-id', command: 'calendar/list', body: {} }, { id: 'two', command: 'folders/sync', body: { state: 'nope' } }]);
    const lines = stack.logs.slice(before).join('\n');
    expect(lines.match(/batch\.part/g)).toHaveLength(2);
    expect(lines.match(/batch\.completed/g)).toHaveLength(1);
    expect(lines).toContain('sync_state_invalid');
    expect(lines).not.toContain('secretish-id');
  });

  it('compresses the whole answer and times it in one Server-Timing', async () => {
    const payload = Buffer.from(JSON.stringify({ requests: [{ id: 'f', command: 'folders/sync', body: {} }, { id: 'm', command: 'mail/sync', body: { folderId: inboxId, window: 20 } }] }));
    const answer = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const request = http.request(`${stack.hostUrl}/api/v1/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(payload.length), 'accept-encoding': 'br' },
      }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(payload);
    });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(String(answer.headers['server-timing'])).toMatch(/total;dur=/);
    const body = JSON.parse(brotliDecompressSync(answer.body).toString('utf8'));
    expect(body.responses.map((part: { id: string; status: number }) => [part.id, part.status])).toEqual([['f', 200], ['m', 200]]);
  });

  it('runs calendar/sync and mail/get as parts, equal to them alone', async () => {
    const first = await stack.call('calendar/sync', { ...calendarWindow(), window: 3 }, token);
    const page = await stack.call('mail/sync', { folderId: inboxId, window: 1 }, token);
    const messageId = page.body.upserts[0].id as string;
    const answer = await batch([
      { id: 'c', command: 'calendar/sync', body: { state: first.body.state } },
      { id: 'm', command: 'mail/get', body: { id: messageId } },
      { id: 'e', command: 'calendar/get', body: { id: first.body.upserts[0].id } },
    ]);
    expect(answer.body.responses.map((part: { status: number }) => part.status)).toEqual([200, 200, 200]);
    const calendarAlone = await stack.call('calendar/sync', { state: first.body.state }, token);
    expect(withoutState(answer.body.responses[0].body)).toEqual(withoutState(calendarAlone.body));
    expect(answer.body.responses[1].body).toEqual((await stack.call('mail/get', { id: messageId }, token)).body);
    expect(answer.body.responses[2].body).toEqual((await stack.call('calendar/get', { id: first.body.upserts[0].id }, token)).body);
  });

  describe('a bad envelope is 400 for the whole, nothing run, no Graph call', () => {
    const part = (id: string, command = 'calendar/list') => ({ id, command, body: {} });
    it.each([
      ['no requests', []],
      ['six requests', ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => part(id))],
      ['duplicate ids', [part('a'), part('a')]],
      ['an empty id', [part('')]],
      ['an id of 33 characters', [part('a'.repeat(33))]],
      ['an id with a space', [part('a b')]],
      ['an unknown command', [part('a'), part('b', 'mail/nothing')]],
      ['an unbatchable command (a write)', [part('a'), part('b', 'mail/delete')]],
      ['a nested batch', [part('a'), { id: 'b', command: 'batch', body: { requests: [part('c')] } }]],
      ['a body that is not an object', [{ id: 'a', command: 'calendar/list', body: 'x' }]],
    ])('%s', async (_name, requests) => {
      stack.sim.state.resetStats();
      const answer = await batch(requests);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('bad_request');
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(graphRequests()).toBe(0);
    });
  });

  it('keeps the batch envelope rules: 413 past 64 KB, 415, 405, one 401 with no part run', async () => {
    stack.sim.state.resetStats();
    const big = await batch([{ id: 'a', command: 'calendar/list', body: { padding: 'x'.repeat(70 * 1024) } }]);
    expect(big.status).toBe(413);
    const text = await batch([{ id: 'a', command: 'calendar/list', body: {} }], token, { headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const get = await batch([{ id: 'a', command: 'calendar/list', body: {} }], token, { method: 'PUT' });
    expect(get.status).toBe(405);
    const anonymous = await batch([{ id: 'a', command: 'calendar/list', body: {} }], null as unknown as string);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthorized');
    const garbage = await batch([{ id: 'a', command: 'calendar/list', body: {} }], 'not.a.token');
    expect(garbage.status).toBe(401);
    expect(graphRequests()).toBe(0);
  });

  it('fails only the part that fails: a bad state, another user\'s state, its own schema, a throttled part', async () => {
    const bobToken = await stack.token(bob);
    const bobFolders = await stack.call('folders/sync', {}, bobToken);
    const aliceFolders = await stack.call('folders/sync', {}, token);
    const answer = await batch([
      { id: 'bad', command: 'folders/sync', body: { state: 'not-a-state' } },
      { id: 'bobs', command: 'folders/sync', body: { state: bobFolders.body.state } },
      { id: 'schema', command: 'mail/sync', body: { folderId: inboxId, window: 'many' } },
      { id: 'ok', command: 'folders/sync', body: { state: aliceFolders.body.state } },
    ]);
    expect(answer.status).toBe(200);
    const [bad, bobs, schema, ok] = answer.body.responses;
    const requestId = answer.headers.get('x-request-id');
    for (const [part, status, code] of [[bad, 410, 'sync_state_invalid'], [bobs, 410, 'sync_state_invalid'], [schema, 400, 'bad_request']] as const) {
      expect([part.status, part.body.code, part.body.status, part.body.requestId]).toEqual([status, code, status, requestId]);
    }
    expect(ok.status).toBe(200);
    expect(Array.isArray(ok.body.upserts ?? [])).toBe(true);
    // Nothing of bob's anywhere in alice's answer.
    const bobFolderIds = (bobFolders.body.upserts as Array<{ id: string }>).map((folder) => folder.id);
    for (const id of bobFolderIds) expect(JSON.stringify(answer.body)).not.toContain(id);

    stack.sim.state.throttleNext({ status: 429, retryAfter: '120', count: 1, operation: 'calendars.list', oid: findUser(alice)!.oid });
    const throttled = await batch([
      { id: 'cal', command: 'calendar/list', body: {} },
      { id: 'folders', command: 'folders/sync', body: { state: aliceFolders.body.state } },
    ]);
    expect(throttled.status).toBe(200);
    expect(throttled.body.responses[0].status).toBe(429);
    expect(throttled.body.responses[0].body.code).toBe('throttled');
    expect(throttled.body.responses[0].body.retryAfter).toBeGreaterThanOrEqual(1);
    expect(throttled.body.responses[0].headers['retry-after']).toBe(String(throttled.body.responses[0].body.retryAfter));
    expect(throttled.body.responses[1].status).toBe(200);
    expect(throttled.body.responses[1].headers).toBeUndefined();
  });

  it('carries a part\'s claims challenge (consent_required) in its headers', async () => {
    const carol = await stack.token('carol@contoso.test');
    const answer = await batch([{ id: 'folders', command: 'folders/sync', body: {} }], carol);
    expect(answer.status).toBe(200);
    const [part] = answer.body.responses;
    expect([part.status, part.body.code]).toEqual([401, 'consent_required']);
    expect(part.headers['www-authenticate']).toMatch(/error="insufficient_claims", claims="[A-Za-z0-9+/=_-]+"/);
  });

  it('batchable commands only read: every Graph call of their scenarios is idempotent (operations.ts)', async () => {
    const batchable = deviceCommands.filter((command) => !isRawCommand(command) && (command as { batchable?: boolean }).batchable === true).map((command) => command.route);
    expect(batchable.sort()).toEqual(['calendar/get', 'calendar/list', 'calendar/sync', 'folders/sync', 'mail/get', 'mail/sync']);
    requestRecorder.start();
    for (const route of batchable) await commandScenarios[route]!({ call: (command, body, as) => stack.call(command, body, as) }, token);
    const calls = requestRecorder.entries().filter(isFerryRequest);
    requestRecorder.stop();
    expect(calls.length).toBeGreaterThan(0);
    const table = operations as Record<string, { idempotent: boolean }>;
    // A `$batch` envelope is as idempotent as its items, which the recorder lists one by one.
    const notIdempotent = calls.flatMap((call) => graphOperationsOf(call)).filter((name) => name !== 'batch' && !table[name]!.idempotent);
    expect(notIdempotent).toEqual([]);
  });
  describe('mail/sync by kind', () => {
    it('syncs a well-known folder by kind, names its folderId, and the state goes on by id, alone or in a batch', async () => {
      const byKind = await stack.call('mail/sync', { kind: 'inbox', window: 5 }, token);
      expect(byKind.status).toBe(200);
      expect(byKind.body.folderId).toBe(inboxId);
      const byId = await stack.call('mail/sync', { folderId: inboxId, window: 5 }, token);
      expect(withoutState(byKind.body)).toEqual({ ...withoutState(byId.body), folderId: inboxId });
      const next = await stack.call('mail/sync', { folderId: inboxId, state: byKind.body.state }, token);
      expect(next.status).toBe(200);
      expect(next.body.folderId).toBeUndefined();
      const inBatch = await batch([{ id: 'sent', command: 'mail/sync', body: { kind: 'sent', window: 2 } }]);
      expect(inBatch.body.responses[0].status).toBe(200);
      expect(typeof inBatch.body.responses[0].body.folderId).toBe('string');
    });

    it('finds the id of an empty folder', async () => {
      stack.sim.state.replaceMailbox({ user: 'erin@fabrikam.test', messageCount: 0, folderCount: 0, withArchive: true });
      const erin = await stack.token('erin@fabrikam.test');
      const folders = await stack.call('folders/sync', {}, erin);
      const archiveId = (folders.body.upserts as Array<{ id: string; kind: string }>).find((folder) => folder.kind === 'archive')!.id;
      const answer = await stack.call('mail/sync', { kind: 'archive' }, erin);
      expect([answer.status, answer.body.folderId, answer.body.upserts ?? []]).toEqual([200, archiveId, []]);
    });

    it('is 400 with a state or with folderId, and 404 folder_not_found for a folder never created', async () => {
      const first = await stack.call('mail/sync', { folderId: inboxId, window: 1 }, token);
      const withState = await stack.call('mail/sync', { kind: 'inbox', state: first.body.state }, token);
      expect([withState.status, withState.body.code]).toEqual([400, 'bad_request']);
      const both = await stack.call('mail/sync', { kind: 'inbox', folderId: inboxId }, token);
      expect([both.status, both.body.code]).toEqual([400, 'bad_request']);
      const neither = await stack.call('mail/sync', {}, token);
      expect([neither.status, neither.body.code]).toEqual([400, 'bad_request']);
      const dave = await stack.token('dave@contoso.test');
      stack.sim.state.replaceMailbox({ user: 'dave@contoso.test', messageCount: 3, folderCount: 0, withArchive: false });
      const missing = await stack.call('mail/sync', { kind: 'archive' }, dave);
      expect([missing.status, missing.body.code]).toEqual([404, 'folder_not_found']);
      const inBatch = await batch([
        { id: 'archive', command: 'mail/sync', body: { kind: 'archive' } },
        { id: 'inbox', command: 'mail/sync', body: { kind: 'inbox' } },
      ], dave);
      expect(inBatch.body.responses.map((part: { status: number; body: { code?: string } }) => [part.status, part.body.code])).toEqual([[404, 'folder_not_found'], [200, undefined]]);
    });
  });
});
