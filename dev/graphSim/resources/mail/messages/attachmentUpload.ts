import { GraphError } from '../../../core/graphError';
import type { AttachmentRecord } from '../../../core/graphTypes';
import type { HandlerContext, SimResponse } from '../../../core/simContext';
import { contextUrl, json } from '../../../core/simResponses';
import type { MailboxStore } from '../mailboxStore';
import type { MessageRecord } from '../mailboxTypes';
import { requireObjectBody, requireStore } from '../resolveTargets';
import { findMessage } from './messageHandlers';
import { idFormFor } from './messageIdForm';
import { updateMessage } from './messageWrites';
import { sizeOverheadInBytes } from './attachmentContent';
import { toGraphAttachment } from './toGraphAttachment';

/**
 * Graph refuses sessions for files under 3 MB (attachment-createuploadsession: "If the file size is
 * under 3 MB, do a single POST"; outlook-large-attachments: "between 3 MB and 150 MB").
 * UNVERIFIED: 3 MB as 3,000,000 bytes, and the code's status (400).
 */
export const uploadSessionMinBytes = 3_000_000;
/** The largest attachment a session takes: 150 MB (taken as 150 MiB, as the upload window counts). */
export const uploadSessionMaxBytes = 150 * 1024 * 1024;
/** UNVERIFIED: how long a session stays open (the docs' example expires about 15 minutes out? not said). */
const sessionLifetimeInMs = 60 * 60_000;

/** A draft to attach to: attaching to a sent message is refused as its PATCH is (UNVERIFIED). */
function requireDraftMessage(ctx: HandlerContext, id: string, chain?: string[]): MessageRecord {
  const message = findMessage(ctx, id, chain);
  if (!message.isDraft) throw new GraphError(400, 'ErrorInvalidPropertyUpdateSentMessage', "Update operation failed because one or more properties can't be updated for sent messages.");
  return message;
}

function addAttachment(store: MailboxStore, message: MessageRecord, file: Omit<AttachmentRecord, 'id' | 'lastModifiedDateTime' | 'size'>, bytes: Buffer): AttachmentRecord {
  const attachment: AttachmentRecord = {
    ...file,
    id: store.ids.next('attachment'),
    lastModifiedDateTime: store.timestamp(),
    size: bytes.length + sizeOverheadInBytes,
    contentBytes: bytes.toString('base64'),
    kind: 'file',
  };
  message.attachments = [...message.attachments, attachment];
  updateMessage(store, message, { changeKey: message.changeKey });
  return attachment;
}

const text = (value: unknown, fallback: string | null): string | null => (typeof value === 'string' ? value : fallback);

/**
 * POST .../attachments with a fileAttachment (https://learn.microsoft.com/graph/api/message-post-attachments):
 * 201 with the attachment. Only files are simulated; `contentBytes` must be base64. The request limit
 * of 4 MB (the front door's) keeps it to files of about 3 MB.
 */
export function postAttachment(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const message = requireDraftMessage(ctx, id, chain);
  const body = requireObjectBody(ctx);
  if (body['@odata.type'] !== '#microsoft.graph.fileAttachment' || typeof body.name !== 'string' || typeof body.contentBytes !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(body.contentBytes)) {
    throw new GraphError(400, 'RequestBodyRead', 'Only #microsoft.graph.fileAttachment with name and base64 contentBytes is simulated.');
  }
  const attachment = addAttachment(
    store,
    message,
    { name: body.name, contentType: text(body.contentType, 'application/octet-stream')!, isInline: body.isInline === true, contentId: text(body.contentId, null) },
    Buffer.from(body.contentBytes, 'base64'),
  );
  const ids = idFormFor(store, ctx.prefer.immutableId);
  return json(201, { '@odata.context': contextUrl(ctx, `messages('${ids.message(message)}')/attachments/$entity`), ...toGraphAttachment(attachment, undefined, ids.attachment(message, attachment)) });
}

/**
 * POST .../attachments/createUploadSession (https://learn.microsoft.com/graph/api/attachment-createuploadsession):
 * 201 with an `uploadUrl` on the upload origin (core/uploads/), its authtoken in the query, and
 * `nextExpectedRanges: ["0-"]` (attachment-uploadsession-response.json). `AttachmentItem` as the
 * docs' example spells it. Under 3 MB: 400 ErrorAttachmentSizeShouldNotBeLessThanMinimumSize.
 */
export function createUploadSession(ctx: HandlerContext, id: string, chain?: string[]): SimResponse {
  const store = requireStore(ctx);
  const message = requireDraftMessage(ctx, id, chain);
  const item = requireObjectBody(ctx).AttachmentItem as Record<string, unknown> | undefined;
  if (!item || item.attachmentType !== 'file' || typeof item.name !== 'string' || typeof item.size !== 'number' || !Number.isInteger(item.size)) {
    throw new GraphError(400, 'RequestBodyRead', 'AttachmentItem needs attachmentType "file", name and size.');
  }
  if (item.size < uploadSessionMinBytes) {
    throw new GraphError(400, 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize', 'Attachment size should not be less than the minimum size of 3 MB for an upload session.');
  }
  // UNVERIFIED: the code and status past 150 MB.
  if (item.size > uploadSessionMaxBytes) throw new GraphError(400, 'ErrorAttachmentSizeShouldNotBeGreaterThanMaximumSize', 'Attachment size should not be greater than 150 MB.');
  const file = { name: item.name, contentType: text(item.contentType, 'application/octet-stream')!, isInline: item.isInline === true, contentId: text(item.contentId, null) };
  const expiresAtInMs = ctx.sim.clock.now() + sessionLifetimeInMs;
  const ids = idFormFor(store, ctx.prefer.immutableId);
  // Outlook's REST path, as the docs' uploadUrl has it: Users('oid@tid')/Messages('id')/AttachmentSessions('id').
  const messagePath = `/api/v2.0/Users('${ctx.oid}')/Messages('${ids.message(message)}')`;
  const session = ctx.sim.uploads.open({
    oid: ctx.oid,
    ...(ctx.azp ? { azp: ctx.azp } : {}),
    size: item.size,
    expiresAtInMs,
    path: messagePath,
    complete: (bytes) => {
      // The draft may have gone meanwhile: the bytes are then dropped (UNVERIFIED what Outlook answers).
      const attachment = addAttachment(store, message, file, Buffer.from(bytes));
      return `${messagePath}/Attachments('${ids.attachment(message, attachment)}')`;
    },
  });
  return json(201, {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#microsoft.graph.uploadSession`,
    uploadUrl: `${ctx.sim.uploadOrigin()}${messagePath}/AttachmentSessions('${session.id}')?authtoken=${session.authtoken}`,
    expirationDateTime: new Date(expiresAtInMs).toISOString(),
    nextExpectedRanges: ['0-'],
  });
}
