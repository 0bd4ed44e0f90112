import type { Contact as GraphContact, PhysicalAddress } from '@microsoft/microsoft-graph-types';
import { contactAddressTypes, type Contact } from '../protocol/schemas/contacts';
import { birthdayOf } from './contactBirthday';
import { assertNoMissingFields } from './missingGraphFields';

/** The contact properties toDeviceContact maps (the sync's `$select`; `id` always comes back anyway). */
export const contactSelectFields: (keyof GraphContact)[] = [
  'id', 'displayName', 'givenName', 'middleName', 'surname', 'nickName', 'companyName', 'department', 'jobTitle', 'emailAddresses',
  'mobilePhone', 'homePhones', 'businessPhones', 'homeAddress', 'businessAddress', 'otherAddress', 'birthday', 'personalNotes', 'categories', 'changeKey',
];

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
