import type { MailFolder } from '@microsoft/microsoft-graph-types';
import type { Folder } from '../protocol/schemas/folders';
import { assertNoMissingFields } from './missingGraphFields';
import { folderSelectFields } from './folderSelectFields';
import { wellKnownFolderKinds, type WellKnownFolderIds } from './wellKnownFolderIds';

/**
 * A Graph mailFolder as a device folder.
 * - `kind` comes from `wellKnown` (ids resolved by Graph well-known name), never from the display name,
 *   which is localized and user-editable; a folder not in the map is `other`.
 * - `parentId` is null when the parent is the mailbox root: pass the root's id as `wellKnown.root`
 *   (resolved from `msgfolderroot` with the others), or top-level folders point at an id the device never sees.
 * Throws TypeError when a `folderSelectFields` property is absent (never guessed; see missingGraphFields).
 */
export function toDeviceFolder(graphFolder: MailFolder, wellKnown: WellKnownFolderIds): Folder {
  assertNoMissingFields('toDeviceFolder', graphFolder, folderSelectFields);
  const id = graphFolder.id!;
  const parent = graphFolder.parentFolderId ?? null;
  return {
    id,
    parentId: parent === null || parent === wellKnown.root ? null : parent,
    name: graphFolder.displayName ?? '',
    kind: kindOf(id, wellKnown),
    unread: graphFolder.unreadItemCount ?? 0,
    total: graphFolder.totalItemCount ?? 0,
  };
}

function kindOf(id: string, wellKnown: WellKnownFolderIds): Folder['kind'] {
  const kind = wellKnownFolderKinds.find((candidate) => candidate !== 'root' && wellKnown[candidate] === id);
  return kind === undefined || kind === 'root' ? 'other' : kind;
}
