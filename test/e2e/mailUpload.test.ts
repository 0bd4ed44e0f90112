import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { deviceCall } from '../helpers/deviceCall';
import { spawnHost } from '../helpers/spawnHost';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * mail/draft/attachment and PUT mail/draft/upload (issue 15, uploads) against the simulator: a small
 * file in one PUT (one POST .../attachments), 30 MB in 3 MiB chunks through an upload session on the
 * simulator's second origin, half of it through a second host process, byte-identical; bad, foreign
 * and expired `upload` 410; no Authorization header at the upload origin; a repeated chunk; a last
 * chunk whose answer is lost found on the draft. https://learn.microsoft.com/graph/outlook-large-attachments
 */
const upn = 'alice@contoso.test';
const chunkMax = 3 * 1024 * 1024;
const repoRoot = path.join(__dirname, '../..');

describe('uploads', () => {
  let stack: Stack;
  let alice: string;
  const call = (route: string, body: unknown, token = alice) => stack.call(route, body, token);
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  type SimAttachment = { name: string; isInline: boolean; contentId: string | null };
  const attachmentsOf = (draftId: string) => stack.sim.state.mailbox(upn)!.attachments(draftId) as unknown as SimAttachment[];
  const calls = (operation: string) => stack.sim.state.stats.byOperation[operation] ?? 0;

  async function newDraft(subject = 'With a file'): Promise<string> {
    const answer = await call('mail/draft', { clientMessageId: `upload-${randomBytes(6).toString('hex')}`, subject });
    expect(answer.status).toBe(200);
    return answer.body.draftId;
  }

  function put(hostUrl: string, upload: string, bytes: Uint8Array, first: number, size: number, token = alice) {
    return deviceCall(hostUrl, 'mail/draft/upload', undefined, token, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'ferry-upload': upload, 'content-range': `bytes ${first}-${first + bytes.length - 1}/${size}` },
      rawBody: bytes,
    });
  }

  /** The attachment's bytes as a device downloads them (mail/attachment). */
  async function download(draftId: string, attachmentId: string): Promise<Buffer> {
    const answer = await call('mail/attachment', { message: draftId, attachment: attachmentId });
    expect(answer.status).toBe(200);
    return answer.bytes!;
  }

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: [{ user: upn, messageCount: 5, folderCount: 0 }, { user: 'bob@contoso.test', messageCount: 2, folderCount: 0 }] } });
    alice = await stack.token(upn);
  });
  afterAll(() => stack.close());

  it('a small file: one PUT, one POST .../attachments, no session; the bytes read back the same', async () => {
    const draftId = await newDraft();
    const file = randomBytes(200_000);
    const sessions = calls('attachments.createUploadSession');
    const begun = await call('mail/draft/attachment', { draftId, name: 'notes.bin', contentType: 'application/octet-stream', size: file.length });
    expect([begun.status, begun.body.chunkMax]).toEqual([200, chunkMax]);
    const creates = calls('attachments.create');
    const done = await put(stack.hostUrl, begun.body.upload, file, 0, file.length);
    expect(done.status).toBe(201);
    expect(calls('attachments.create')).toBe(creates + 1);
    expect(calls('attachments.createUploadSession')).toBe(sessions);
    expect(sha256(await download(draftId, done.body.attachmentId))).toBe(sha256(file));
  });

  it('an inline image keeps its contentId; inline without contentId is 400; over 150 MiB 413; not a draft 409', async () => {
    const draftId = await newDraft();
    const file = randomBytes(1000);
    const begun = await call('mail/draft/attachment', { draftId, name: 'logo.png', contentType: 'image/png', size: file.length, inline: true, contentId: 'logo@x' });
    const done = await put(stack.hostUrl, begun.body.upload, file, 0, file.length);
    expect(done.status).toBe(201);
    const stored = attachmentsOf(draftId).find((a) => a.name === 'logo.png')!;
    expect([stored.isInline, stored.contentId]).toEqual([true, 'logo@x']);
    const noCid = await call('mail/draft/attachment', { draftId, name: 'logo.png', contentType: 'image/png', size: 10, inline: true });
    expect([noCid.status, noCid.body.code]).toEqual([400, 'bad_request']);
    const huge = await call('mail/draft/attachment', { draftId, name: 'big.bin', contentType: 'application/octet-stream', size: 150 * 1024 * 1024 + 1 });
    expect([huge.status, huge.body.code]).toEqual([413, 'payload_too_large']);
    const sent = stack.sim.state.mailbox(upn)!.messages('inbox')[0]!.id;
    const notDraft = await call('mail/draft/attachment', { draftId: sent, name: 'a.bin', contentType: 'application/octet-stream', size: 10 });
    expect([notDraft.status, notDraft.body.code]).toEqual([409, 'not_allowed']);
  });

  it('30 MB in 3 MiB chunks through an upload session, the second half through another host: byte-identical, no Authorization at the upload origin', async () => {
    const draftId = await newDraft();
    const file = randomBytes(30 * 1024 * 1024);
    const before = stack.sim.state.stats;
    const begun = await call('mail/draft/attachment', { draftId, name: 'survey.tif', contentType: 'image/tiff', size: file.length });
    expect(begun.status).toBe(200);
    expect(begun.body.upload.length).toBeLessThanOrEqual(16_384);
    const second = await spawnHost(repoRoot, { ...process.env });
    let upload = begun.body.upload as string;
    let offset = 0;
    let answer;
    try {
      while (offset < file.length) {
        const host = offset < file.length / 2 ? stack.hostUrl : second.url;
        answer = await put(host, upload, file.subarray(offset, offset + chunkMax), offset, file.length);
        if (answer.status !== 200) break;
        expect(answer.body.next).toBe(Math.min(offset + chunkMax, file.length));
        upload = answer.body.upload;
        offset = answer.body.next;
      }
    } finally {
      await second.stop();
    }
    expect(answer!.status).toBe(201);
    const after = stack.sim.state.stats;
    expect(after.uploadRequests - before.uploadRequests).toBe(Math.ceil(file.length / chunkMax));
    expect(after.uploadAuthorizationHeaders).toBe(0);
    expect(after.uploadedBytes - before.uploadedBytes).toBe(file.length);
    expect(sha256(await download(draftId, answer!.body.attachmentId))).toBe(sha256(file));
  }, 60_000);

  it.each([false, true])('a repeated chunk (its answer lost) is answered with Graph\'s next byte (Graph answering 416: %s); an out-of-order one changes nothing', async (range416) => {
    stack.sim.state.setFlags({ uploadRepeatedRange416: range416 });
    const draftId = await newDraft();
    const file = randomBytes(7 * 1024 * 1024);
    const begun = await call('mail/draft/attachment', { draftId, name: 'twice.bin', contentType: 'application/octet-stream', size: file.length });
    const first = await put(stack.hostUrl, begun.body.upload, file.subarray(0, chunkMax), 0, file.length);
    expect([first.status, first.body.next]).toEqual([200, chunkMax]);
    const repeated = await put(stack.hostUrl, begun.body.upload, file.subarray(0, chunkMax), 0, file.length);
    expect([repeated.status, repeated.body.next]).toEqual([200, chunkMax]);
    const skipping = await put(stack.hostUrl, repeated.body.upload, file.subarray(2 * chunkMax), 2 * chunkMax, file.length);
    expect([skipping.status, skipping.body.next, skipping.body.upload]).toEqual([200, chunkMax, repeated.body.upload]);
    const middle = await put(stack.hostUrl, repeated.body.upload, file.subarray(chunkMax, 2 * chunkMax), chunkMax, file.length);
    const last = await put(stack.hostUrl, middle.body.upload, file.subarray(2 * chunkMax), 2 * chunkMax, file.length);
    expect(last.status).toBe(201);
    expect(sha256(await download(draftId, last.body.attachmentId))).toBe(sha256(file));
    // The last chunk again (its 201 lost): the session is closed, the attachment is found on the draft, not made twice.
    const again = await put(stack.hostUrl, middle.body.upload, file.subarray(2 * chunkMax), 2 * chunkMax, file.length);
    expect([again.status, again.body.attachmentId]).toEqual([201, last.body.attachmentId]);
    expect(attachmentsOf(draftId).filter((a) => a.name === 'twice.bin')).toHaveLength(1);
    stack.sim.state.setFlags({ uploadRepeatedRange416: false });
  }, 30_000);

  it.each([
    ['a last chunk whose answer is lost (504 after it took effect)', { status: 504 as const, afterApply: true }],
    ['a small file whose POST answer is lost', undefined],
  ])('%s is found on the draft: 201, one attachment', async (_name, chunkFault) => {
    const draftId = await newDraft();
    const file = randomBytes(chunkFault ? 3_500_000 : 1000);
    const begun = await call('mail/draft/attachment', { draftId, name: 'lost.bin', contentType: 'application/octet-stream', size: file.length });
    let upload = begun.body.upload as string;
    if (chunkFault) {
      const first = await put(stack.hostUrl, upload, file.subarray(0, chunkMax), 0, file.length);
      upload = first.body.upload;
      stack.sim.state.throttleNext({ ...chunkFault, operation: 'attachments.uploadChunk' });
    } else {
      stack.sim.state.throttleNext({ status: 504, operation: 'attachments.create', afterApply: true });
    }
    const offset = chunkFault ? chunkMax : 0;
    const last = await put(stack.hostUrl, upload, file.subarray(offset), offset, file.length);
    expect(last.status).toBe(201);
    const stored = attachmentsOf(draftId).filter((a) => a.name === 'lost.bin');
    expect(stored).toHaveLength(1);
    expect(sha256(await download(draftId, last.body.attachmentId))).toBe(sha256(file));
  });

  it('under chaos (30% of Ferry\'s requests and chunks faulted, no hangs) a device repeating by the rules attaches 7 MB once, byte-identical', async () => {
    const draftId = await newDraft();
    const file = randomBytes(7 * 1024 * 1024);
    /** The device rules for these answers: 2xx stands, 429/502/503 repeat the same request. */
    const byTheRules = async (send: () => Promise<{ status: number; body: any }>) => {
      for (let attempt = 0; attempt < 30; attempt++) {
        const answer = await send();
        if (answer.status < 300) return answer;
        expect([429, 502, 503]).toContain(answer.status);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('no answer within 30 attempts');
    };
    stack.sim.faults.setProfile({ enabled: true, seed: 15, rate: 0.3, mix: { hang: 0 }, latency: { maxInMs: 0, slowShare: 0, slowMaxInMs: 0 }, syncStateNotFoundRate: 0, timeScale: 0.005 });
    let answer;
    try {
      const begun = await byTheRules(() => call('mail/draft/attachment', { draftId, name: 'chaos.bin', contentType: 'application/octet-stream', size: file.length }));
      let upload = begun.body.upload as string;
      let offset = 0;
      for (;;) {
        const from = offset;
        const token = upload;
        answer = await byTheRules(() => put(stack.hostUrl, token, file.subarray(from, from + chunkMax), from, file.length));
        if (answer.status === 201) break;
        upload = answer.body.upload;
        offset = answer.body.next;
      }
    } finally {
      stack.sim.faults.setProfile('off');
    }
    // Faults reached the chunks at the upload origin, not only Ferry's Graph calls.
    const attempts = Object.values(stack.sim.faults.stats.snapshot().attempts);
    expect(attempts.some((a) => a.method === 'PUT' && a.outcomes.some((outcome) => outcome !== 'ok'))).toBe(true);
    expect(attachmentsOf(draftId).filter((a) => a.name === 'chaos.bin')).toHaveLength(1);
    expect(sha256(await download(draftId, answer.body.attachmentId))).toBe(sha256(file));
  }, 60_000);

  it('limits: a chunk of 3 MiB passes, 3 MiB + 1 byte is 413; a file of 150 MiB passes, one byte more is 413; an upload of 16,384 characters is decoded, 16,385 refused unread: both 410', async () => {
    const draftId = await newDraft();
    const size = 7 * 1024 * 1024;
    const begun = await call('mail/draft/attachment', { draftId, name: 'limits.bin', contentType: 'application/octet-stream', size });
    const over = await put(stack.hostUrl, begun.body.upload, randomBytes(chunkMax + 1), 0, size);
    expect([over.status, over.body.code]).toEqual([413, 'payload_too_large']);
    const at = await put(stack.hostUrl, begun.body.upload, randomBytes(chunkMax), 0, size);
    expect([at.status, at.body.next]).toEqual([200, chunkMax]);
    const largest = await call('mail/draft/attachment', { draftId, name: 'largest.bin', contentType: 'application/octet-stream', size: 150 * 1024 * 1024 });
    expect(largest.status).toBe(200);
    const tooLarge = await call('mail/draft/attachment', { draftId, name: 'largest.bin', contentType: 'application/octet-stream', size: 150 * 1024 * 1024 + 1 });
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'payload_too_large']);
    for (const length of [16_384, 16_385]) {
      const answer = await put(stack.hostUrl, 'A'.repeat(length), randomBytes(10), 0, 10);
      expect([answer.status, answer.body.code]).toEqual([410, 'upload_state_invalid']);
    }
  });

  it('a bad, foreign or expired upload is 410 upload_state_invalid, before anything reaches Graph', async () => {
    const draftId = await newDraft();
    const begun = await call('mail/draft/attachment', { draftId, name: 'x.bin', contentType: 'application/octet-stream', size: 10 });
    const bob = await stack.token('bob@contoso.test');
    const bytes = randomBytes(10);
    const requests = stack.sim.state.stats.requests;
    const flipped = begun.body.upload.slice(0, 40) + (begun.body.upload[40] === 'A' ? 'B' : 'A') + begun.body.upload.slice(41);
    for (const [upload, token] of [[flipped, alice], [begun.body.upload, bob], ['x'.repeat(16_385), alice]] as const) {
      const answer = await put(stack.hostUrl, upload, bytes, 0, 10, token);
      expect([answer.status, answer.body?.code]).toEqual([410, 'upload_state_invalid']);
    }
    expect(stack.sim.state.stats.requests).toBe(requests);
  });
});
