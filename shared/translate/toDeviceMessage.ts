import type { Attachment, FollowupFlagStatus, Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { bodySchema, messageSchema, type BodyPreference, type FullMessage, type Message } from '../protocol/schemas/mail';
import { assertNoMissingFields } from './missingGraphFields';
import { messageSelectFields } from './partialMessages';
import { shapeBody } from './shapeBody';
import { toDeviceAddress, toDeviceAddresses } from './toDeviceAddress';
import { toDeviceAttachmentInfo } from './toDeviceAttachmentInfo';
import { toDevicePreview } from './toDevicePreview';

export interface ToDeviceMessageOptions {
  /** The device's body preference: no body for `none`, else the body shaped to `maxChars`. */
  body: BodyPreference;
}

const flags: Record<FollowupFlagStatus, Message['flag']> = { notFlagged: 'none', flagged: 'flagged', complete: 'complete' };

/**
 * A complete Graph message as a folder's sync sends it: without its folder, which the device named in
 * its request. Precondition: Graph sent every field of `messageSelectFields(options.body)` (a partial
 * delta item is completed with mergeGraphMessage first); otherwise TypeError, since a guessed default
 * would overwrite the device's true value.
 * A property Graph sent as null becomes the field's empty value (`''`, `[]`, null, `none`, `normal`).
 * The preview is Graph's bodyPreview on one line (toDevicePreview).
 * The body is Graph's, in the type Graph answered (the `Prefer: outlook.body-content-type` header
 * asks for the preferred one), omitted when Graph has none.
 */
export function toDeviceMessage(graphMessage: GraphMessage, options: ToDeviceMessageOptions): Message {
  assertNoMissingFields('toDeviceMessage', graphMessage, messageSelectFields(options.body));
  const message = { ...Object.fromEntries(deviceFields.map(([field, , translate]) => [field, translate(graphMessage)])), unavailable: [] } as unknown as Message;
  const body = graphMessage.body;
  if (options.body.type !== 'none' && body) {
    message.body = shapeBody(body.content ?? '', body.contentType ?? options.body.type, options.body.maxChars);
  }
  return checkedMessage(message);
}

/**
 * The message as translated, if it fits its schema. A Graph property of a shape no translator expects
 * (a name that is a number, a body that is an object) would otherwise go to the device as it is: the
 * TypeError names only the fields, never their values (mailbox content).
 */
function checkedMessage(message: Message): Message {
  const checked = messageSchema.safeParse(message);
  if (checked.success) return message;
  const fields = [...new Set(checked.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  throw new TypeError(`toDeviceMessage: Graph sent ${fields.join(', ')} in a shape the device schema does not allow.`);
}

type DeviceField = Exclude<keyof Message, 'body' | 'unavailable'>;

/** Each device field, the Graph property it comes from, and how (null becomes the field's empty value). */
const deviceFields: ReadonlyArray<readonly [DeviceField, keyof GraphMessage, (graphMessage: GraphMessage) => unknown]> = [
  ['id', 'id', (m) => m.id],
  ['conversationId', 'conversationId', (m) => m.conversationId ?? null],
  ['receivedAt', 'receivedDateTime', (m) => m.receivedDateTime ?? null],
  ['from', 'from', (m) => toDeviceAddress(m.from)],
  ['to', 'toRecipients', (m) => toDeviceAddresses(m.toRecipients)],
  ['cc', 'ccRecipients', (m) => toDeviceAddresses(m.ccRecipients)],
  ['subject', 'subject', (m) => m.subject ?? ''],
  ['preview', 'bodyPreview', (m) => toDevicePreview(m.bodyPreview)],
  ['read', 'isRead', (m) => m.isRead ?? false],
  ['flag', 'flag', (m) => flags[m.flag?.flagStatus ?? 'notFlagged'] ?? 'none'],
  ['importance', 'importance', (m) => m.importance ?? 'normal'],
  ['hasAttachments', 'hasAttachments', (m) => m.hasAttachments ?? false],
  ['categories', 'categories', (m) => m.categories ?? []],
];

/**
 * The device form of a message toDeviceMessage refused or threw on (Graph left out a selected field
 * even after the fill-in, or a field or the body is a shape no translator expects): one stranger's
 * message must not block its folder, so it goes out degraded rather than failing the answer. Each field
 * is translated on its own and checked against its schema; a field that is missing, throws or does not
 * fit carries its empty value and is named in `unavailable` (the device keeps what it had for it, or
 * shows it as unknown); a body that cannot be shaped is left out and `body` is named. Never throws,
 * given a Graph message with an `id` (every delta entry has one).
 */
export function toDeviceDegradedMessage(graphMessage: GraphMessage, options: ToDeviceMessageOptions): Message {
  const unavailable: Message['unavailable'] = [];
  const message: Record<string, unknown> = {};
  for (const [field, graphField, translate] of deviceFields) {
    const value = graphMessage[graphField] === undefined ? undefined : attempt(() => translate(graphMessage));
    const schema = messageSchema.shape[field];
    if (value !== undefined && schema.safeParse(value).success) message[field] = value;
    else {
      message[field] = translate({ id: '' });
      if (field !== 'id') unavailable.push(field);
    }
  }
  const bodyType = options.body.type;
  if (bodyType !== 'none') {
    const body = graphMessage.body;
    const shaped = body === undefined ? undefined : body === null ? null : attempt(() => shapeBody(body.content ?? '', body.contentType ?? bodyType, options.body.maxChars));
    if (shaped !== undefined && (shaped === null || bodySchema.safeParse(shaped).success)) {
      if (shaped !== null) message.body = shaped;
    } else unavailable.push('body');
  }
  return { ...(message as Message), unavailable };
}

function toDeviceMessageOrDegraded(graphMessage: GraphMessage, options: ToDeviceMessageOptions): Message {
  try {
    return toDeviceMessage(graphMessage, options);
  } catch {
    return toDeviceDegradedMessage(graphMessage, options);
  }
}

function attempt<T>(translate: () => T): T | undefined {
  try {
    return translate();
  } catch {
    return undefined;
  }
}

export interface ToDeviceFullMessageOptions {
  /** Used only when Graph did not send `parentFolderId`. */
  folderId?: string;
  body: BodyPreference;
}

/**
 * A Graph message (fetched with `fullMessageSelectFields`) and its attachments (listed with
 * `attachmentSelectFields`) as the full message of `mail/get`: the device message plus its folder
 * (Graph's `parentFolderId`), bcc, reply-to, Message-ID and attachment metadata. Precondition as
 * toDeviceMessage, plus those three fields and a folder id from Graph or the options.
 */
export function toDeviceFullMessage(graphMessage: GraphMessage, attachments: readonly Attachment[], options: ToDeviceFullMessageOptions): FullMessage {
  assertNoMissingFields('toDeviceFullMessage', graphMessage, ['bccRecipients', 'replyTo', 'internetMessageId']);
  const folderId = graphMessage.parentFolderId || options.folderId;
  if (!folderId) throw new TypeError('toDeviceFullMessage: Graph did not send parentFolderId and no folderId was given.');
  return {
    // A message one of whose fields no translator expects is still answered, degraded, as mail/sync sends it.
    ...toDeviceMessageOrDegraded(graphMessage, { body: options.body }),
    folderId,
    bcc: toDeviceAddresses(graphMessage.bccRecipients),
    replyTo: toDeviceAddresses(graphMessage.replyTo),
    internetMessageId: graphMessage.internetMessageId ?? null,
    attachments: attachments.map(toDeviceAttachmentInfo),
  };
}

/** JSON bytes of the body object around its content: `,"body":{"type":"html","content":"","truncated":true}`. */
const bodyEnvelopeInBytes = 64;
/** The most a UTF-16 code unit costs in JSON: a control character escaped as `\u001f`. */
const maxJsonBytesPerChar = 6;

/**
 * toDeviceMessage for a message too large for one answer: the body is cut (`truncated: true`) so the
 * whole message's JSON stays within `maxBytes`. The cut assumes the worst JSON cost per character, then
 * halves until the result fits, so no content can push it past. When even the message without its body
 * does not fit, the body is left out.
 */
export function toDeviceMessageWithin(graphMessage: GraphMessage, options: ToDeviceMessageOptions, maxBytes: number): Message {
  const whole = toDeviceMessage(graphMessage, options);
  if (jsonSize(whole) <= maxBytes || whole.body === undefined) return whole;
  const { body: _body, ...withoutBody } = whole;
  let maxChars = Math.floor((maxBytes - jsonSize(withoutBody) - bodyEnvelopeInBytes) / maxJsonBytesPerChar);
  while (maxChars >= 1) {
    // The body as the device asked for it, cut again with its markup counted: its JSON must fit.
    const body = shapeBody(whole.body.content, whole.body.type, maxChars, { strict: true });
    const cut = { ...withoutBody, body: { ...body, truncated: body.truncated || whole.body.truncated } };
    if (jsonSize(cut) <= maxBytes) return cut;
    maxChars = Math.floor(maxChars / 2);
  }
  return withoutBody;
}

function jsonSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
