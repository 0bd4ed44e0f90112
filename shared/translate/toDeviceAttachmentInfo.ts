import type { Attachment } from '@microsoft/microsoft-graph-types';
import type { FullMessage } from '../protocol/schemas/mail';

export type AttachmentInfo = FullMessage['attachments'][number];

/**
 * What toDeviceAttachmentInfo maps, as the attachment list's `$select`: without it Graph returns every
 * file's `contentBytes`.
 */
export const attachmentSelectFields: (keyof Attachment)[] = ['id', 'name', 'contentType', 'size', 'isInline'];

/**
 * A Graph attachment's metadata (fileAttachment, itemAttachment or referenceAttachment alike) as the
 * device sees it. A missing content type becomes `application/octet-stream`, the RFC 2046 section
 * 4.5.1 meaning of "unknown"; `contentBytes` and `contentId` are never read.
 */
export function toDeviceAttachmentInfo(attachment: Attachment): AttachmentInfo {
  if (attachment.id === undefined) throw new TypeError('toDeviceAttachmentInfo: Graph did not send id.');
  return {
    id: attachment.id,
    name: attachment.name ?? '',
    contentType: attachment.contentType ?? 'application/octet-stream',
    size: attachment.size ?? 0,
    inline: attachment.isInline ?? false,
  };
}
