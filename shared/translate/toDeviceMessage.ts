import type { Attachment, FollowupFlagStatus, Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import type { BodyPreference, FullMessage, Message } from '../protocol/schemas/mail';
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
  const message: Message = {
    id: graphMessage.id!,
    conversationId: graphMessage.conversationId ?? null,
    receivedAt: graphMessage.receivedDateTime ?? null,
    from: toDeviceAddress(graphMessage.from),
    to: toDeviceAddresses(graphMessage.toRecipients),
    cc: toDeviceAddresses(graphMessage.ccRecipients),
    subject: graphMessage.subject ?? '',
    preview: toDevicePreview(graphMessage.bodyPreview),
    read: graphMessage.isRead ?? false,
    flag: flags[graphMessage.flag?.flagStatus ?? 'notFlagged'] ?? 'none',
    importance: graphMessage.importance ?? 'normal',
    hasAttachments: graphMessage.hasAttachments ?? false,
    categories: graphMessage.categories ?? [],
  };
  const body = graphMessage.body;
  if (options.body.type !== 'none' && body) {
    message.body = shapeBody(body.content ?? '', body.contentType ?? options.body.type, options.body.maxChars);
  }
  return message;
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
    ...toDeviceMessage(graphMessage, { body: options.body }),
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
    const cut = toDeviceMessage(graphMessage, { body: { type: options.body.type, maxChars: Math.min(maxChars, options.body.maxChars ?? maxChars) } });
    if (jsonSize(cut) <= maxBytes) return cut;
    maxChars = Math.floor(maxChars / 2);
  }
  return withoutBody;
}

function jsonSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
