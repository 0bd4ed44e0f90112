import type { AttachmentRecord } from '../../../core/graphTypes';
import { valueBytes } from './attachmentContent';

/** The base attachment type's properties (attachment-list.json), in the order Graph lists them. */
const baseProperties = ['id', 'lastModifiedDateTime', 'name', 'contentType', 'size', 'isInline'] as const;

/** Each kind's `@odata.type` and own properties, after the base ones. */
const kinds = {
  file: { type: 'microsoft.graph.fileAttachment', own: ['contentId', 'contentLocation', 'contentBytes'] },
  item: { type: 'microsoft.graph.itemAttachment', own: [] },
  reference: { type: 'microsoft.graph.referenceAttachment', own: ['sourceUrl', 'providerType', 'permission', 'isFolder'] },
} as const;

/**
 * The names `$select` takes on an attachment list: the base type's properties plainly, a derived
 * type's only with its type cast (`microsoft.graph.fileAttachment/contentId`). A plain `contentId` is
 * refused as Graph refuses it: "Could not find a property named 'contentId' on type
 * 'microsoft.graph.attachment'" (microsoftgraph/microsoft-graph-explorer-v4#3916). UNVERIFIED: that the
 * cast form is accepted (clients use it, e.g. elie222/inbox-zero#3078), and the same for the other
 * derived properties.
 */
export const attachmentProperties: readonly string[] = [
  ...baseProperties,
  ...Object.values(kinds).flatMap((kind) => kind.own.map((name) => `${kind.type}/${name}`)),
];

/** Generated files' content, base64 (contentBytes in a listing without `$select`). */
export function contentBytes(attachment: AttachmentRecord): string {
  return valueBytes(attachment).toString('base64');
}

/** `id`: the attachment's id in the request's form (immutable or REST); default the immutable one. */
export function toGraphAttachment(attachment: AttachmentRecord, select?: string[], id = attachment.id): Record<string, unknown> {
  const kind = kinds[attachment.kind ?? 'file'];
  const wanted = (name: string, cast?: string) => !select || name === 'id' || select.includes(cast ? `${cast}/${name}` : name);
  const out: Record<string, unknown> = { '@odata.type': `#${kind.type}` };
  const values: Record<string, () => unknown> = {
    id: () => id,
    lastModifiedDateTime: () => attachment.lastModifiedDateTime,
    name: () => attachment.name,
    // An item attachment has no content type of its own (UNVERIFIED: null, as the brief's source says).
    contentType: () => (attachment.kind === 'item' ? null : attachment.contentType),
    size: () => attachment.size,
    isInline: () => attachment.isInline,
    contentId: () => attachment.contentId,
    contentLocation: () => null,
    contentBytes: () => contentBytes(attachment),
    sourceUrl: () => attachment.sourceUrl ?? null,
    providerType: () => 'oneDriveBusiness',
    permission: () => 'view',
    isFolder: () => false,
  };
  for (const name of baseProperties) if (wanted(name)) out[name] = values[name]!();
  for (const name of kind.own) if (wanted(name, kind.type)) out[name] = values[name]!();
  return out;
}
