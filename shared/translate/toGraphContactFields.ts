import { FerryError } from '../protocol/ferryError';
import { contactAddressTypes, contactPhoneTypes, maxContactPhones, type Contact, type ContactChanges } from '../protocol/schemas/contacts';
import { toGraphBirthday } from './contactBirthday';

/** Device text field -> Graph property (the ones whose names differ: company, notes). */
const textProperties = {
  displayName: 'displayName',
  givenName: 'givenName',
  middleName: 'middleName',
  surname: 'surname',
  nickName: 'nickName',
  company: 'companyName',
  department: 'department',
  jobTitle: 'jobTitle',
  notes: 'personalNotes',
} as const;

const addressProperties = { home: 'homeAddress', business: 'businessAddress', other: 'otherAddress' } as const;

/**
 * What Graph cannot hold, as 400s with a reason (the schema bounds the rest): more phones of a kind
 * than its slots (one mobile, Outlook's two home and two business), two addresses of one type. Pure.
 */
export function checkContactChanges(changes: ContactChanges): void {
  for (const type of contactPhoneTypes) {
    const count = (changes.phones ?? []).filter((phone) => phone.type === type).length;
    if (count > maxContactPhones[type]) throw new FerryError('bad_request', { detail: `At most ${maxContactPhones[type]} \`${type}\` phone${maxContactPhones[type] === 1 ? '' : 's'}.` });
  }
  const types = (changes.addresses ?? []).map((address) => address.type);
  if (new Set(types).size !== types.length) throw new FerryError('bad_request', { detail: 'At most one address per type.' });
}

/**
 * The Graph properties of the fields given (a create's or a PATCH's body); fields left out are left
 * out. A text "" clears the property (null), as does a birthday ""; `emails` is the whole
 * `emailAddresses`, `phones` all three phone properties, `addresses` all three addresses (a type left
 * out becomes `{}`, Graph's empty address). Pure.
 */
export function toGraphContactFields(changes: ContactChanges): Record<string, unknown> {
  const graph: Record<string, unknown> = {};
  for (const [field, property] of Object.entries(textProperties)) {
    const value = changes[field as keyof typeof textProperties];
    if (value !== undefined) graph[property] = value === '' ? null : value;
  }
  if (changes.emails) graph.emailAddresses = changes.emails.map((email) => ({ ...(email.name ? { name: email.name } : {}), address: email.address }));
  if (changes.phones) {
    const numbers = (type: (typeof contactPhoneTypes)[number]) => changes.phones!.filter((phone) => phone.type === type).map((phone) => phone.number);
    graph.mobilePhone = numbers('mobile')[0] ?? null;
    graph.homePhones = numbers('home');
    graph.businessPhones = numbers('business');
  }
  if (changes.addresses) {
    for (const type of contactAddressTypes) {
      const address = changes.addresses.find((candidate) => candidate.type === type);
      graph[addressProperties[type]] = address
        ? Object.fromEntries(Object.entries({ street: address.street, city: address.city, state: address.state, postalCode: address.postalCode, countryOrRegion: address.country }).filter(([, value]) => value !== undefined && value !== ''))
        : {};
    }
  }
  if (changes.birthday !== undefined) graph.birthday = changes.birthday === '' ? null : toGraphBirthday(changes.birthday);
  if (changes.categories) graph.categories = changes.categories;
  return graph;
}

type ChangeField = keyof ContactChanges;

const phoneOrder = (type: string) => contactPhoneTypes.indexOf(type as (typeof contactPhoneTypes)[number]);
const addressOrder = (type: string) => contactAddressTypes.indexOf(type as (typeof contactAddressTypes)[number]);
const withoutEmpty = (record: Record<string, string | undefined>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== ''));

/**
 * One field's value in a form that compares equal when it means the same: absent texts and lists as
 * "" and [], an email's name left out when empty or the address itself (Graph may fill it in), phones
 * and addresses in Graph's order of kinds, empty address parts left out. Pure.
 */
export function comparableField(source: Partial<Contact> | ContactChanges, field: ChangeField): unknown {
  const value = (source as Record<string, unknown>)[field];
  switch (field) {
    case 'emails':
      return ((value as Contact['emails'] | undefined) ?? []).map((email) => ({ address: email.address, ...(email.name && email.name !== email.address ? { name: email.name } : {}) }));
    case 'phones':
      return [...((value as Contact['phones'] | undefined) ?? [])].sort((a, b) => phoneOrder(a.type) - phoneOrder(b.type)).map((phone) => ({ type: phone.type, number: phone.number }));
    case 'addresses':
      return [...((value as Contact['addresses'] | undefined) ?? [])].sort((a, b) => addressOrder(a.type) - addressOrder(b.type)).map((address) => withoutEmpty({ ...address }));
    case 'categories':
      return (value as string[] | undefined) ?? [];
    default:
      return (value as string | undefined) ?? '';
  }
}
