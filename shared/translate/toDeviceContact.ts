import type { Contact as GraphContact, PhysicalAddress } from '@microsoft/microsoft-graph-types';
import { contactAddressTypes, type Contact } from '../protocol/schemas/contacts';
import { assertNoMissingFields } from './missingGraphFields';

/** The contact properties toDeviceContact maps (the sync's `$select`; `id` always comes back anyway). */
export const contactSelectFields: (keyof GraphContact)[] = [
  'id', 'displayName', 'givenName', 'middleName', 'surname', 'nickName', 'companyName', 'department', 'jobTitle', 'emailAddresses',
  'mobilePhone', 'homePhones', 'businessPhones', 'homeAddress', 'businessAddress', 'otherAddress', 'birthday', 'personalNotes', 'categories', 'changeKey',
];

const dayInMs = 86_400_000;

/**
 * A Graph contact as the device's Contact. Never a value Graph did not send: a text Graph holds empty,
 * null or absent is left out, lists default to []. Throws TypeError when a selected property is absent
 * (a partial delta item: the sync engine fills it in first).
 */
export function toDeviceContact(graph: GraphContact): Contact {
  assertNoMissingFields('toDeviceContact', graph, contactSelectFields);
  const phones: Contact['phones'] = [
    ...texts([graph.mobilePhone]).map((number) => ({ type: 'mobile' as const, number })),
    ...texts(graph.homePhones ?? []).map((number) => ({ type: 'home' as const, number })),
    ...texts(graph.businessPhones ?? []).map((number) => ({ type: 'business' as const, number })),
  ];
  const byType: Record<(typeof contactAddressTypes)[number], PhysicalAddress | null | undefined> = { home: graph.homeAddress, business: graph.businessAddress, other: graph.otherAddress };
  const birthday = birthdayOf(graph.birthday);
  return {
    id: graph.id!,
    displayName: graph.displayName ?? '',
    ...optional('givenName', graph.givenName),
    ...optional('middleName', graph.middleName),
    ...optional('surname', graph.surname),
    ...optional('nickName', graph.nickName),
    ...optional('company', graph.companyName),
    ...optional('department', graph.department),
    ...optional('jobTitle', graph.jobTitle),
    emails: (graph.emailAddresses ?? []).flatMap((e) => (nonEmpty(e.address) ? [{ ...optional('name', e.name), address: e.address }] : [])),
    phones,
    addresses: contactAddressTypes.flatMap((type) => addressOf(type, byType[type])),
    ...(birthday ? { birthday } : {}),
    ...optional('notes', graph.personalNotes),
    categories: texts(graph.categories ?? []),
    changeKey: graph.changeKey ?? '',
  };
}

/**
 * Graph holds a birthday as a DateTimeOffset; Outlook stores a local midnight (a day east of UTC reads
 * 22:00Z the day before). The date of the nearest UTC midnight is the day meant. Unparseable: left out.
 */
export function birthdayOf(value: string | null | undefined): string | undefined {
  if (!nonEmpty(value)) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(Math.round(ms / dayInMs) * dayInMs).toISOString().slice(0, 10);
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

function nonEmpty(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function texts(values: ReadonlyArray<string | null | undefined>): string[] {
  return values.filter(nonEmpty);
}

function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return nonEmpty(value) ? ({ [key]: value } as Record<K, string>) : {};
}
