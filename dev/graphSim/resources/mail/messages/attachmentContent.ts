import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AttachmentRecord } from '../../../core/graphTypes';
import type { MailboxStore } from '../mailboxStore';

/**
 * Graph's `size` of a file attachment is larger than its bytes: it counts the attachment's stored
 * properties too. UNVERIFIED how much (the docs only say "the length of the attachment in bytes";
 * attachment-list.json shows no bytes to compare): generated files are this much smaller than their
 * `size`, so a client that takes `size` for the byte count is caught.
 */
export const sizeOverheadInBytes = 173;

/** Decoded `contentBytes`, once per string: a 30 MB upload is streamed in 64 KB reads. */
const decoded = new Map<string, Buffer>();

function contentOf(contentBytes: string): Buffer {
  let bytes = decoded.get(contentBytes);
  if (!bytes) {
    bytes = Buffer.from(contentBytes, 'base64');
    if (decoded.size >= 8) decoded.delete(decoded.keys().next().value!);
    decoded.set(contentBytes, bytes);
  }
  return bytes;
}

/** The number of bytes an attachment's `$value` gives. */
export function valueLength(attachment: AttachmentRecord): number {
  if ((attachment.kind ?? 'file') !== 'file') return itemValue(attachment).length;
  if (attachment.contentBytes !== undefined) return contentOf(attachment.contentBytes).length;
  return attachment.byteLength ?? Math.max(0, attachment.size - sizeOverheadInBytes);
}

/**
 * Bytes `start..end` (end exclusive) of a generated file: an AES-128-CTR key stream under a key drawn
 * from the attachment's id and name, so any range is made without the bytes before it, every position
 * holds a different byte (a shifted range never matches), and a 30 MB file costs no memory.
 */
function generatedBytes(attachment: AttachmentRecord, start: number, end: number): Buffer {
  if (end <= start) return Buffer.alloc(0);
  const key = createHash('sha256').update(`${attachment.id}\n${attachment.name}`).digest().subarray(0, 16);
  const firstBlock = Math.floor(start / 16);
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(firstBlock), 8);
  const cipher = createCipheriv('aes-128-ctr', key, iv);
  const skip = start - firstBlock * 16;
  return cipher.update(Buffer.alloc(end - start + skip)).subarray(skip);
}

/** Bytes `start..end` (end exclusive) of an attachment's `$value`. */
export function valueBytes(attachment: AttachmentRecord, start = 0, end = valueLength(attachment)): Buffer {
  if ((attachment.kind ?? 'file') !== 'file') return itemValue(attachment).subarray(start, end);
  if (attachment.contentBytes !== undefined) return contentOf(attachment.contentBytes).subarray(start, end);
  return generatedBytes(attachment, start, end);
}

/** Chunks of a streamed `$value`: what one read hands the socket. */
const chunkBytes = 64 * 1024;

/**
 * Bytes `start..end` (end exclusive) as a stream made on demand: a chunk is made only when the reader
 * asks for one, so a slow reader holds the simulator back as TCP would hold Graph back.
 */
export function valueStream(attachment: AttachmentRecord, start: number, end: number): Readable {
  let position = start;
  return new Readable({
    highWaterMark: chunkBytes,
    read() {
      if (position >= end) return void this.push(null);
      const next = Math.min(end, position + chunkBytes);
      const chunk = valueBytes(attachment, position, next);
      position = next;
      this.push(chunk);
    },
  });
}

/** The Content-Type of an item attachment's `$value`. UNVERIFIED: the docs show the bodies only. */
export function itemValueContentType(attachment: AttachmentRecord): string {
  return { message: 'message/rfc822', contact: 'text/vcard', event: 'text/calendar' }[attachment.itemType ?? 'message'];
}

/**
 * An item attachment's raw contents as attachment-get describes them: a message's MIME, a contact's
 * vCard, an event's iCalendar ("Get the raw contents of a file or item attachment",
 * https://learn.microsoft.com/graph/api/attachment-get). Small, made whole.
 */
function itemValue(attachment: AttachmentRecord): Buffer {
  const name = attachment.name;
  const lines: Record<NonNullable<AttachmentRecord['itemType']>, string[]> = {
    message: [
      'From: Dana Swope <danas@fabrikam.test>',
      'To: Megan Bowen <meganb@contoso.test>',
      `Subject: ${name}`,
      `Date: ${new Date(attachment.lastModifiedDateTime).toUTCString()}`,
      `Message-ID: <${attachment.id.slice(-16)}@fabrikam.test>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: 8bit',
      '',
      `${name}: the attached message's body.`,
      '',
    ],
    contact: ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `N:${name};;;;`, 'EMAIL;TYPE=INTERNET:contact@fabrikam.test', 'END:VCARD', ''],
    event: [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:Microsoft Exchange Server 2010',
      'BEGIN:VEVENT',
      `UID:${attachment.id.slice(-16)}`,
      `SUMMARY:${name}`,
      'DTSTART:20260105T090000Z',
      'DTEND:20260105T100000Z',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ],
  };
  return Buffer.from(lines[attachment.itemType ?? 'message'].join('\r\n'), 'utf8');
}

/**
 * Test hook (`state.cutNextValue`): the next `$value` of a mailbox breaks its connection after this
 * many bytes, as a dropped connection mid-download would. Taken once.
 */
export const pendingValueCuts = new WeakMap<MailboxStore, number>();
