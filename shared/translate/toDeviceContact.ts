import type { Contact as GraphContact, PhysicalAddress } from '@microsoft/microsoft-graph-types';
import { contactAddressTypes, contactSchema, type Contact, type ContactFieldName } from '../protocol/schemas/contacts';
import { birthdayOf } from './contactBirthday';
import { assertNoMissingFields } from './missingGraphFields';

/** The contact properties toDeviceContact maps (the sync's `$select`; `id` always comes back anyway). */
export const contactSelectFields: (keyof GraphContact)[] = [
  'id', 'displayName', 'givenName', 'middleName', 'surname', 'nickName', 'companyName', 'department', 'jobTitle', 'emailAddresses',
  'mobilePhone', 'homePhones', 'businessPhones', 'homeAddress', 'businessAddress', 'otherAddress', 'birthday', 'personalNotes', 'categories', 'changeKey',
];

type Part = Partial<Contact>;

/**
 * Each device field: the Graph properties it reads, how it is translated, and its empty value. A
 * translator may throw (a property Graph left out, a shape no translator expects).
 */
const deviceFields: ReadonlyArray<readonly [ContactFieldName | 'id', readonly (keyof GraphContact)[], (graph: GraphContact) => Part, Part]> = [
  ['id', ['id'], (g) => ({ id: g.id! }), {}],
  ['displayName', ['displayName'], (g) => ({ displayName: g.displayName ?? '' }), { displayName: '' }],
  ['givenName', ['givenName'], (g) => optional('givenName', g.givenName), {}],
  ['middleName', ['middleName'], (g) => optional('middleName', g.middleName), {}],
  ['surname', ['surname'], (g) => optional('surname', g.surname), {}],
  ['nickName', ['nickName'], (g) => optional('nickName', g.nickName), {}],
  ['company', ['companyName'], (g) => optional('company', g.companyName), {}],
  ['department', ['department'], (g) => optional('department', g.department), {}],
  ['jobTitle', ['jobTitle'], (g) => optional('jobTitle', g.jobTitle), {}],
  [
    'emails',
    ['emailAddresses'],
    (g) => ({ emails: (g.emailAddresses ?? []).flatMap((e) => texts([e.address]).map((address) => ({ ...optional('name', e.name), address }))) }),
    { emails: [] },
  ],
  [
    'phones',
    ['mobilePhone', 'homePhones', 'businessPhones'],
    (g) => ({
      phones: [
        ...texts([g.mobilePhone]).map((number) => ({ type: 'mobile' as const, number })),
        ...texts(g.homePhones ?? []).map((number) => ({ type: 'home' as const, number })),
        ...texts(g.businessPhones ?? []).map((number) => ({ type: 'business' as const, number })),
      ],
    }),
    { phones: [] },
  ],
  [
    'addresses',
    ['homeAddress', 'businessAddress', 'otherAddress'],
    (g) => {
      const byType: Record<(typeof contactAddressTypes)[number], PhysicalAddress | null | undefined> = { home: g.homeAddress, business: g.businessAddress, other: g.otherAddress };
      return { addresses: contactAddressTypes.flatMap((type) => addressOf(type, byType[type])) };
    },
    { addresses: [] },
  ],
  [
    'birthday',
    ['birthday'],
    (g) => {
      const birthday = birthdayOf(g.birthday);
      return birthday ? { birthday } : {};
    },
    {},
  ],
  ['notes', ['personalNotes'], (g) => optional('notes', g.personalNotes), {}],
  ['categories', ['categories'], (g) => ({ categories: texts(g.categories ?? []) }), { categories: [] }],
  ['changeKey', ['changeKey'], (g) => ({ changeKey: g.changeKey ?? '' }), { changeKey: '' }],
];

/**
 * A Graph contact as the device's Contact. Never a value Graph did not send: a text Graph holds empty,
 * null or absent is left out, lists default to []. Throws TypeError when a selected property is absent
 * (a partial delta item: the sync engine fills it in first) or a property has a shape the device schema
 * does not allow (the TypeError names fields, never values): toDeviceDegradedContact sends such a contact.
 */
export function toDeviceContact(graph: GraphContact): Contact {
  assertNoMissingFields('toDeviceContact', graph, contactSelectFields);
  const device = Object.assign({}, ...deviceFields.map(([, , translate]) => translate(graph)), { unavailable: [] }) as Contact;
  const checked = contactSchema.safeParse(device);
  if (checked.success) return device;
  const fields = [...new Set(checked.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  throw new TypeError(`toDeviceContact: Graph sent ${fields.join(', ')} in a shape the device schema does not allow.`);
}

/**
 * The device form of a contact toDeviceContact threw on (a property Graph left out even after the
 * fill-in, a shape no translator expects): one contact must not block its folder's sync. Each field is
 * translated on its own and checked against its schema; one that throws, lacks its Graph property or
 * does not fit carries its empty value (an optional text is left out) and is named in `unavailable`.
 * Never throws, given a contact with an `id` (every delta entry has one).
 */
export function toDeviceDegradedContact(graph: GraphContact): Contact {
  const unavailable: ContactFieldName[] = [];
  const device: Record<string, unknown> = {};
  for (const [field, reads, translate, empty] of deviceFields) {
    const sent = reads.every((name) => (graph as Record<string, unknown>)[name] !== undefined);
    const part = sent ? attempt(() => translate(graph)) : undefined;
    const fits = part !== undefined && Object.entries(part).every(([key, value]) => contactSchema.shape[key as keyof Contact].safeParse(value).success);
    if (fits) Object.assign(device, part);
    else if (field === 'id') device.id = graph.id;
    else {
      Object.assign(device, empty);
      unavailable.push(field);
    }
  }
  return { ...(device as Contact), unavailable };
}

function addressOf(type: (typeof contactAddressTypes)[number], address: PhysicalAddress | null | undefined): Contact['addresses'] {
  if (!address) return [];
  const fields = {
    ...optional('street', address.street),
    ...optional('city', address.city),
    ...optional('state', address.state),
    ...optional('postalCode', address.postalCode),
    ...optional('country', address.countryOrRegion),
  };
  return Object.keys(fields).length === 0 ? [] : [{ type, ...fields }];
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A text Graph may send empty or null; anything else is a shape no translator expects (TypeError). */
function textOrNothing(value: unknown): string | undefined {
  if (value !== null && value !== undefined && typeof value !== 'string') throw new TypeError(`toDeviceContact: a ${typeof value} where Graph sends a text.`);
  return nonEmpty(value) ? value : undefined;
}

function texts(values: ReadonlyArray<unknown>): string[] {
  return values.map(textOrNothing).filter((value): value is string => value !== undefined);
}

function optional<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  const text = textOrNothing(value);
  return text === undefined ? {} : ({ [key]: text } as Record<K, string>);
}

function attempt<T>(translate: () => T): T | undefined {
  try {
    return translate();
  } catch {
    return undefined;
  }
}
