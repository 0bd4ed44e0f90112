import fc from 'fast-check';
import { z } from 'zod';
import { omitDefaults } from '../../../shared/protocol/omitDefaults';
import { eventSchema, type Event } from '../../../shared/protocol/schemas/calendar';
import { fullMessageSchema, mailGetResponse, mailSyncResponse, messageSchema, type FullMessage, type Message } from '../../../shared/protocol/schemas/mail';
import { jsonSchemaArbitrary } from '../../fuzz/jsonSchemaArbitrary';

/** The defaults the device API declares (decided in issue 8), per type: what the wire never holds. */
const messageDefaults = { cc: [], flag: 'none', importance: 'normal', hasAttachments: false, categories: [] };
const fullMessageDefaults = { ...messageDefaults, bcc: [], replyTo: [], attachments: [] };
const bodyDefaults = { truncated: false };
const attachmentDefaults = { inline: false };

/** Keys of `value` that hold the default `defaults` gives them. */
function defaultValuedKeys(value: object, defaults: Record<string, unknown>): string[] {
  return Object.entries(value).flatMap(([key, v]) => (key in defaults && JSON.stringify(v) === JSON.stringify(defaults[key]) ? [key] : []));
}

/** Complete messages (every field present, as handlers return them) drawn from the schema's output form. */
function completeValues<T>(schema: z.ZodType): fc.Arbitrary<T> {
  return jsonSchemaArbitrary(z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>) as fc.Arbitrary<T>;
}

const sample: Message = {
  id: 'AAMkMsg1',
  conversationId: null,
  receivedAt: '2024-05-01T08:30:00Z',
  from: { name: 'Adele Vance', address: 'adelev@contoso.com' },
  to: [],
  cc: [],
  subject: '',
  preview: '',
  read: false,
  flag: 'none',
  importance: 'normal',
  hasAttachments: false,
  categories: [],
  unavailable: [],
  body: { type: 'text', content: '', truncated: false },
};

describe('omitDefaults', () => {
  it('leaves out every field at its declared default, at any depth, and nothing else', () => {
    const wire = omitDefaults(mailSyncResponse, { state: 's', more: false, reset: false, upserts: [sample], removed: [] });
    expect(wire).toEqual({
      state: 's',
      more: false,
      reset: false,
      upserts: [{ id: 'AAMkMsg1', conversationId: null, receivedAt: '2024-05-01T08:30:00Z', from: { name: 'Adele Vance', address: 'adelev@contoso.com' }, to: [], subject: '', preview: '', read: false, body: { type: 'text', content: '' } }],
      removed: [],
    });
  });

  it('keeps a field whose value differs from its default', () => {
    const flagged: Message = { ...sample, flag: 'flagged', categories: ['Red'], cc: [{ name: '', address: 'x@contoso.com' }], body: { type: 'html', content: '<p>', truncated: true } };
    expect(omitDefaults(messageSchema, flagged)).toMatchObject({ flag: 'flagged', categories: ['Red'], cc: [{ name: '', address: 'x@contoso.com' }], body: { truncated: true } });
  });

  it('walks into arrays, optional, nullable and default wrappers and named schemas, and changes nothing in place', () => {
    const item = z.object({ on: z.boolean().default(false), tags: z.array(z.string()).default([]) }).meta({ id: 'TestItem' });
    const schema = z.object({
      list: z.array(item),
      maybe: item.optional(),
      orNull: item.nullable(),
      withDefault: item.default({ on: false, tags: [] }),
      changed: item.default({ on: true, tags: [] }),
    });
    const value = { list: [{ on: false, tags: ['a'] }, { on: true, tags: [] }], maybe: { on: false, tags: [] }, orNull: null, withDefault: { on: false, tags: [] }, changed: { on: false, tags: [] } };
    const copy = structuredClone(value);
    expect(omitDefaults(schema, value)).toEqual({ list: [{ tags: ['a'] }, { on: true }], maybe: {}, orNull: null, changed: {} });
    expect(value).toEqual(copy);
  });

  it('passes keys the schema does not know and schemas it does not walk through unchanged', () => {
    const union = z.union([z.object({ on: z.boolean().default(false) }), z.string()]);
    const schema = z.object({ either: union, on: z.boolean().default(false) });
    expect(omitDefaults(schema, { either: { on: false }, on: false, extra: 1 } as z.output<typeof schema>)).toEqual({ either: { on: false }, extra: 1 });
  });

  it('calendar Event: null and Graph-default fields and default attendee fields are left out; parsing restores them', () => {
    const event: Event = {
      id: 'AAMkEv1', type: 'single', subject: 'Sync', allDay: false, start: '2026-03-10T09:00:00+01:00', end: '2026-03-10T10:00:00+01:00',
      startZone: 'Europe/Berlin', endZone: 'Europe/Berlin', location: null, organizer: { name: 'Bob', address: 'bob@contoso.test' }, isOrganizer: true,
      attendees: [{ name: 'Ann', address: 'ann@contoso.test', type: 'required', response: 'none' }, { name: 'Lee', address: 'lee@contoso.test', type: 'optional', response: 'accepted' }],
      myResponse: null, responseRequested: true, allowNewTimeProposals: true, showAs: 'busy', sensitivity: 'normal', isCancelled: false, isOnline: false,
      joinUrl: null, preview: '', reminderMinutes: 15, categories: [], unavailable: [],
    };
    const wire = omitDefaults(eventSchema, event) as Record<string, unknown>;
    for (const key of ['location', 'myResponse', 'responseRequested', 'allowNewTimeProposals', 'joinUrl', 'preview', 'reminderMinutes']) expect(wire).not.toHaveProperty(key);
    expect(wire.attendees).toEqual([{ name: 'Ann', address: 'ann@contoso.test' }, { name: 'Lee', address: 'lee@contoso.test', type: 'optional', response: 'accepted' }]);
    expect(eventSchema.parse(JSON.parse(JSON.stringify(wire)))).toEqual(event);
    const off = omitDefaults(eventSchema, { ...event, reminderMinutes: null, responseRequested: false }) as Record<string, unknown>;
    expect(off).toMatchObject({ reminderMinutes: null, responseRequested: false });
  });

  it('mail/get: the full message keeps its folder and required fields, without its defaults', () => {
    const full: FullMessage = { ...sample, folderId: 'AAMkInbox', bcc: [], replyTo: [], internetMessageId: null, attachments: [{ id: 'AAMkAtt1', name: 'a.pdf', contentType: 'application/pdf', size: 1, inline: false, kind: 'file' }] };
    const { message } = omitDefaults(mailGetResponse, { message: full });
    expect(message).toMatchObject({ folderId: 'AAMkInbox', internetMessageId: null, attachments: [{ id: 'AAMkAtt1', name: 'a.pdf', contentType: 'application/pdf', size: 1 }] });
    expect(defaultValuedKeys(message, fullMessageDefaults)).toEqual([]);
    expect(message.attachments![0]).not.toHaveProperty('inline');
    expect(message.attachments![0]).not.toHaveProperty('kind');
  });

  it.each([
    ['Message', messageSchema, messageDefaults],
    ['FullMessage', fullMessageSchema, fullMessageDefaults],
  ] as const)('%s: the device parses the wire form back to the complete message, and the wire holds no default', (_name, schema, defaults) => {
    fc.assert(
      fc.property(completeValues<FullMessage>(schema), (message) => {
        const wire = omitDefaults(schema as z.ZodType, message) as Record<string, unknown> & Partial<FullMessage>;
        expect(schema.parse(JSON.parse(JSON.stringify(wire)))).toEqual(message);
        expect(defaultValuedKeys(wire, defaults)).toEqual([]);
        if (wire.body) expect(defaultValuedKeys(wire.body, bodyDefaults)).toEqual([]);
        for (const attachment of wire.attachments ?? []) expect(defaultValuedKeys(attachment, attachmentDefaults)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives null and undefined back as they are, through wrappers, and a value that is not the array its schema says', () => {
    const schema = z.object({ a: z.number().default(1) });
    expect(omitDefaults(schema.nullable(), null)).toBeNull();
    expect(omitDefaults(schema.optional(), undefined)).toBeUndefined();
    expect(omitDefaults(z.array(schema), 'not an array' as never)).toBe('not an array');
    expect(omitDefaults(z.object({ inner: schema.nullable() }), { inner: null })).toEqual({ inner: null });
  });
});
