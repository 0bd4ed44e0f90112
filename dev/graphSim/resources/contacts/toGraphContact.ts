import { toGraphTimestamp } from '../../core/graphTypes';
import type { ContactFolderRecord, ContactRecord } from './contactStore';

/**
 * contact's v1.0 properties besides the bookkeeping ones (https://learn.microsoft.com/graph/api/resources/contact),
 * in the order of contact-get.json, with the value Graph shows when unset: null, [] for lists, {} for
 * addresses, "" for fileAs and personalNotes (as in that sample).
 */
const contactDefaults: ReadonlyArray<readonly [string, unknown]> = [
  ['categories', []], ['birthday', null], ['fileAs', ''], ['displayName', ''], ['givenName', null], ['initials', null], ['middleName', null],
  ['nickName', null], ['surname', null], ['title', null], ['yomiGivenName', null], ['yomiSurname', null], ['yomiCompanyName', null],
  ['generation', null], ['imAddresses', []], ['jobTitle', null], ['companyName', null], ['department', null], ['officeLocation', null],
  ['profession', null], ['businessHomePage', null], ['assistantName', null], ['manager', null], ['homePhones', []], ['mobilePhone', null],
  ['businessPhones', []], ['spouseName', null], ['personalNotes', ''], ['children', []], ['emailAddresses', []], ['homeAddress', {}],
  ['businessAddress', {}], ['otherAddress', {}],
];

export const contactFieldNames: readonly string[] = contactDefaults.map(([name]) => name);

export const contactProperties: readonly string[] = ['id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'parentFolderId', ...contactFieldNames];

/** A contact as Graph v1.0 renders it (contact-get.json shape, without the GET's `@odata.etag`); with `select`, id and the selected properties. */
export function toGraphContact(contact: ContactRecord, select?: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: contact.id,
    createdDateTime: toGraphTimestamp(contact.createdMs),
    lastModifiedDateTime: toGraphTimestamp(contact.modifiedMs),
    changeKey: contact.changeKey,
    parentFolderId: contact.folderId,
  };
  for (const [name, unset] of contactDefaults) all[name] = structuredClone(contact.fields[name] ?? unset);
  if (!select) return all;
  return Object.fromEntries(contactProperties.filter((n) => n === 'id' || select.includes(n)).map((n) => [n, all[n]]));
}

/** contactFolder's v1.0 properties (https://learn.microsoft.com/graph/api/resources/contactfolder). */
export const contactFolderProperties = ['id', 'displayName', 'parentFolderId'] as const;

export function toGraphContactFolder(folder: ContactFolderRecord, select?: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = { id: folder.id, displayName: folder.displayName, parentFolderId: folder.parentFolderId };
  if (!select) return all;
  return Object.fromEntries(contactFolderProperties.filter((n) => n === 'id' || select.includes(n)).map((n) => [n, all[n]]));
}

/**
 * An updated contact as a partial delta item: id and the selected properties changed after `sinceSeq`
 * (the delta docs promise "at least the changed properties"; `partialUpdates`).
 */
export function toPartialGraphContact(contact: ContactRecord, sinceSeq: number, select?: string[]): Record<string, unknown> {
  const all = toGraphContact(contact);
  const changed = new Set(Object.entries(contact.fieldSeq).filter(([, seq]) => seq > sinceSeq).map(([name]) => name));
  return Object.fromEntries(contactProperties.filter((n) => n === 'id' || (changed.has(n) && (!select || select.includes(n)))).map((n) => [n, all[n]]));
}
