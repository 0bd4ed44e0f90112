import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Contact as GraphContact, ContactFolder as GraphContactFolder } from '@microsoft/microsoft-graph-types';
import { contactFolderSchema, contactSchema } from '../../shared/protocol/schemas/contacts';
import { missingGraphFields } from '../../shared/translate/missingGraphFields';
import { birthdayOf } from '../../shared/translate/contactBirthday';
import { contactSelectFields, toDeviceContact, toDeviceDegradedContact } from '../../shared/translate/toDeviceContact';
import { toDeviceContactFolder } from '../../shared/translate/toDeviceContactFolder';

/**
 * Ferry's contact translators on Microsoft's documented payloads:
 * - contact-get.json (https://learn.microsoft.com/graph/api/contact-get): a full v1.0 contact, unset
 *   properties null, [] or {} ("birthday": null, "homeAddress": {}, "personalNotes": "").
 * - contact-delta.json (https://learn.microsoft.com/graph/api/contact-delta): a delta item asked with
 *   `$select=displayName`, placeholder values, no `id` ("birthday": "2016-10-19T10:37:00Z").
 * - contactfolder-delta.json (https://learn.microsoft.com/graph/api/contactfolder-delta).
 */
const samples = path.join(__dirname, '../fixtures/graph-samples');
const load = (name: string) => JSON.parse(readFileSync(path.join(samples, `${name}.json`), 'utf8'));
const got = load('contact-get') as GraphContact;
const [deltaItem] = load('contact-delta').value as [GraphContact];
const [folderItem] = load('contactfolder-delta').value as [GraphContactFolder];

describe('contact-get.json', () => {
  it('translates to a valid Contact holding only what Graph sent: unset texts left out, lists [], empty addresses left out', () => {
    const contact = toDeviceContact(got);
    expect(contactSchema.parse(contact)).toEqual(contact);
    expect(contact).toEqual({
      id: got.id,
      displayName: 'Alex Wilber',
      givenName: 'Alex',
      surname: 'Wilber',
      emails: [{ name: 'Alex@FineArtSchool.net', address: 'Alex@FineArtSchool.net' }],
      phones: [],
      addresses: [],
      categories: [],
      changeKey: 'EQAAABYAAAAiIsqMbYjsT5e/T7KzowPTAAAYc8Bf',
      unavailable: [],
    });
  });

  it('maps phones (one mobile, home, business in that order), addresses by type, company, notes and birthday', () => {
    const contact = toDeviceContact({
      ...got,
      mobilePhone: '+1 206 555 0100',
      homePhones: ['+47 22 00 00 00', ''],
      businessPhones: ['+1 425 555 0100'],
      homeAddress: { street: '1 Main St', city: 'Oslo', state: '', postalCode: '0150', countryOrRegion: 'Norway' },
      businessAddress: {},
      otherAddress: { city: '東京' },
      companyName: 'Contoso',
      personalNotes: 'Met at the summit.',
      birthday: '1991-11-01T22:00:00Z',
      categories: ['Blue category'],
    });
    expect(contactSchema.parse(contact)).toEqual(contact);
    expect(contact.phones).toEqual([
      { type: 'mobile', number: '+1 206 555 0100' },
      { type: 'home', number: '+47 22 00 00 00' },
      { type: 'business', number: '+1 425 555 0100' },
    ]);
    expect(contact.addresses).toEqual([
      { type: 'home', street: '1 Main St', city: 'Oslo', postalCode: '0150', country: 'Norway' },
      { type: 'other', city: '東京' },
    ]);
    expect(contact).toMatchObject({ company: 'Contoso', notes: 'Met at the summit.', birthday: '1991-11-02', categories: ['Blue category'] });
  });
});

describe('birthday: the date of the nearest UTC midnight', () => {
  it.each([
    ['1980-03-14T00:00:00Z', '1980-03-14'],
    ['1991-11-01T22:00:00Z', '1991-11-02'], // a local midnight east of UTC
    ['1991-11-02T05:00:00Z', '1991-11-02'], // a local midnight west of UTC
    ['2016-10-19T10:37:00Z', '2016-10-19'], // contact-delta.json's value
    ['1990-05-06T00:00:00+02:00', '1990-05-06'],
  ])('%s reads %s', (stored, date) => expect(birthdayOf(stored)).toBe(date));

  it('leaves out what is not a date', () => {
    expect(birthdayOf(null)).toBeUndefined();
    expect(birthdayOf('')).toBeUndefined();
    expect(birthdayOf('not a date')).toBeUndefined();
  });
});

describe('contact-delta.json (placeholder values, $select=displayName; the doc sample omits id)', () => {
  it('is refused as it stands: the selected fields it lacks are named, to be filled in', () => {
    expect(missingGraphFields(deltaItem, contactSelectFields)).toContain('id');
    expect(() => toDeviceContact(deltaItem)).toThrow(TypeError);
  });

  it('becomes a valid Contact once complete (with the id real answers carry), keeping its values', () => {
    const complete = { ...got, ...deltaItem, id: 'AAMkADeltaContact' } as GraphContact;
    const contact = toDeviceContact(complete);
    expect(contactSchema.parse(contact)).toEqual(contact);
    expect(contact).toMatchObject({ id: 'AAMkADeltaContact', displayName: 'displayName-value', givenName: 'givenName-value', birthday: '2016-10-19', unavailable: [] });
  });

  it('still fill-in-less (with an id added), goes out degraded: what it sent translated, the rest named in `unavailable`, never guessed', () => {
    const contact = toDeviceDegradedContact({ ...deltaItem, id: 'AAMkADeltaContact' });
    expect(contactSchema.parse(contact)).toEqual(contact);
    expect(contact).toEqual({
      id: 'AAMkADeltaContact',
      displayName: 'displayName-value',
      givenName: 'givenName-value',
      birthday: '2016-10-19',
      emails: [],
      phones: [],
      addresses: [],
      categories: [],
      changeKey: '',
      unavailable: ['middleName', 'surname', 'nickName', 'company', 'department', 'jobTitle', 'emails', 'phones', 'addresses', 'notes', 'categories', 'changeKey'],
    });
  });
});

describe('a contact in a shape no translator expects', () => {
  it('is refused whole, naming fields only, and goes out degraded with those fields empty', () => {
    const odd = { ...got, givenName: { text: 'Secret Given' }, emailAddresses: 'secret@example.test', homePhones: [7] } as unknown as GraphContact;
    expect(() => toDeviceContact(odd)).toThrow(TypeError);
    try {
      toDeviceContact(odd);
    } catch (error) {
      expect(String(error)).not.toContain('Secret');
      expect(String(error)).not.toContain('secret@');
    }
    const contact = toDeviceDegradedContact(odd);
    expect(contactSchema.parse(contact)).toEqual(contact);
    expect(contact.unavailable).toEqual(['givenName', 'emails', 'phones']);
    expect(contact).toMatchObject({ id: got.id, displayName: 'Alex Wilber', surname: 'Wilber', emails: [], phones: [] });
    expect(contact.givenName).toBeUndefined();
  });

  it('a whole contact degrades to itself with nothing unavailable', () => {
    expect(toDeviceDegradedContact(got)).toEqual(toDeviceContact(got));
  });
});

describe('contactfolder-delta.json', () => {
  it('becomes a folder below its parent; the default folder has parentId null and isDefault', () => {
    const folder = toDeviceContactFolder(folderItem, 'AAMkDefault');
    expect(contactFolderSchema.parse(folder)).toEqual(folder);
    expect(folder).toEqual({ id: 'id-value', parentId: 'parentFolderId-value', name: 'displayName-value', isDefault: false });
    expect(toDeviceContactFolder(folderItem, 'id-value')).toEqual({ id: 'id-value', parentId: null, name: 'displayName-value', isDefault: true });
  });
});
