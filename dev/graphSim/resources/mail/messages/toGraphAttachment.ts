import type { AttachmentRecord } from '../../../core/graphTypes';

/** fileAttachment properties (attachment-list.json), in the order Graph lists them. */
export const attachmentProperties = ['id', 'lastModifiedDateTime', 'name', 'contentType', 'size', 'isInline', 'contentId', 'contentLocation', 'contentBytes'] as const;

/**
 * Generated attachments have no stored bytes: they are made on demand (deterministic filler of the
 * declared size), so a 540-message mailbox costs no memory for them.
 */
export function contentBytes(attachment: AttachmentRecord): string {
  if (attachment.contentBytes !== undefined) return attachment.contentBytes;
  const seed = Buffer.from(`${attachment.name}\n`);
  const bytes = Buffer.alloc(attachment.size);
  for (let i = 0; i < bytes.length; i++) bytes[i] = seed[i % seed.length]!;
  return bytes.toString('base64');
}

/** `id`: the attachment's id in the request's form (immutable or REST); default the immutable one. */
export function toGraphAttachment(attachment: AttachmentRecord, select?: string[], id = attachment.id): Record<string, unknown> {
  const wanted = (name: string) => !select || name === 'id' || select.includes(name);
  const out: Record<string, unknown> = { '@odata.type': '#microsoft.graph.fileAttachment' };
  const values: Record<string, () => unknown> = {
    id: () => id,
    lastModifiedDateTime: () => attachment.lastModifiedDateTime,
    name: () => attachment.name,
    contentType: () => attachment.contentType,
    size: () => attachment.size,
    isInline: () => attachment.isInline,
    contentId: () => attachment.contentId,
    contentLocation: () => null,
    contentBytes: () => contentBytes(attachment),
  };
  for (const name of attachmentProperties) if (wanted(name)) out[name] = values[name]!();
  return out;
}
