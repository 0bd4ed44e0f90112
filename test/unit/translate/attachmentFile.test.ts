import { attachmentFile } from '../../../shared/translate/attachmentFile';
import { attachmentKind } from '../../../shared/translate/toDeviceAttachmentInfo';

describe('attachmentFile and attachmentKind', () => {
  it.each([
    ['#microsoft.graph.fileAttachment', 'file'],
    ['microsoft.graph.itemAttachment', 'item'],
    ['#Microsoft.Graph.ReferenceAttachment', 'reference'],
    ['#microsoft.graph.somethingNew', 'file'],
    [undefined, 'file'],
  ])('%s is a %s', (type, kind) => expect(attachmentKind(type)).toBe(kind));

  it('keeps a file\'s own name and type', () => {
    expect(attachmentFile({ name: 'a.pdf', contentType: 'application/pdf' }, 'file', Buffer.from('%PDF'), 'application/octet-stream')).toEqual({ name: 'a.pdf', contentType: 'application/pdf' });
  });

  it.each([
    ['BEGIN:VCARD\r\nVERSION:3.0', 'Dana.vcf', 'text/vcard'],
    ['\r\nbegin:vcalendar\r\n', 'Dana.ics', 'text/calendar'],
    ['From: a@b\r\nSubject: x', 'Dana.eml', 'message/rfc822'],
    ['', 'Dana.eml', 'message/rfc822'],
  ])('names an item attachment by what its bytes start with (%j)', (start, name, contentType) => {
    // Graph's Content-Type of $value is not relied on.
    expect(attachmentFile({ name: 'Dana', contentType: null }, 'item', Buffer.from(start), 'text/plain')).toEqual({ name, contentType });
  });

  it('adds no second extension and names a nameless item', () => {
    expect(attachmentFile({ name: 'Note.EML', contentType: null }, 'item', Buffer.from('From: x'), undefined).name).toBe('Note.EML');
    expect(attachmentFile({ name: '', contentType: null }, 'item', Buffer.from('BEGIN:VCARD'), undefined).name).toBe('item.vcf');
  });
});
