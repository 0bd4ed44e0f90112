import fc from 'fast-check';
import type { Stack } from '../helpers/startStack';
import { contactSchema, type Contact, type ContactFolder } from '../../shared/protocol/schemas/contacts';
import { toDeviceContact } from '../../shared/translate/toDeviceContact';
import type { ReferenceDevice } from './referenceDevice';

/**
 * The random changes the contacts convergence suites make as another client would (Outlook, a phone),
 * through the simulator's contacts state: folders created (nested too), renamed and deleted; contacts
 * created, updated (whole or a few fields), deleted and moved between folders; delta tokens forced to
 * expire; partial delta items switched on and off. Each suite adds its own sync steps.
 */
export type ContactChange =
  | { kind: 'addFolder'; parent: number; name: number }
  | { kind: 'renameFolder'; pick: number; name: number }
  | { kind: 'deleteFolder'; pick: number }
  | { kind: 'addContact'; folder: number; fields: Record<string, unknown> }
  | { kind: 'updateContact'; pick: number; fields: Record<string, unknown> }
  | { kind: 'deleteContact'; pick: number }
  | { kind: 'moveContact'; pick: number; to: number }
  | { kind: 'expireTokens' }
  | { kind: 'partialItems'; on: boolean };

const pick = fc.nat({ max: 1000 });
const folderNames = ['Friends', 'Suppliers', 'Ünïcödé 📇', '家族', 'Old', 'Клиенты'];

/** Some of a contact's Graph properties, each with values Graph may hold (empty and null included). */
const contactFields: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    displayName: fc.constantFrom('Ada Lovelace', '李小龍', 'Zoë Ø', ''),
    givenName: fc.constantFrom('Ada', 'Bruce', null, ''),
    surname: fc.constantFrom('Lovelace', 'Lee', null),
    jobTitle: fc.constantFrom('Engineer', null),
    emailAddresses: fc.subarray([{ name: 'Ada', address: 'ada@example.test' }, { name: '', address: 'lee@example.test' }, { name: 'x', address: '' }], { maxLength: 3 }),
    mobilePhone: fc.constantFrom('+1 206 555 0199', null, ''),
    homePhones: fc.subarray(['+47 22 00 00 01', '+47 22 00 00 02']),
    businessPhones: fc.subarray(['+1 425 555 0150', '+1 425 555 0151']),
    homeAddress: fc.constantFrom({}, { street: '1 Rue de Rivoli', city: 'Paris', countryOrRegion: 'France' }),
    businessAddress: fc.constantFrom({}, { city: '東京', postalCode: '100-0001' }),
    birthday: fc.constantFrom(null, '1980-03-14T00:00:00Z', '1991-11-01T22:00:00Z'),
    personalNotes: fc.constantFrom('', 'Met in Lisbon.'),
    categories: fc.subarray(['Blue category', 'Red category']),
  },
  { requiredKeys: [] },
);

/** One arbitrary per kind of change, for `fc.oneof` beside a suite's sync steps. */
export const contactChangeArbitraries: fc.WeightedArbitrary<ContactChange>[] = [
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addFolder' as const), parent: pick, name: fc.nat({ max: folderNames.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renameFolder' as const), pick, name: fc.nat({ max: folderNames.length - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteFolder' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('addContact' as const), folder: pick, fields: contactFields.map((f) => ({ displayName: 'New contact', ...f })) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('updateContact' as const), pick, fields: contactFields }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteContact' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('moveContact' as const), pick, to: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expireTokens' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('partialItems' as const), on: fc.boolean() }) },
];

/** What a run keeps across changes: the contacts moved, to check none is lost or doubled. */
export interface ContactChangeLog {
  moved: Set<string>;
}

/** Applies one change to `upn`'s contacts; a change with nothing to act on (no folder to rename) does nothing. */
export function applyContactChange(change: ContactChange, stack: Stack, upn: string, log: ContactChangeLog): void {
  const state = stack.sim.state;
  const view = state.contacts(upn)!;
  const defaultId = String(view.defaultFolder().id);
  const folders = view.folders().map((f) => String(f.id));
  const allFolders = [defaultId, ...folders];
  const contacts = allFolders.flatMap((id) => view.contacts(id).map((c) => ({ id: String(c.id), folderId: id })));
  const chosen = <T>(list: T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);
  switch (change.kind) {
    case 'addFolder':
      state.addContactFolder(upn, folderNames[change.name]!, chosen(allFolders, change.parent));
      break;
    case 'renameFolder': {
      const id = chosen(folders, change.pick);
      if (id) state.renameContactFolder(upn, id, folderNames[change.name]!);
      break;
    }
    case 'deleteFolder': {
      const id = chosen(folders, change.pick);
      if (id) state.deleteContactFolder(upn, id);
      break;
    }
    case 'addContact':
      state.addContact(upn, change.fields, chosen(allFolders, change.folder));
      break;
    case 'updateContact': {
      const contact = chosen(contacts, change.pick);
      if (contact) state.updateContact(upn, contact.id, change.fields);
      break;
    }
    case 'deleteContact': {
      const contact = chosen(contacts, change.pick);
      if (contact) state.deleteContact(upn, contact.id);
      break;
    }
    case 'moveContact': {
      const contact = chosen(contacts, change.pick);
      const to = chosen(allFolders.filter((id) => id !== contact?.folderId), change.to);
      if (contact && to) {
        state.moveContact(upn, contact.id, to);
        log.moved.add(contact.id);
      }
      break;
    }
    case 'expireTokens':
      state.expireDeltaTokens(upn);
      break;
    case 'partialItems':
      state.setFlags({ partialUpdates: change.on });
      break;
  }
}

/** The contact folder tree as the simulator holds it, in the device's form (what contacts/folders must give). */
export function expectedContactFolders(stack: Stack, upn: string): Map<string, ContactFolder> {
  const view = stack.sim.state.contacts(upn)!;
  const root = view.defaultFolder();
  const tree = new Map<string, ContactFolder>([[String(root.id), { id: String(root.id), parentId: null, name: String(root.displayName), isDefault: true }]]);
  for (const f of view.folders()) tree.set(String(f.id), { id: String(f.id), parentId: String(f.parentFolderId), name: String(f.displayName), isDefault: false });
  return tree;
}

/** One folder's contacts as the simulator holds them, as a device holds them after parsing (defaults filled in). */
export function expectedContacts(stack: Stack, upn: string, folderId: string): Map<string, Contact> {
  return new Map(stack.sim.state.contacts(upn)!.contacts(folderId).map((c) => [String(c.id), contactSchema.parse(toDeviceContact(c))]));
}

/**
 * After a device's last full sync: its tree equals the folder tree, each folder's copy equals that
 * folder field by field, it keeps no collection of a folder that went, and every contact moved during
 * the run that still exists is in exactly one of its folders (the one it is in), none lost or doubled.
 */
export function expectContactsConverged(device: ReferenceDevice, stack: Stack, upn: string, log: ContactChangeLog): void {
  const tree = expectedContactFolders(stack, upn);
  expect(new Map(device.contactFolders.items)).toEqual(tree);
  expect([...device.contacts.keys()].filter((id) => !tree.has(id))).toEqual([]);
  for (const folderId of tree.keys()) expect([folderId, new Map(device.contacts.get(folderId)?.items ?? [])]).toEqual([folderId, expectedContacts(stack, upn, folderId)]);
  const holders = new Map<string, string[]>();
  for (const [folderId, replica] of device.contacts) for (const id of replica.items.keys()) holders.set(id, [...(holders.get(id) ?? []), folderId]);
  for (const id of log.moved) {
    const now = stack.sim.state.contacts(upn)!.contact(id);
    expect([id, holders.get(id) ?? []]).toEqual([id, now ? [String(now.parentFolderId)] : []]);
  }
}
