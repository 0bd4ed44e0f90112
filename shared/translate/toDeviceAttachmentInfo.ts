import type { Attachment } from '@microsoft/microsoft-graph-types';
import type { FullMessage } from '../protocol/schemas/mail';

export type AttachmentInfo = FullMessage['attachments'][number];
export type AttachmentKind = AttachmentInfo['kind'];

/**
 * What toDeviceAttachmentInfo maps, as the attachment list's `$select`: without it Graph returns every
 * file's `contentBytes`. `contentId` is a fileAttachment property, not one of the base type's: a
 * plain `contentId` is refused ("Could not find a property named 'contentId' on type
 * 'microsoft.graph.attachment'", microsoftgraph/microsoft-graph-explorer-v4#3916), so it is selected
 * with the type cast (UNVERIFIED: the form comes from clients that use it, e.g. elie222/inbox-zero#3078,
 * not from the docs). `@odata.type` comes with every attachment whatever the `$select`.
 */
export const attachmentSelectFields: string[] = ['id', 'name', 'contentType', 'size', 'isInline', 'microsoft.graph.fileAttachment/contentId'];

const kindsByType: Record<string, AttachmentKind> = {
  'microsoft.graph.fileattachment': 'file',
  'microsoft.graph.itemattachment': 'item',
  'microsoft.graph.referenceattachment': 'reference',
};

/**
 * An attachment's kind by its `@odata.type` (with or without the `#` OData JSON puts first: Microsoft's
 * own attachment-list.json leaves it out); an unknown or missing type is a file (what most are).
 */
export function attachmentKind(odataType: unknown): AttachmentKind {
  return (typeof odataType === 'string' ? kindsByType[odataType.replace(/^#/, '').toLowerCase()] : undefined) ?? 'file';
}

/**
 * A Graph attachment's metadata (fileAttachment, itemAttachment or referenceAttachment alike) as the
 * device sees it. A missing content type becomes `application/octet-stream`, the RFC 2046 section
 * 4.5.1 meaning of "unknown" (an item attachment's is null: its download names the real one);
 * `contentBytes` is never read. `contentId` (a file's, for `cid:` links in the HTML body) only when
 * it is a non-empty string.
 */
export function toDeviceAttachmentInfo(attachment: Attachment & { '@odata.type'?: string; contentId?: string | null }): AttachmentInfo {
  if (attachment.id === undefined) throw new TypeError('toDeviceAttachmentInfo: Graph did not send id.');
  // The docs' samples write a missing one as the string "null" (attachment-list.json).
  const contentId = typeof attachment.contentId === 'string' && attachment.contentId !== '' && attachment.contentId !== 'null' ? attachment.contentId : undefined;
  return {
    id: attachment.id,
    name: attachment.name ?? '',
    contentType: attachment.contentType ?? 'application/octet-stream',
    size: attachment.size ?? 0,
    inline: attachment.isInline ?? false,
    kind: attachmentKind(attachment['@odata.type']),
    ...(contentId === undefined ? {} : { contentId }),
  };
}
