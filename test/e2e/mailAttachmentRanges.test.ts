import { createHash } from 'node:crypto';
import { smallMailboxes } from '../helpers/graphSimHarness';
import { startStack, type Stack } from '../helpers/startStack';
import { deviceAnswerProblems } from '../helpers/deviceAnswerProblems';

const upn = 'alice@contoso.test';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A file longer than a chunk of the simulator's stream, so ranges cross chunk borders. */
const fileLength = 200_000;

/**
 * Ranges of GET mail/attachment, with and without Graph's Content-Length (the simulator's
 * `attachmentValueWithoutLength`, UNVERIFIED which Graph does), and whether or not Graph honours Range
 * itself (`attachmentValueRange`, UNVERIFIED; Ferry never sends it one, so it must not matter). Item
 * attachments as .eml, .vcf and .ics; a reference attachment is not downloadable.
 */
describe('GET mail/attachment: ranges, item and reference attachments', () => {
  let stack: Stack;
  let alice: string;
  let messageId: string;
  const ids: Record<string, string> = {};
  const direct: Record<string, Buffer> = {};

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: smallMailboxes } });
    alice = await stack.token(upn);
    messageId = stack.sim.state.simulateArrival(upn, {
      subject: 'Files and items',
      attachments: [
        { name: 'data.bin', contentType: 'application/octet-stream', byteLength: fileLength },
        { name: 'Quarterly review', kind: 'item', itemType: 'message' },
        { name: 'Dana Swope', kind: 'item', itemType: 'contact' },
        { name: 'Team offsite', kind: 'item', itemType: 'event' },
        { name: 'Plan.docx', kind: 'reference', sourceUrl: 'https://contoso.sharepoint.test/plan.docx' },
      ],
    });
    for (const attachment of stack.sim.state.mailbox(upn)!.attachments(messageId)) {
      ids[String(attachment.name)] = String(attachment.id);
      if (attachment.name === 'Plan.docx') continue;
      const response = await fetch(`${stack.sim.url}/v1.0/me/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(String(attachment.id))}/$value`, {
        headers: { authorization: `Bearer ${await stack.graphToken(upn)}` },
      });
      direct[String(attachment.name)] = Buffer.from(await response.arrayBuffer());
    }
  });
  afterAll(() => stack.close());

  const download = (name: string, range?: string) =>
    stack.call('mail/attachment', { message: messageId, attachment: ids[name]! }, alice, range === undefined ? {} : { headers: { range } });

  const L = fileLength;
  // [label, Range, [first, last] byte of the answer with Graph's length, and without it (`total`: the
  // file ended inside the range, so Ferry knows and names the length; else `*`), or the whole file].
  const cases: Array<[string, string, [number, number], [number, number, boolean] | 'whole']> = [
    ['at the start', 'bytes=0-99', [0, 99], [0, 99, false]],
    ['in the middle, across a chunk border', 'bytes=65000-70000', [65000, 70000], [65000, 70000, false]],
    ['the last byte', `bytes=${L - 1}-${L - 1}`, [L - 1, L - 1], [L - 1, L - 1, false]],
    ['an end past the last byte', `bytes=${L - 10}-${L + 500}`, [L - 10, L - 1], [L - 10, L - 1, true]],
    ['open-ended', 'bytes=100-', [100, L - 1], 'whole'],
    ['a closed range over 8 MiB', 'bytes=0-9000000', [0, L - 1], 'whole'],
  ];

  describe.each([false, true])('Graph sends no Content-Length: %s', (withoutLength) => {
    describe.each([false, true])('Graph honours Range: %s', (honoursRange) => {
      beforeAll(() => stack.sim.state.setFlags({ attachmentValueWithoutLength: withoutLength, attachmentValueRange: honoursRange }));

      it.each(cases)('%s (%s)', async (_label, range, known, unknown) => {
        const answer = await download('data.bin', range);
        expect(deviceAnswerProblems({ status: answer.status, headers: answer.headers, text: '' }, undefined, { download: true })).toEqual([]);
        const expected = withoutLength ? unknown : known;
        if (expected === 'whole') {
          expect(answer.status).toBe(200);
          expect(sha256(answer.bytes!)).toBe(sha256(direct['data.bin']!));
          expect(answer.headers.get('content-length')).toBeNull();
          return;
        }
        const [first, last] = expected;
        expect(answer.status).toBe(206);
        expect(answer.bytes!.equals(direct['data.bin']!.subarray(first, last + 1))).toBe(true);
        expect(answer.headers.get('content-length')).toBe(String(last - first + 1));
        const total = !withoutLength || (expected as [number, number, boolean])[2] ? String(L) : '*';
        expect(answer.headers.get('content-range')).toBe(`bytes ${first}-${last}/${total}`);
      });

      it.each([
        ['a suffix', 'bytes=-100'],
        ['several ranges', 'bytes=0-9,20-29'],
        ['another unit', 'items=0-9'],
        ['a malformed range', 'bytes=9-1'],
      ])('%s (%s) gets 200 and the whole file', async (_label, range) => {
        const answer = await download('data.bin', range);
        expect(answer.status).toBe(200);
        expect(sha256(answer.bytes!)).toBe(sha256(direct['data.bin']!));
        expect(answer.headers.get('content-range')).toBeNull();
        expect(answer.headers.get('content-length')).toBe(withoutLength ? null : String(L));
      });

      it.each([`bytes=${L}-`, `bytes=${L}-${L + 10}`, 'bytes=999999999-999999999'])('a start past the end (%s) is 416 with the length', async (range) => {
        const answer = await download('data.bin', range);
        // Open-ended without Graph's length: Ferry cannot know it is past the end, so the whole file.
        if (withoutLength && range.endsWith('-')) {
          expect(answer.status).toBe(200);
          return;
        }
        expect([answer.status, answer.body.code]).toEqual([416, 'range_not_satisfiable']);
        expect(answer.headers.get('content-range')).toBe(`bytes */${L}`);
        expect(deviceAnswerProblems({ status: answer.status, headers: answer.headers, text: JSON.stringify(answer.body) })).toEqual([]);
      });

      it('If-Range: no validator can match, so the whole file', async () => {
        const answer = await stack.call('mail/attachment', { message: messageId, attachment: ids['data.bin']! }, alice, { headers: { range: 'bytes=0-9', 'if-range': '"abc"' } });
        expect(answer.status).toBe(200);
        expect(answer.bytes!.length).toBe(L);
      });
    });

    it.each([
      ['Quarterly review', 'Quarterly review.eml', 'message/rfc822', /^From: /],
      ['Dana Swope', 'Dana Swope.vcf', 'text/vcard', /^BEGIN:VCARD\r\n/],
      ['Team offsite', 'Team offsite.ics', 'text/calendar', /^BEGIN:VCALENDAR\r\n/],
    ])('an item attachment (%s) comes as %s, %s, byte for byte', async (name, fileName, type, start) => {
      const answer = await download(name);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe(type);
      expect(answer.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
      expect(sha256(answer.bytes!)).toBe(sha256(direct[name]!));
      expect(answer.bytes!.toString('utf8')).toMatch(start);
    });

    it('a reference attachment is 409 not_downloadable (its $value is 405)', async () => {
      const answer = await download('Plan.docx');
      expect([answer.status, answer.body.code]).toEqual([409, 'not_downloadable']);
      expect(deviceAnswerProblems({ status: answer.status, headers: answer.headers, text: JSON.stringify(answer.body) })).toEqual([]);
    });
  });

  it('mail/get names the kinds; Content-Length never comes from size', async () => {
    stack.sim.state.setFlags({ attachmentValueWithoutLength: false, attachmentValueRange: false });
    const answer = await stack.call('mail/get', { id: messageId }, alice);
    const kinds = Object.fromEntries((answer.body.message.attachments as Array<{ name: string; kind?: string; size: number }>).map((a) => [a.name, a.kind ?? 'file']));
    expect(kinds).toEqual({ 'data.bin': 'file', 'Quarterly review': 'item', 'Dana Swope': 'item', 'Team offsite': 'item', 'Plan.docx': 'reference' });
    const size = (answer.body.message.attachments as Array<{ name: string; size: number }>).find((a) => a.name === 'data.bin')!.size;
    expect(size).not.toBe(L);
    expect((await download('data.bin')).headers.get('content-length')).toBe(String(L));
  });
});
