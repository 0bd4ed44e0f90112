import type { Attachment, Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { fullMessageSchema, messageSchema } from '../../../shared/protocol/schemas/mail';
import { mergeGraphItem } from '../../../shared/translate/mergeGraphItem';
import { fullMessageSelectFields, mergeGraphMessage, messageSelectFields, missingMessageFields } from '../../../shared/translate/partialMessages';
import { attachmentSelectFields } from '../../../shared/translate/toDeviceAttachmentInfo';
import { toDeviceDegradedMessage, toDeviceFullMessage, toDeviceMessage } from '../../../shared/translate/toDeviceMessage';

const noBody = { type: 'none' } as const;

function graphMessage(overrides: GraphMessage = {}): GraphMessage {
  return {
    id: 'AAMkMsg1',
    parentFolderId: 'AAMkInbox',
    conversationId: 'AAQkConv1',
    receivedDateTime: '2024-05-01T08:30:00Z',
    from: { emailAddress: { name: 'Adele Vance', address: 'adelev@contoso.com' } },
    toRecipients: [{ emailAddress: { name: 'Alex Wilber', address: 'alexw@contoso.com' } }],
    ccRecipients: [],
    bccRecipients: [{ emailAddress: { name: 'Megan Bowen', address: 'meganb@contoso.com' } }],
    replyTo: [{ emailAddress: { name: 'Sales', address: 'sales@contoso.com' } }],
    subject: 'Quarterly numbers',
    bodyPreview: 'Here they are.',
    body: { contentType: 'html', content: '<p>Here <b>they</b> are.</p>' },
    isRead: false,
    flag: { flagStatus: 'flagged' },
    importance: 'high',
    hasAttachments: true,
    categories: ['Red category'],
    internetMessageId: '<abc@contoso.com>',
    ...overrides,
  };
}

describe('toDeviceMessage', () => {
  it('maps every field', () => {
    const message = toDeviceMessage(graphMessage(), { body: noBody });
    expect(message).toEqual({
      id: 'AAMkMsg1',
      conversationId: 'AAQkConv1',
      receivedAt: '2024-05-01T08:30:00Z',
      from: { name: 'Adele Vance', address: 'adelev@contoso.com' },
      to: [{ name: 'Alex Wilber', address: 'alexw@contoso.com' }],
      cc: [],
      subject: 'Quarterly numbers',
      preview: 'Here they are.',
      read: false,
      flag: 'flagged',
      importance: 'high',
      hasAttachments: true,
      categories: ['Red category'],
      unavailable: [],
    });
    expect(messageSchema.parse(message)).toEqual(message);
  });

  it.each([
    ['notFlagged', 'none'],
    ['flagged', 'flagged'],
    ['complete', 'complete'],
    [null, 'none'],
  ] as const)('maps flag status %p to %p', (flagStatus, flag) => {
    expect(toDeviceMessage(graphMessage({ flag: { flagStatus } }), { body: noBody }).flag).toBe(flag);
    expect(toDeviceMessage(graphMessage({ flag: null }), { body: noBody }).flag).toBe('none');
  });

  it('maps what Graph sent as null to empty values', () => {
    const message = toDeviceMessage(
      graphMessage({
        conversationId: null,
        receivedDateTime: null,
        from: null,
        toRecipients: null,
        ccRecipients: [{ emailAddress: null }, { emailAddress: { address: 'x@contoso.com' } }],
        subject: null,
        bodyPreview: null,
        isRead: null,
        importance: null,
        hasAttachments: null,
        categories: null,
      }),
      { body: noBody },
    );
    expect(message).toMatchObject({ conversationId: null, receivedAt: null, from: null, to: [], cc: [{ name: '', address: 'x@contoso.com' }], subject: '', preview: '', read: false, importance: 'normal', hasAttachments: false, categories: [] });
    expect(messageSchema.parse(message)).toEqual(message);
  });

  it('leaves the folder out, even when Graph sends parentFolderId (the device asked for that folder)', () => {
    expect(toDeviceMessage(graphMessage({ parentFolderId: 'AAMkSent' }), { body: noBody })).not.toHaveProperty('folderId');
  });

  it('adds the body only when asked for, shaped to maxChars', () => {
    expect(toDeviceMessage(graphMessage(), { body: noBody }).body).toBeUndefined();
    expect(toDeviceMessage(graphMessage(), { body: { type: 'html' } }).body).toEqual({ type: 'html', content: '<p>Here <b>they</b> are.</p>', truncated: false });
    // HTML: maxChars counts the text a reader sees (6: "Here t"), markup rides along.
    expect(toDeviceMessage(graphMessage(), { body: { type: 'html', maxChars: 6 } }).body).toEqual({ type: 'html', content: '<p>Here <b>t</b></p>', truncated: true });
    expect(toDeviceMessage(graphMessage(), { body: { type: 'html', maxChars: 20 } }).body).toEqual({ type: 'html', content: '<p>Here <b>they</b> are.</p>', truncated: false });
    const text = graphMessage({ body: { contentType: 'text', content: 'Here they are. 👋' } });
    expect(toDeviceMessage(text, { body: { type: 'text', maxChars: 16 } }).body).toEqual({ type: 'text', content: 'Here they are. ', truncated: true });
    expect(toDeviceMessage(graphMessage({ body: null }), { body: { type: 'text' } }).body).toBeUndefined();
  });

  it('refuses a partial item instead of inventing defaults (TypeError naming what is missing)', () => {
    const partial: GraphMessage = { id: 'AAMkMsg1', isRead: true };
    expect(() => toDeviceMessage(partial, { body: noBody })).toThrow(TypeError);
    expect(() => toDeviceMessage(partial, { body: noBody })).toThrow(/conversationId, receivedDateTime, from/);
    const { body: _body, ...withoutBody } = graphMessage();
    expect(() => toDeviceMessage(withoutBody, { body: { type: 'text' } })).toThrow(/Graph did not send body;/);
  });
});

describe('select lists and merging partial delta items', () => {
  it('selects the body only when one is asked for', () => {
    expect(messageSelectFields(noBody)).not.toContain('body');
    expect(messageSelectFields({ type: 'text', maxChars: 10 })).toContain('body');
    expect(fullMessageSelectFields).toEqual(expect.arrayContaining([...messageSelectFields({ type: 'text' }), 'parentFolderId', 'bccRecipients', 'replyTo', 'internetMessageId']));
    expect(attachmentSelectFields).not.toContain('contentBytes');
  });

  it('lists only the fields Graph did not send; null counts as sent', () => {
    const partial: GraphMessage = { id: 'AAMkMsg1', isRead: true, subject: null };
    expect(missingMessageFields(partial, ['id', 'isRead', 'subject', 'flag', 'body'])).toEqual(['flag', 'body']);
  });

  it('fills in only what the delta lacked, keeping the delta values (null included)', () => {
    const partial = { id: 'AAMkMsg1', isRead: true, subject: null, '@odata.etag': 'W/"delta"' } as GraphMessage;
    const fetched = { ...graphMessage(), '@odata.etag': 'W/"fetched"', '@odata.context': 'x' } as GraphMessage;
    const merged = mergeGraphMessage(partial, fetched);
    expect(merged).toMatchObject({ isRead: true, subject: null, conversationId: 'AAQkConv1', '@odata.etag': 'W/"delta"' });
    expect(merged).not.toHaveProperty('@odata.context');
    expect(missingMessageFields(merged, messageSelectFields(noBody))).toEqual([]);
    expect(toDeviceMessage(merged, { body: noBody })).toMatchObject({ read: true, subject: '', conversationId: 'AAQkConv1' });
    expect(partial).toEqual({ id: 'AAMkMsg1', isRead: true, subject: null, '@odata.etag': 'W/"delta"' });
  });

  it('refuses to merge two different items', () => {
    expect(() => mergeGraphMessage({ id: 'a' }, { id: 'b' })).toThrow(TypeError);
    expect(() => mergeGraphItem({}, {})).toThrow(TypeError);
    // A fill-in fetched with `$select` of the missing fields only may come back without its id.
    expect(mergeGraphMessage({ id: 'a', isRead: true }, { subject: 's' })).toEqual({ id: 'a', isRead: true, subject: 's' });
  });
});

describe('toDeviceFullMessage', () => {
  const attachments: Attachment[] = [
    { id: 'AAMkAtt1', name: 'report.pdf', contentType: 'application/pdf', size: 52_000, isInline: false },
    { id: 'AAMkAtt2', name: 'logo.png', contentType: 'image/png', size: 1_200, isInline: true },
    { id: 'AAMkAtt3', name: null, contentType: null, size: 0 },
  ];

  it('adds the folder, bcc, reply-to, Message-ID and attachments', () => {
    const message = toDeviceFullMessage(graphMessage(), attachments, { body: { type: 'html' } });
    expect(message).toMatchObject({
      folderId: 'AAMkInbox',
      bcc: [{ name: 'Megan Bowen', address: 'meganb@contoso.com' }],
      replyTo: [{ name: 'Sales', address: 'sales@contoso.com' }],
      internetMessageId: '<abc@contoso.com>',
      attachments: [
        { id: 'AAMkAtt1', name: 'report.pdf', contentType: 'application/pdf', size: 52_000, inline: false },
        { id: 'AAMkAtt2', name: 'logo.png', contentType: 'image/png', size: 1_200, inline: true },
        { id: 'AAMkAtt3', name: '', contentType: 'application/octet-stream', size: 0, inline: false },
      ],
      body: { type: 'html', content: '<p>Here <b>they</b> are.</p>', truncated: false },
    });
    expect(fullMessageSchema.parse(message)).toEqual(message);
  });

  it('needs the folder from Graph or the options, and the full-message fields', () => {
    expect(toDeviceFullMessage(graphMessage({ parentFolderId: 'AAMkSent' }), [], { folderId: 'AAMkInbox', body: noBody }).folderId).toBe('AAMkSent');
    const { parentFolderId: _parent, ...withoutFolder } = graphMessage();
    expect(toDeviceFullMessage(withoutFolder, [], { folderId: 'AAMkInbox', body: noBody }).folderId).toBe('AAMkInbox');
    expect(() => toDeviceFullMessage(withoutFolder, [], { body: noBody })).toThrow(TypeError);
    const { replyTo: _replyTo, ...withoutReplyTo } = graphMessage();
    expect(() => toDeviceFullMessage(withoutReplyTo, [], { body: noBody })).toThrow(/replyTo/);
    expect(() => toDeviceFullMessage(graphMessage(), [{ name: 'x' }], { body: noBody })).toThrow(TypeError);
  });
});

describe('toDeviceDegradedMessage (issue #24: one message never blocks a folder)', () => {
  const html = { type: 'html', maxChars: 10 } as const;

  it('is the whole message when every field translates', () => {
    expect(toDeviceDegradedMessage(graphMessage(), { body: html })).toEqual(toDeviceMessage(graphMessage(), { body: html }));
  });

  it('gives each missing or unfit field its empty value and names it; keeps the rest', () => {
    const { subject: _s, isRead: _r, ...partial } = graphMessage({ categories: [7 as unknown as string], toRecipients: 'x' as never });
    expect(() => toDeviceMessage(partial, { body: html })).toThrow(TypeError);
    const message = toDeviceDegradedMessage(partial, { body: html });
    expect(message).toMatchObject({ id: 'AAMkMsg1', subject: '', read: false, to: [], categories: [], importance: 'high', body: { content: '<p>Here <b>they</b> </p>', truncated: true } });
    expect(message.unavailable).toEqual(['to', 'subject', 'read', 'categories']);
    expect(messageSchema.safeParse(message).success).toBe(true);
  });

  it.each([
    ['content an object', { contentType: 'html', content: {} }],
    ['content a number', { contentType: 'text', content: 5 }],
    ['an unknown type', { contentType: 'rtf', content: 'x' }],
  ])('leaves out a body it cannot shape (%s) and names it', (_name, body) => {
    const message = toDeviceDegradedMessage(graphMessage({ body: body as never }), { body: html });
    expect(message.body).toBeUndefined();
    expect(message.unavailable).toEqual(['body']);
    expect(messageSchema.safeParse(message).success).toBe(true);
  });

  it('mail/get answers such a message degraded too, with its own fields', () => {
    const full = toDeviceFullMessage(graphMessage({ from: { emailAddress: { name: 7 as unknown as string } } }), [], { body: { type: 'html' } });
    expect(full).toMatchObject({ from: null, unavailable: ['from'], folderId: 'AAMkInbox', internetMessageId: '<abc@contoso.com>' });
    expect(fullMessageSchema.safeParse(full).success).toBe(true);
  });

  it('names a body Graph left out, and not one Graph sent as null', () => {
    const { body: _b, ...noBodyField } = graphMessage();
    expect(toDeviceDegradedMessage(noBodyField, { body: html }).unavailable).toEqual(['body']);
    expect(toDeviceDegradedMessage(graphMessage({ body: null }), { body: html }).unavailable).toEqual([]);
  });
});
