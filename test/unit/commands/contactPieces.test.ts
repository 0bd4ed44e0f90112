import { judgeStampedContacts } from '../../../shared/commands/contactsCreate';
import { judgeUpdate } from '../../../shared/commands/contactsUpdate';
import { contactHashPropertyId, contactStamp, contactStampProperties } from '../../../shared/commands/contacts/contactStamp';
import type { Contact } from '../../../shared/protocol/schemas/contacts';
import { birthdayOf, toGraphBirthday } from '../../../shared/translate/contactBirthday';
import { checkContactChanges, toGraphContactFields } from '../../../shared/translate/toGraphContactFields';

/** The pure pieces of the contact writes (issue 19): the stamp, the look-up's verdict, the Graph fields, the update's judgement. */
describe('contact stamp', () => {
  it('is base64url SHA-256 (43 characters) of tid|oid|clientContactId, and of the canonical request', () => {
    const stamp = contactStamp('t', 'o', 'c', { contact: { displayName: 'A', jobTitle: 'B' } });
    expect(stamp.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stamp.key).not.toBe(contactStamp('t', 'o2', 'c', {}).key);
    expect(stamp.hash).toBe(contactStamp('t', 'o', 'c', { contact: { jobTitle: 'B', displayName: 'A' } }).hash);
    expect(stamp.hash).not.toBe(contactStamp('t', 'o', 'c', { contact: { displayName: 'A' } }).hash);
    expect(contactStampProperties(stamp).map((p) => p.value)).toEqual([stamp.key, stamp.hash]);
  });
});

describe('judgeStampedContacts', () => {
  const stamp = { key: 'k', hash: 'Hash' };
  const hit = (id: string, hash: string, createdDateTime: string) => ({ id, createdDateTime, singleValueExtendedProperties: [{ id: contactHashPropertyId, value: hash }] });
  it('none; made (oldest first, ties by id); reused for another hash (compared exactly)', () => {
    expect(judgeStampedContacts([], stamp)).toEqual({ kind: 'none' });
    const made = judgeStampedContacts([hit('b', 'Hash', '2026-01-01T00:00:01Z'), hit('c', 'Hash', '2026-01-01T00:00:00Z'), hit('a', 'Hash', '2026-01-01T00:00:01Z')], stamp);
    expect(made.kind === 'made' && made.contacts.map((c) => c.id)).toEqual(['c', 'a', 'b']);
    expect(judgeStampedContacts([hit('a', 'hash', '2026-01-01T00:00:00Z')], stamp)).toEqual({ kind: 'reused' });
  });
});

describe('toGraphContactFields and checkContactChanges', () => {
  it('maps fields to Graph: phones by kind, addresses by type (missing ones empty), "" clears, birthday at UTC midnight', () => {
    expect(
      toGraphContactFields({
        displayName: 'A',
        company: 'C',
        notes: '',
        emails: [{ address: 'a@example.test' }, { name: 'N', address: 'n@example.test' }],
        phones: [{ type: 'business', number: '1' }, { type: 'mobile', number: '2' }, { type: 'home', number: '3' }],
        addresses: [{ type: 'other', city: 'X', street: '' }],
        birthday: '2000-02-29',
      }),
    ).toEqual({
      displayName: 'A',
      companyName: 'C',
      personalNotes: null,
      emailAddresses: [{ address: 'a@example.test' }, { name: 'N', address: 'n@example.test' }],
      mobilePhone: '2',
      homePhones: ['3'],
      businessPhones: ['1'],
      homeAddress: {},
      businessAddress: {},
      otherAddress: { city: 'X' },
      birthday: '2000-02-29T00:00:00Z',
    });
    expect(toGraphContactFields({ jobTitle: 'J' })).toEqual({ jobTitle: 'J' });
    expect(toGraphContactFields({ birthday: '' })).toEqual({ birthday: null });
  });

  it('refuses a second mobile, a third home or business phone, two addresses of a type', () => {
    expect(() => checkContactChanges({ phones: [{ type: 'mobile', number: '1' }, { type: 'mobile', number: '2' }] })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => checkContactChanges({ phones: ['1', '2', '3'].map((number) => ({ type: 'home' as const, number })) })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => checkContactChanges({ addresses: [{ type: 'home' }, { type: 'home' }] })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => checkContactChanges({ phones: [{ type: 'mobile', number: '1' }, { type: 'home', number: '2' }, { type: 'home', number: '3' }], addresses: [{ type: 'home' }, { type: 'other' }] })).not.toThrow();
  });

  it('a birthday written is read back as the same day, from every offset of a local midnight', () => {
    for (const day of ['1990-05-17', '2000-02-29', '1969-12-31']) expect(birthdayOf(toGraphBirthday(day))).toBe(day);
    expect(birthdayOf('1991-11-01T22:00:00Z')).toBe('1991-11-02');
    expect(birthdayOf('1991-11-02T05:00:00Z')).toBe('1991-11-02');
  });
});

describe('judgeUpdate', () => {
  const current: Contact = { id: 'i', displayName: 'D', jobTitle: 'Manager', emails: [{ name: 'x@example.test', address: 'x@example.test' }], phones: [{ type: 'business', number: '2' }, { type: 'mobile', number: '1' }], addresses: [], categories: [], changeKey: 'c', unavailable: [] };
  it('done when every field holds set (an email named by its own address equals one without a name; phones in any order of kinds)', () => {
    expect(judgeUpdate(current, { jobTitle: 'Engineer' }, { jobTitle: 'Manager' })).toBe('done');
    expect(judgeUpdate(current, { emails: [] }, { emails: [{ address: 'x@example.test' }] })).toBe('done');
    expect(judgeUpdate(current, { phones: [] }, { phones: [{ type: 'mobile', number: '1' }, { type: 'business', number: '2' }] })).toBe('done');
  });
  it('conflict when a field holds neither base nor set; patch when each holds base or set', () => {
    expect(judgeUpdate(current, { jobTitle: 'Engineer' }, { jobTitle: 'Director' })).toBe('conflict');
    expect(judgeUpdate(current, { jobTitle: 'Manager' }, { jobTitle: 'Director' })).toBe('patch');
    expect(judgeUpdate(current, { jobTitle: 'Manager', nickName: '' }, { jobTitle: 'Director', nickName: 'Bo' })).toBe('patch');
    expect(judgeUpdate(current, { nickName: 'Old' }, { nickName: 'New' })).toBe('conflict');
  });
});
