import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Attachment, Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { fullMessageSchema, messageSchema } from '../../shared/protocol/schemas/mail';
import { fullMessageSelectFields, mergeGraphMessage, messageSelectFields, missingMessageFields } from '../../shared/translate/partialMessages';
import { toDeviceFullMessage, toDeviceMessage } from '../../shared/translate/toDeviceMessage';
import { keptPrefixLength, wellFormednessProblems } from '../unit/translate/bodyChecks';
import { browserView, cutProblems } from '../unit/translate/browserOracle';

/** Microsoft's documented payloads; CI clones the repo with `shared/` beside it. */
const samples = path.join(__dirname, '../fixtures/graph-samples');
const sample = <T>(name: string): T => JSON.parse(readFileSync(path.join(samples, `${name}.json`), 'utf8')) as T;

const messageGet = sample<GraphMessage>('message-get');
const attachmentList = sample<{ value: Attachment[] }>('attachment-list');
const deltaPages = ['message-delta-page1', 'message-delta-page2', 'message-delta-final-deltaLink'].map((name) => sample<{ value: GraphMessage[] }>(name));
const deltaItems = deltaPages.flatMap((page) => page.value);
const noBody = { type: 'none' } as const;

describe('message-get.json (GET /me/messages/{id}, HTML body by default)', () => {
  it('carries every field mail/get selects', () => {
    expect(missingMessageFields(messageGet, fullMessageSelectFields)).toEqual([]);
  });

  it('becomes a valid full message with every documented field mapped', () => {
    const message = toDeviceFullMessage(messageGet, attachmentList.value, { body: { type: 'html' } });
    expect(fullMessageSchema.parse(message)).toEqual(message);
    expect(message).toMatchObject({
      id: 'AAMkADhMGAAA=',
      folderId: 'AAMkADcbAAAAAAEJAAA=',
      conversationId: 'AAQkADOUpag6yWs=',
      receivedAt: '2018-09-09T03:15:08Z',
      from: { name: 'Adele Vance', address: 'adelev@contoso.OnMicrosoft.com' },
      to: [{ name: 'Alex Wilber', address: 'AlexW@contoso.OnMicrosoft.com' }],
      cc: [],
      bcc: [],
      replyTo: [],
      subject: '9/9/2018: concert',
      preview: 'The group represents Nevada.',
      read: true,
      flag: 'none',
      importance: 'normal',
      hasAttachments: false,
      categories: [],
      internetMessageId: '<MWHPR6E1BE060@MWHPR1120.namprd22.prod.outlook.com>',
      body: { type: 'html', content: messageGet.body!.content, truncated: false },
    });
  });

  it('becomes a valid sync message without a body when none is asked for, and without its folder', () => {
    const message = toDeviceMessage(messageGet, { body: noBody });
    expect(messageSchema.parse(message)).toEqual(message);
    expect(message).not.toHaveProperty('body');
    expect(message).not.toHaveProperty('folderId');
  });

  it('keeps its HTML body whole when its text (28 characters a reader sees) fits maxChars, head and all', () => {
    expect(toDeviceMessage(messageGet, { body: { type: 'html', maxChars: 40 } }).body).toEqual({ type: 'html', content: messageGet.body!.content, truncated: false });
  });

  it.each([5, 10, 20, 27])('keeps its HTML body well-formed when cut to %i characters of text', (maxChars) => {
    const body = toDeviceMessage(messageGet, { body: { type: 'html', maxChars } }).body!;
    expect(body.truncated).toBe(true);
    // White space between the tags counts too (a reader's text node): the words start after a line break.
    const words = browserView(body.content).visibleText.trim();
    expect('The group represents Nevada.'.startsWith(words)).toBe(true);
    expect(words.length).toBeGreaterThanOrEqual(maxChars - 3);
    expect(cutProblems(messageGet.body!.content!, body.content)).toEqual([]);
    expect(wellFormednessProblems(body.content)).toEqual([]);
    expect(keptPrefixLength(messageGet.body!.content!, body.content)).toBeGreaterThan(0);
  });
});

describe('attachment-list.json (placeholders, contentId as the string "null", @odata.type without #)', () => {
  it('maps to attachment infos: @odata.type without # is a file, contentId "null" is none, contentBytes is never read', () => {
    const [info] = toDeviceFullMessage(messageGet, attachmentList.value, { body: noBody }).attachments;
    expect(info).toEqual({ id: 'id-value', name: 'name-value', contentType: 'contentType-value', size: 99, inline: false, kind: 'file' });
    const reference = { ...attachmentList.value[0], '@odata.type': '#microsoft.graph.referenceAttachment', contentId: 'logo@01DB' } as (typeof attachmentList.value)[number];
    const other = toDeviceFullMessage(messageGet, [reference], { body: noBody }).attachments[0];
    expect(other).toMatchObject({ kind: 'reference', contentId: 'logo@01DB' });
    expect(fullMessageSchema.shape.attachments.parse([info])).toEqual([info]);
  });
});

describe('message delta pages (only the $select-ed subject, sender, isRead came back)', () => {
  it('are partial: every mapped field but id, subject and isRead is missing', () => {
    for (const item of deltaItems) {
      expect(missingMessageFields(item, messageSelectFields(noBody))).toEqual([
        'conversationId',
        'receivedDateTime',
        'from',
        'toRecipients',
        'ccRecipients',
        'bodyPreview',
        'flag',
        'importance',
        'hasAttachments',
        'categories',
      ]);
    }
  });

  it('are never translated with invented defaults', () => {
    for (const item of deltaItems) expect(() => toDeviceMessage(item, { body: noBody })).toThrow(TypeError);
  });

  it('become valid messages once merged with the fetched item, the delta values winning', () => {
    for (const item of deltaItems) {
      const fetched: GraphMessage = { ...messageGet, id: item.id, subject: 'stale subject', isRead: !item.isRead };
      const merged = mergeGraphMessage(item, fetched);
      const message = toDeviceMessage(merged, { body: noBody });
      expect(messageSchema.parse(message)).toEqual(message);
      expect(message).toMatchObject({ id: item.id, subject: item.subject, read: item.isRead });
      // `sender` is not `from`: the sender the delta sent never stands in for the from it did not send.
      expect(message.from).toEqual({ name: 'Adele Vance', address: 'adelev@contoso.OnMicrosoft.com' });
    }
  });

  it('with a body asked for, also lack the body', () => {
    expect(missingMessageFields(deltaItems[0]!, messageSelectFields({ type: 'text', maxChars: 100 }))).toContain('body');
  });
});
