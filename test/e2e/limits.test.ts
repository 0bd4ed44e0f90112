import http from 'node:http';
import { startStack, type Stack } from '../helpers/startStack';
import { deviceClaims } from '../helpers/devIdp';
import { mintTestToken } from '../../dev/idp/mintTestToken';
import { openState } from '../../shared/state/stateToken';
import { foldersSyncCommand } from '../../shared/commands/foldersSync';
import { createKeyRing } from '../../shared/state/keyRing';
import { maxTokenLengthInChars } from '../../shared/auth/createDeviceTokenVerifier';
import { defaultMaxBodyBytes } from '../../shared/protocol/commandDefinition';
import { maxJsonDepth } from '../../shared/protocol/readJsonBody';
import { maxStateLength } from '../../shared/protocol/schemas/common';

/** A `folders/sync` body of exactly `bytes` bytes: a state of `A`s (too long to open: 410, never 413). */
const bodyOfSize = (bytes: number) => `{"state":"${'A'.repeat(bytes - 12)}"}`;

/**
 * Every limit of the device API (docs/device-api.md, "Limits"), each at the limit and one past it,
 * over HTTP through the local host. At the limit the request gets past that check (another rule may
 * refuse it later, with another code or detail); one past, it gets the limit's code.
 */
describe('limits, at the limit and one past', () => {
  let stack: Stack;
  let token: string;
  let inbox: string;
  let messageId: string;
  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token();
    inbox = (await stack.call('folders/sync', {}, token)).body.upserts.find((f: { kind: string }) => f.kind === 'inbox').id;
    messageId = (await stack.call('mail/sync', { folderId: inbox, window: 1 }, token)).body.upserts[0].id;
  });
  afterAll(() => stack.close());

  /** POSTs a body as a stream: no Content-Length, so only the read limit can stop it. */
  async function streamed(body: string, keepOpen = false) {
    const bytes = Buffer.from(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.subarray(at, at + 8192));
        if (!keepOpen) controller.close();
      },
    });
    const response = await fetch(`${stack.hostUrl}/api/v1/folders/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: stream,
      duplex: 'half',
      signal: AbortSignal.timeout(10_000),
    } as RequestInit);
    const answer = { status: response.status, code: ((await response.json()) as { code: string }).code, length: response.headers.get('content-length') };
    return answer;
  }

  describe('request body: 64 KB', () => {
    it('with Content-Length: 65,536 bytes pass the size check, 65,537 are 413', async () => {
      expect(defaultMaxBodyBytes).toBe(65_536);
      const at = await stack.call('folders/sync', null, token, { rawBody: bodyOfSize(65_536) });
      expect([at.status, at.body.code]).toEqual([410, 'sync_state_invalid']);
      const past = await stack.call('folders/sync', null, token, { rawBody: bodyOfSize(65_537) });
      expect([past.status, past.body.code]).toEqual([413, 'payload_too_large']);
    });

    it('streamed without Content-Length: 65,536 bytes pass, 65,537 are 413', async () => {
      expect(await streamed(bodyOfSize(65_536))).toMatchObject({ status: 410, code: 'sync_state_invalid' });
      expect(await streamed(bodyOfSize(65_537))).toMatchObject({ status: 413, code: 'payload_too_large' });
    });

    it('streamed: reading stops at 65,537 bytes, so a body that never ends is still answered 413', async () => {
      expect(await streamed(bodyOfSize(200_000), true)).toMatchObject({ status: 413, code: 'payload_too_large' });
    });

    it('a declared Content-Length past the limit is 413 before a byte of the body is sent', async () => {
      const url = new URL(`${stack.hostUrl}/api/v1/folders/sync`);
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': String(65_537) },
        });
        request.on('response', (response) => {
          resolve(response.statusCode ?? 0);
          response.resume();
          request.destroy();
        });
        request.on('error', reject);
        request.flushHeaders();
        setTimeout(() => reject(new Error('no answer before the body was sent')), 5_000).unref();
      });
      expect(status).toBe(413);
    });
  });

  describe(`JSON nesting: ${maxJsonDepth}`, () => {
    const nested = (depth: number) => `{"state":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    it('32 levels pass the depth check (then fail the schema), 33 are 400 for depth', async () => {
      const at = await stack.call('folders/sync', null, token, { rawBody: nested(32) });
      expect([at.status, at.body.code]).toEqual([400, 'bad_request']);
      expect(at.body.detail).not.toMatch(/nesting/);
      const past = await stack.call('folders/sync', null, token, { rawBody: nested(33) });
      expect([past.status, past.body.code]).toEqual([400, 'bad_request']);
      expect(past.body.detail).toMatch(/nesting deeper than 32/);
    });
  });

  describe('ids: 1 to 512 characters of A-Z a-z 0-9 _ = -', () => {
    it('512 characters pass validation (404 from the mailbox), 513 are 400', async () => {
      expect((await stack.call('mail/get', { id: 'A'.repeat(512) }, token)).status).toBe(404);
      const past = await stack.call('mail/get', { id: 'A'.repeat(513) }, token);
      expect([past.status, past.body.code]).toEqual([400, 'bad_request']);
    });
    it('1 character passes validation, 0 is 400', async () => {
      expect((await stack.call('mail/get', { id: 'A' }, token)).status).toBe(404);
      expect((await stack.call('mail/get', { id: '' }, token)).status).toBe(400);
    });
    it('a real id passes', async () => {
      expect((await stack.call('mail/get', { id: messageId }, token)).status).toBe(200);
    });
  });

  describe('mail/sync window: 1 to 200', () => {
    it('200 and 1 pass, 201 and 0 are 400', async () => {
      expect((await stack.call('mail/sync', { folderId: inbox, window: 200 }, token)).status).toBe(200);
      expect((await stack.call('mail/sync', { folderId: inbox, window: 1 }, token)).status).toBe(200);
      expect((await stack.call('mail/sync', { folderId: inbox, window: 201 }, token)).status).toBe(400);
      expect((await stack.call('mail/sync', { folderId: inbox, window: 0 }, token)).status).toBe(400);
    });
  });

  describe('contacts/sync window: 1 to 200', () => {
    it('200 and 1 pass, 201 and 0 are 400', async () => {
      const folderId = String(stack.sim.state.contacts('alice@contoso.test')!.defaultFolder().id);
      expect((await stack.call('contacts/sync', { folderId, window: 200 }, token)).status).toBe(200);
      expect((await stack.call('contacts/sync', { folderId, window: 1 }, token)).status).toBe(200);
      expect((await stack.call('contacts/sync', { folderId, window: 201 }, token)).status).toBe(400);
      expect((await stack.call('contacts/sync', { folderId, window: 0 }, token)).status).toBe(400);
    });
  });

  describe('contacts/sync folderId: 1 to 512 characters', () => {
    it('512 and 1 characters pass validation (404 folder_not_found from the mailbox), 513 and 0 are 400', async () => {
      const call = (folderId: string) => stack.call('contacts/sync', { folderId }, token);
      for (const passes of ['A'.repeat(512), 'A']) expect([(await call(passes)).status, (await call(passes)).body.code]).toEqual([404, 'folder_not_found']);
      for (const past of ['A'.repeat(513), '']) expect([(await call(past)).status, (await call(past)).body.code]).toEqual([400, 'bad_request']);
    });
  });

  describe('folder name: 1 to 255 characters, no control characters', () => {
    it('255 and 1 pass, 256, 0 and a control character are 400', async () => {
      const create = (name: string) => stack.call('folders/create', { name }, token);
      expect((await create('n'.repeat(255))).status).toBe(200);
      expect((await create('N')).status).toBe(200);
      expect((await create('n'.repeat(256))).status).toBe(400);
      expect((await create('')).status).toBe(400);
      expect((await create('tab\there')).status).toBe(400);
    });
  });

  describe('body.maxChars: 1 to 1,000,000', () => {
    it('1,000,000 and 1 pass, 1,000,001 and 0 are 400', async () => {
      const call = (maxChars: number) => stack.call('mail/sync', { folderId: inbox, window: 1, body: { type: 'text', maxChars } }, token);
      expect((await call(1_000_000)).status).toBe(200);
      expect((await call(1)).status).toBe(200);
      expect((await call(1_000_001)).status).toBe(400);
      expect((await call(0)).status).toBe(400);
    });
  });

  describe(`sync state: ${maxStateLength} characters`, () => {
    const ring = createKeyRing([{ id: 'k1', key: Buffer.alloc(32, 1) }]);
    const binding = { tid: 't', oid: 'o', collection: 'folders' as const };
    const reason = (token: string) => {
      try {
        openState(token, binding, ring, foldersSyncCommand.stateSchema);
      } catch (error) {
        return (error as { logReason?: string }).logReason;
      }
      return 'opened';
    };
    it('4096 characters are decoded (and fail as a forgery), 4097 are refused unread; both 410 to the device', async () => {
      expect(reason('A'.repeat(4096))).not.toBe('too_long');
      expect(reason('A'.repeat(4097))).toBe('too_long');
      expect((await stack.call('folders/sync', { state: 'A'.repeat(4096) }, token)).status).toBe(410);
      expect((await stack.call('folders/sync', { state: 'A'.repeat(4097) }, token)).status).toBe(410);
    });
    it('an empty state is 400', async () => {
      expect((await stack.call('folders/sync', { state: '' }, token)).status).toBe(400);
    });
  });

  describe(`bearer token: ${maxTokenLengthInChars} characters`, () => {
    /**
     * A validly signed token of exactly `length` characters. Unpadded base64url never has a length of
     * 4k + 1, so a header field of 0 to 3 characters shifts the payload's share until one fits.
     */
    async function tokenOfLength(length: number): Promise<string> {
      const mint = (pad: number, shift: number) =>
        mintTestToken({ claims: deviceClaims(stack.idp, 'alice@contoso.test', { pad: 'x'.repeat(pad) }), header: { shift: 'y'.repeat(shift) } as never });
      const base = await mint(0, 0);
      const estimate = Math.floor(((length - base.length) * 3) / 4) - 6;
      for (let shift = 0; shift < 4; shift++) {
        for (let pad = Math.max(0, estimate); pad < estimate + 16; pad++) {
          const candidate = await mint(pad, shift);
          if (candidate.length === length) return candidate;
          if (candidate.length > length) break;
        }
      }
      throw new Error(`no token of exactly ${length} characters`);
    }
    it('a signed token of 8192 characters is decoded and accepted, 8193 are 401 "too large" without being decoded', async () => {
      const at = await tokenOfLength(8192);
      expect(at.length).toBe(8192);
      expect((await stack.call('folders/sync', {}, at)).status).toBe(200);
      const past = `${at}x`;
      const answer = await stack.call('folders/sync', {}, past);
      expect([answer.status, answer.body.code]).toEqual([401, 'unauthorized']);
      expect(answer.headers.get('www-authenticate')).toContain('The token is too large.');
    });
  });
});
