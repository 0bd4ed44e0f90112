/**
 * Graph's complex types that every Outlook resource shares (https://learn.microsoft.com/graph/api/resources/complextypes):
 * messages, events and contacts all carry recipients, item bodies and file attachments.
 */
export interface EmailAddress {
  name: string;
  address: string;
}

export interface Recipient {
  emailAddress: EmailAddress;
}

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

export interface ItemBody {
  contentType: 'text' | 'html';
  content: string;
}

export interface AttachmentRecord {
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId: string | null;
  lastModifiedDateTime: string;
  /** base64 content when the attachment came with a sendMail; generated on demand otherwise. */
  contentBytes?: string;
  /** `file` (fileAttachment, the default), `item` (itemAttachment: an attached message, contact or event), `reference` (a link to a file elsewhere). */
  kind?: 'file' | 'item' | 'reference';
  /** An item attachment's item. Default `message`. */
  itemType?: 'message' | 'contact' | 'event';
  /** A generated file's byte count; default derived from `size` (which is not the byte count). */
  byteLength?: number;
  /** A reference attachment's link. */
  sourceUrl?: string;
}

/** Graph renders timestamps with seconds precision and a `Z`. */
export function toGraphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
