import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MailFolder } from '@microsoft/microsoft-graph-types';
import { folderSchema } from '../../shared/protocol/schemas/folders';
import { folderSelectFields } from '../../shared/translate/folderSelectFields';
import { missingGraphFields } from '../../shared/translate/missingGraphFields';
import { toDeviceFolder } from '../../shared/translate/toDeviceFolder';

/** Microsoft's documented payloads; CI clones the repo with `shared/` beside it. */
const samples = path.join(__dirname, '../fixtures/graph-samples');
const folderDelta = JSON.parse(readFileSync(path.join(samples, 'mailfolder-delta.json'), 'utf8')) as { value: MailFolder[] };
const [documented] = folderDelta.value as [MailFolder];

describe('mailfolder-delta.json (placeholder values; the doc sample omits id)', () => {
  it('is refused as it stands: without an id there is nothing to sync', () => {
    expect(missingGraphFields(documented, folderSelectFields)).toEqual(['id']);
    expect(() => toDeviceFolder(documented, { root: 'parentFolderId-value' })).toThrow(TypeError);
  });

  it('becomes a valid top-level folder with the id real responses carry', () => {
    const folder = toDeviceFolder({ ...documented, id: 'AAMkADNkNAAAgEMAAAA' }, { root: 'parentFolderId-value' });
    expect(folderSchema.parse(folder)).toEqual(folder);
    expect(folder).toEqual({ id: 'AAMkADNkNAAAgEMAAAA', parentId: null, name: 'displayName-value', kind: 'other', unread: 99, total: 99 });
  });

  it('keeps the parent when it is not the root, and takes the kind from the well-known ids', () => {
    const folder = toDeviceFolder({ ...documented, id: 'AAMkInbox' }, { root: 'AAMkRoot', inbox: 'AAMkInbox' });
    expect(folderSchema.parse(folder)).toEqual(folder);
    expect(folder).toMatchObject({ parentId: 'parentFolderId-value', kind: 'inbox' });
  });
});
