import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { folderSchema } from '../../../shared/protocol/schemas/folders';
import { folderSelectFields } from '../../../shared/translate/folderSelectFields';
import { missingGraphFields } from '../../../shared/translate/missingGraphFields';
import { toDeviceFolder } from '../../../shared/translate/toDeviceFolder';
import type { WellKnownFolderIds } from '../../../shared/translate/wellKnownFolderIds';

const wellKnown: WellKnownFolderIds = {
  root: 'AAMkRoot',
  inbox: 'AAMkInbox',
  drafts: 'AAMkDrafts',
  sent: 'AAMkSent',
  deleted: 'AAMkDeleted',
  junk: 'AAMkJunk',
  archive: 'AAMkArchive',
  outbox: 'AAMkOutbox',
};

function graphFolder(overrides: MailFolder = {}): MailFolder {
  return { id: 'AAMkOther', displayName: 'Projects', parentFolderId: 'AAMkRoot', unreadItemCount: 3, totalItemCount: 10, ...overrides };
}

describe('toDeviceFolder', () => {
  it('maps a top-level folder', () => {
    const folder = toDeviceFolder(graphFolder(), wellKnown);
    expect(folder).toEqual({ id: 'AAMkOther', parentId: null, name: 'Projects', kind: 'other', unread: 3, total: 10 });
    expect(folderSchema.parse(folder)).toEqual(folder);
  });

  it.each(['inbox', 'drafts', 'sent', 'deleted', 'junk', 'archive', 'outbox'] as const)('takes kind %s from the well-known ids', (kind) => {
    expect(toDeviceFolder(graphFolder({ id: wellKnown[kind], displayName: 'Whatever the user calls it' }), wellKnown).kind).toBe(kind);
  });

  it('never takes the kind from the display name', () => {
    expect(toDeviceFolder(graphFolder({ id: 'AAMkX', displayName: 'Inbox' }), wellKnown).kind).toBe('other');
    expect(toDeviceFolder(graphFolder({ id: 'AAMkInbox', displayName: 'Boîte de réception' }), wellKnown).kind).toBe('inbox');
  });

  it('never calls the root a kind (it is not a device folder)', () => {
    expect(toDeviceFolder(graphFolder({ id: 'AAMkRoot', parentFolderId: null }), wellKnown).kind).toBe('other');
  });

  it('keeps the parent of a nested folder and drops the root as parent', () => {
    expect(toDeviceFolder(graphFolder({ parentFolderId: 'AAMkInbox' }), wellKnown).parentId).toBe('AAMkInbox');
    expect(toDeviceFolder(graphFolder({ parentFolderId: 'AAMkRoot' }), wellKnown).parentId).toBeNull();
    expect(toDeviceFolder(graphFolder({ parentFolderId: null }), wellKnown).parentId).toBeNull();
  });

  it('maps counts and a name Graph sent as null to their empty values', () => {
    expect(toDeviceFolder(graphFolder({ displayName: null, unreadItemCount: null, totalItemCount: null }), wellKnown)).toMatchObject({
      name: '',
      unread: 0,
      total: 0,
    });
  });

  it('refuses a folder missing a mapped field instead of guessing it (TypeError naming the fields)', () => {
    const partial: MailFolder = { id: 'AAMkOther', unreadItemCount: 4 };
    expect(missingGraphFields(partial, folderSelectFields)).toEqual(['displayName', 'parentFolderId', 'totalItemCount']);
    expect(() => toDeviceFolder(partial, wellKnown)).toThrow(new TypeError('toDeviceFolder: Graph did not send displayName, parentFolderId, totalItemCount; fetch the item and merge it first.'));
  });
});
