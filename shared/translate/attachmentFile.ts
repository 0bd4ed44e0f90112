import type { AttachmentKind } from './toDeviceAttachmentInfo';

/** What an item attachment's `$value` is, by how its text starts, with the extension its file gets. */
const itemFormats = [
  { pattern: /^\s*BEGIN:VCALENDAR\b/i, contentType: 'text/calendar', extension: '.ics' },
  { pattern: /^\s*BEGIN:VCARD\b/i, contentType: 'text/vcard', extension: '.vcf' },
  { pattern: /^/, contentType: 'message/rfc822', extension: '.eml' },
] as const;

/**
 * The name and media type an attachment's bytes go out with. A file keeps its own (downloadHeaders
 * then checks both). An item attachment has no content type of its own (`contentType` null): its
 * `$value` is the item's MIME (a message), vCard (a contact) or iCalendar (an event), as the docs
 * say, without saying which Content-Type header Graph sends with it; so the first bytes tell (a vCard
 * and an iCalendar object start with their BEGIN line, RFC 6350 §3.3 and RFC 5545 §3.4; anything else
 * is taken for a message), and the name (the item's subject) gets the matching extension.
 * https://learn.microsoft.com/graph/api/attachment-get#get-the-raw-contents-of-a-file-or-item-attachment
 */
export function attachmentFile(
  attachment: { name?: string | null; contentType?: string | null },
  kind: AttachmentKind,
  firstBytes: Uint8Array,
  valueContentType: string | undefined,
): { name: string; contentType: string | undefined } {
  const name = attachment.name ?? '';
  if (kind !== 'item') return { name, contentType: attachment.contentType ?? valueContentType };
  const start = Buffer.from(firstBytes.subarray(0, 64)).toString('latin1');
  const format = itemFormats.find((candidate) => candidate.pattern.test(start))!;
  const base = name.trim() === '' ? 'item' : name;
  return { name: base.toLowerCase().endsWith(format.extension) ? base : `${base}${format.extension}`, contentType: format.contentType };
}
