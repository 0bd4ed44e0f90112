import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeviceStopped, readRetryAfterInSeconds, ReferenceDevice, type AnswerRecord, type SyncAnswerRecord } from './referenceDevice';

/**
 * The reference device against a scripted Ferry on loopback: each answer of the rule table leads to
 * exactly the next request the table says (or none). Waits are scaled to almost nothing; no timing is
 * asserted, only what was sent.
 */
interface Scripted {
  status: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Destroy the connection instead of answering (no answer). */
  drop?: boolean;
}

const problem = (status: number, code: string, extra: Record<string, unknown> = {}): Scripted => ({
  status,
  body: { type: `x#${code}`, title: code, status, code, requestId: 'r', ...extra },
  headers: { 'content-type': 'application/problem+json' },
});
const syncAnswer = (over: Record<string, unknown> = {}): Scripted => ({
  status: 200,
  body: { state: 's1', more: false, reset: true, upserts: [], removed: [], ...over },
});
const folder = (id: string) => ({ id, parentId: null, name: id, kind: 'other', unread: 0, total: 0 });

describe('reference device', () => {
  let server: http.Server;
  let hostUrl: string;
  let script: Scripted[] = [];
  let received: Array<{ path: string; body: Record<string, unknown>; authorization: string }> = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url!, body: JSON.parse(text || '{}'), authorization: String(request.headers.authorization) });
        const next = script.shift() ?? problem(500, 'internal_error');
        if (next.drop) return request.socket.destroy();
        response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
        response.end(next.body === undefined ? undefined : JSON.stringify(next.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    script = [];
    received = [];
  });

  let tokens = 0;
  const device = (answers: AnswerRecord[] = []) => {
    tokens = 0;
    return new ReferenceDevice({
      hostUrl,
      getToken: async (fresh) => `token-${++tokens}${fresh ? '-fresh' : ''}`,
      timeScale: 0.0001,
      random: () => 0.5,
      onAnswer: (a) => answers.push(a),
      callTimeoutInMs: 5000,
    });
  };

  it('429 and 503: waits Retry-After and repeats the same request', async () => {
    script = [problem(429, 'throttled', { retryAfter: 2 }), problem(503, 'upstream_unavailable'), syncAnswer()];
    script[0]!.headers!['retry-after'] = '2';
    script[1]!.headers!['retry-after'] = '1';
    const d = device();
    await d.syncFolders();
    expect(received.map((r) => r.body)).toEqual([{}, {}, {}]);
  });

  it('2xx: applies upserts, removed and state; then sends the state', async () => {
    script = [syncAnswer({ upserts: [folder('a'), folder('b')], more: true }), syncAnswer({ state: 's2', reset: false, removed: ['a'] })];
    const d = device();
    await d.syncFolders();
    expect([...d.folders.items.keys()]).toEqual(['b']);
    expect(received.map((r) => r.body)).toEqual([{}, { state: 's1' }]);
  });

  it('410 sync_state_invalid: restarts the collection without state and keeps its copy', async () => {
    script = [syncAnswer({ upserts: [folder('a')] }), problem(410, 'sync_state_invalid'), syncAnswer({ state: 's3', upserts: [folder('a')] })];
    const d = device();
    await d.syncFolders();
    await d.syncFolders();
    expect(received.map((r) => r.body)).toEqual([{}, { state: 's1' }, {}]);
    expect([...d.folders.items.keys()]).toEqual(['a']);
  });

  it('500 and 502 upstream_error: backs off and repeats; after 6 tries tells the user', async () => {
    script = Array.from({ length: 6 }, () => problem(502, 'upstream_error'));
    const error = await device().syncFoldersOnce().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceStopped);
    expect(error).toMatchObject({ action: 'backoff', code: 'upstream_error' });
    expect(received).toHaveLength(6);
  });

  it('502 outcome_unknown and no answer: repeats with the same body', async () => {
    script = [problem(502, 'outcome_unknown'), { status: 0, drop: true }, syncAnswer()];
    const answers: AnswerRecord[] = [];
    await device(answers).syncMailOnce('f1', { window: 5, body: { type: 'text', maxChars: 10 } });
    const body = { folderId: 'f1', window: 5, body: { type: 'text', maxChars: 10 } };
    expect(received.map((r) => r.body)).toEqual([body, body, body]);
    expect(answers.map((a) => a.status)).toEqual([502, 'none', 200]);
  });

  it('a lost answer (loseNextAnswer): nothing applied, the same body repeated, the repeat applied', async () => {
    script = [syncAnswer({ more: true }), syncAnswer({ state: 's2', reset: false, upserts: [folder('lost')] }), syncAnswer({ state: 's3', reset: true, upserts: [folder('again')] })];
    const answers: AnswerRecord[] = [];
    const d = device(answers);
    await d.syncFoldersOnce();
    d.loseNextAnswer();
    await d.syncFoldersOnce();
    expect(received.map((r) => r.body)).toEqual([{}, { state: 's1' }, { state: 's1' }]);
    expect(answers.map((a) => [a.status, a.lost ?? false])).toEqual([[200, false], [200, true], [200, false]]);
    expect(d.folders.state).toBe('s3');
    expect([...d.folders.items.keys()]).toEqual(['again']);
  });

  it('since: sent on a first round only; every applied sync answer is reported, in order', async () => {
    script = [syncAnswer({ more: true }), syncAnswer({ state: 's2', reset: false }), syncAnswer({ state: 'f1', upserts: [folder('x')] })];
    const reported: SyncAnswerRecord[] = [];
    const d = new ReferenceDevice({ hostUrl, getToken: async () => 't', onSyncAnswer: (r) => reported.push(r) });
    expect(await d.syncMail('m1', { since: '2025-01-01T00:00:00Z', window: 3 })).toBe(2);
    await d.syncFolders();
    expect(received.map((r) => r.body)).toEqual([
      { folderId: 'm1', since: '2025-01-01T00:00:00Z', window: 3, body: { type: 'none' } },
      { folderId: 'm1', state: 's1', window: 3, body: { type: 'none' } },
      {},
    ]);
    expect(reported.map((r) => [r.collection, r.answer.state, r.collection === 'mail' ? r.folderId : undefined])).toEqual([
      ['mail', 's1', 'm1'],
      ['mail', 's2', 'm1'],
      ['folders', 'f1', undefined],
    ]);
    expect(reported[2]!.answer.upserts.map((f) => f.id)).toEqual(['x']);
  });

  it('a change notice during a round: one more round after more: false; a notice between rounds: one round', async () => {
    const d = device();
    script = [syncAnswer({ more: true }), syncAnswer({ state: 's2', reset: false }), syncAnswer({ state: 's3', reset: false })];
    await d.syncMailOnce('m1'); // the round begins
    d.noticeMailboxChanged(); // a push after its first call: that change may be missing
    expect(await d.syncMail('m1')).toBe(2); // ends the round (s2), then a new round (s3)
    expect(received.map((r) => r.body.state)).toEqual([undefined, 's1', 's2']);

    script = [syncAnswer({ state: 's4', reset: false })];
    expect(await d.syncMail('m1')).toBe(1); // up to date and nothing noticed: one call, nothing more
    d.noticeMailboxChanged();
    script = [syncAnswer({ state: 's5', reset: false })];
    expect(await d.syncMail('m1')).toBe(1); // the round began after the notice: it covers it
    expect(received.map((r) => r.body.state)).toEqual([undefined, 's1', 's2', 's3', 's4']);
  });

  it('404 folder_not_found: drops the mail collection and runs folders/sync', async () => {
    script = [syncAnswer(), problem(404, 'folder_not_found'), syncAnswer({ upserts: [folder('x')] })];
    const d = device();
    await d.syncMail('f1');
    expect(d.mail.has('f1')).toBe(true);
    expect(await d.syncMail('f1')).toBe(0);
    expect(d.mail.has('f1')).toBe(false);
    expect(received.map((r) => r.path)).toEqual(['/api/v1/mail/sync', '/api/v1/mail/sync', '/api/v1/folders/sync']);
  });

  it('401 unauthorized: one new token, one repeat; a second 401 stops', async () => {
    script = [problem(401, 'unauthorized'), syncAnswer()];
    await device().syncFoldersOnce();
    expect(received.map((r) => r.authorization)).toEqual(['Bearer token-1', 'Bearer token-2-fresh']);
    script = [problem(401, 'unauthorized'), problem(401, 'unauthorized')];
    await expect(device().syncFoldersOnce()).rejects.toMatchObject({ action: 'refresh_token' });
  });

  it.each([
    [problem(400, 'bad_request'), 'report_bug'],
    [problem(409, 'idempotency_key_reused'), 'report_bug'],
    [problem(404, 'unknown_command'), 'report_newer_app'],
    [problem(403, 'forbidden'), 'show_user'],
    [problem(401, 'consent_required'), 'sign_in_with_claims'],
    [problem(409, 'something_new'), 'unknown_answer'],
    [problem(500, 'throttled'), 'unknown_answer'],
  ])('stops without a retry on %j', async (answer, action) => {
    script = [answer];
    await expect(device().syncFoldersOnce()).rejects.toMatchObject({ action });
    expect(received).toHaveLength(1);
  });

  it('202 pending and 409 send_in_progress: mail/send {draftId} after Retry-After until it is done', async () => {
    script = [
      { status: 202, body: { code: 'pending', retryAfter: 1 }, headers: { 'retry-after': '1' } },
      { ...problem(409, 'send_in_progress'), headers: { 'content-type': 'application/problem+json', 'retry-after': '1' } },
      { status: 200, body: { sent: true } },
    ];
    const result = await device().command('mail/send', { draftId: 'd1', idempotencyKey: 'k' });
    expect(result).toEqual({ kind: 'ok', status: 200, body: { sent: true } });
    expect(received.map((r) => r.body)).toEqual([{ draftId: 'd1', idempotencyKey: 'k' }, { draftId: 'd1' }, { draftId: 'd1' }]);
  });

  it('reads Retry-After as seconds or an HTTP-date, at most 300 s', () => {
    const now = Date.UTC(2025, 0, 1);
    expect(readRetryAfterInSeconds('7', now)).toBe(7);
    expect(readRetryAfterInSeconds('900', now)).toBe(300);
    expect(readRetryAfterInSeconds(new Date(now + 4000).toUTCString(), now)).toBe(4);
    expect(readRetryAfterInSeconds('soon', now)).toBeUndefined();
    expect(readRetryAfterInSeconds(null, now)).toBeUndefined();
  });
});
