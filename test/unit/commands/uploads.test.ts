import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mailDraftAttachmentCommand } from '../../../shared/commands/mailDraftAttachment';
import { mailDraftUploadCommand } from '../../../shared/commands/mailDraftUpload';
import { nextExpectedOffset, parseContentRange, uploadIdFromLocation } from '../../../shared/commands/uploads/uploadRanges';
import { openUploadToken, sealUploadToken, type UploadToken } from '../../../shared/commands/uploads/uploadToken';
import type { BatchResult, GraphClient, GraphRequest } from '../../../shared/graph/graphRequest';
import { sendToUploadUrl } from '../../../shared/graph/uploads/uploadUrlClient';
import { OutboundRefusedError } from '../../../shared/net/outboundRefusal';
import { isFerryError } from '../../../shared/protocol/ferryError';
import type { CommandContext } from '../../../shared/runtime/commandContext';
import { commandContextFor } from '../../helpers/commandContextFor';

/**
 * The upload pieces without a simulator: the `upload` token (sealed under ferry/upload/v1, bound to the
 * user, expiring), the range and Location parsers, and the upload-URL guard: an origin off
 * FERRY_UPLOAD_ORIGINS is never sent a byte. The whole flow runs in test/e2e/mailUpload.test.ts.
 */
const draftId = 'AAMkDraft=';

/** A Graph client that answers the draft check and a session whose URL is `uploadUrl`, and records requests. */
function fakeGraph(uploadUrl: string): GraphClient & { sent: GraphRequest[] } {
  const sent: GraphRequest[] = [];
  const ok = (body: unknown): BatchResult => ({ ok: true, response: { status: 200, headers: {}, body } });
  return {
    sent,
    async send<T>(request: GraphRequest) {
      sent.push(request);
      return { status: 201, headers: {}, body: { uploadUrl, expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(), nextExpectedRanges: ['0-'] } as T };
    },
    async batch(requests: GraphRequest[]) {
      sent.push(...requests);
      return [ok({ id: draftId, isDraft: true, parentFolderId: 'drafts' }), ok({ id: 'recoverable' })];
    },
    stream: () => Promise.reject(new Error('unused')),
    page: () => Promise.reject(new Error('unused')),
    pages: () => (async function* () {})(),
  } as unknown as GraphClient & { sent: GraphRequest[] };
}

const token = (overrides: Partial<UploadToken> = {}): UploadToken => ({ v: 1, draftId, name: 'a.bin', contentType: 'application/octet-stream', size: 10, inline: false, offset: 0, start: Date.now(), expiry: Date.now() + 60_000, ...overrides });
const code = (error: unknown) => (isFerryError(error) ? [error.code, error.logReason] : [String(error)]);

describe('the upload token', () => {
  const context = commandContextFor(fakeGraph('https://outlook.office.com/x'));

  it('opens for the user who sealed it, and for nobody else (410 upload_state_invalid)', async () => {
    const sealed = await sealUploadToken(context, token());
    expect((await openUploadToken(context, sealed)).draftId).toBe(draftId);
    const bob: CommandContext = { ...context, caller: { ...context.caller, oid: 'b0b00000-0000-4000-8000-00000000b0b0' } };
    await expect(openUploadToken(bob, sealed).catch(code)).resolves.toEqual(['upload_state_invalid', 'auth_failed']);
  });

  it('is 410 upload_state_invalid once expired, and for a sync state or cursor sealed from the same ring', async () => {
    const sealed = await sealUploadToken(context, token({ expiry: Date.now() + 1000 }));
    const later: CommandContext = { ...context, clock: { ...context.clock, now: () => Date.now() + 2000 } };
    await expect(openUploadToken(later, sealed).catch(code)).resolves.toEqual(['upload_state_invalid', 'expired']);
    const { sealState } = await import('../../../shared/state/stateToken');
    const { uploadTokenSchema } = await import('../../../shared/commands/uploads/uploadToken');
    const asState = sealState(token(), { tid: 't', oid: context.caller.oid, collection: 'upload' }, await context.keyRing(), uploadTokenSchema, 'state');
    await expect(openUploadToken(context, asState).catch(code)).resolves.toEqual(['upload_state_invalid', 'auth_failed']);
  });

  it('holds a long upload URL (an authtoken of 8,000 random characters) within 16,384 characters', async () => {
    const { randomBytes } = await import('node:crypto');
    const sealed = await sealUploadToken(context, token({ uploadUrl: `https://outlook.office.com/api/v2.0/x?authtoken=${randomBytes(6000).toString('base64url')}` }));
    expect(sealed.length).toBeLessThanOrEqual(16_384);
  });
});

describe('ranges and Locations', () => {
  it.each([
    ['bytes 0-9/10', { first: 0, last: 9, size: 10 }],
    ['bytes 3145728-6291455/31457280', { first: 3145728, last: 6291455, size: 31457280 }],
    ['bytes */10', undefined],
    ['bytes 0-9', undefined],
  ])('Content-Range %j', (value, expected) => expect(parseContentRange(value)).toEqual(expected));

  it.each([
    [{ nextExpectedRanges: ['2097152'] }, 2097152],
    [{ nextExpectedRanges: ['0-'] }, 0],
    [{ nextExpectedRanges: ['100-199', '300-'] }, 100],
    [{ nextExpectedRanges: [] }, undefined],
    [{}, undefined],
  ])('nextExpectedRanges %j', (body, expected) => expect(nextExpectedOffset(body)).toBe(expected));

  it('reads the id of the docs\' Location', () => {
    expect(uploadIdFromLocation("https://outlook.office.com/api/v2.0/Users('a@b')/Messages('AAMkADI5MAAIT3drCAAA=')/Attachments('AAMkADI5MAAIT3drCAAABEgAQANAqbAe7qaROhYdTnUQwXm0=')")).toBe(
      'AAMkADI5MAAIT3drCAAABEgAQANAqbAe7qaROhYdTnUQwXm0=',
    );
    expect(uploadIdFromLocation(undefined)).toBeUndefined();
  });
});

describe('the upload URL guard (FERRY_UPLOAD_ORIGINS)', () => {
  let hits = 0;
  let authorizations = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.headers.authorization !== undefined) authorizations++;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"nextExpectedRanges":["5"]}'));
  });
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('mail/draft/attachment refuses a session whose uploadUrl is off the list (502 upstream_error); no chunk goes out', async () => {
    const graph = fakeGraph(`${origin}/api/v2.0/AttachmentSessions('x')?authtoken=abc`);
    const context = commandContextFor(graph); // default list: https://outlook.office.com only
    const answer = mailDraftAttachmentCommand.handler({ draftId, name: 'big.bin', contentType: 'application/octet-stream', size: 5_000_000 }, context);
    await expect(answer.catch(code)).resolves.toEqual(['upstream_error', 'upload_origin_refused']);
    expect(hits).toBe(0);
  });

  it('a token holding an off-list URL (a changed setting) is refused at the chunk, before a byte leaves', async () => {
    const context = commandContextFor(fakeGraph('unused'));
    const sealed = await sealUploadToken(context, token({ size: 5, uploadUrl: `${origin}/s?authtoken=abc` }));
    const answer = mailDraftUploadCommand.handler({ query: {}, headers: { 'ferry-upload': sealed, 'content-range': 'bytes 0-4/5', 'content-type': 'application/octet-stream' }, body: Buffer.from('hello') }, context);
    await expect(answer.catch(code)).resolves.toEqual(['upstream_error', 'upload_ip_literal']);
    expect(hits).toBe(0);
  });

  it('sends a listed loopback origin the chunk without Authorization; refuses http, IP literals and userinfo elsewhere', async () => {
    const answer = await sendToUploadUrl('PUT', `${origin}/s?authtoken=abc`, { origins: [origin], timeoutInMs: 5000 }, { bytes: Buffer.from('hello'), range: 'bytes 0-4/5' });
    expect([answer.status, answer.body]).toEqual([200, { nextExpectedRanges: ['5'] }]);
    expect([hits, authorizations]).toEqual([1, 0]);
    for (const [url, reason] of [
      ['http://outlook.office.com/s', 'not_https'],
      ['https://20.190.128.1/s', 'ip_literal'],
      ['https://u:p@outlook.office.com/s', 'userinfo'],
      ['https://evil.example/s', 'origin_not_allowed'],
    ] as const) {
      const refused = await sendToUploadUrl('PUT', url, { origins: ['https://outlook.office.com'], timeoutInMs: 1000 }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OutboundRefusedError);
      expect((refused as OutboundRefusedError).reason).toBe(reason);
    }
    expect(hits).toBe(1);
  });
});
