import type { ContactFolder as GraphContactFolder } from '@microsoft/microsoft-graph-types';
import type { ContactFolder } from '../protocol/schemas/contacts';
import { assertNoMissingFields } from './missingGraphFields';

/** The contactFolder properties toDeviceContactFolder maps (its `$select`). */
export const contactFolderSelectFields: (keyof GraphContactFolder)[] = ['id', 'displayName', 'parentFolderId'];

/**
 * A Graph contactFolder as a device folder. The default folder (`defaultId`) has `parentId: null` and
 * `isDefault: true`; every other folder keeps Graph's parent, which for a top folder is the default one
 * (v1.0 lists the default folder's children as `/me/contactFolders`). Throws TypeError when a selected
 * property is absent (never guessed).
 */
export function toDeviceContactFolder(graphFolder: GraphContactFolder, defaultId: string | undefined): ContactFolder {
  assertNoMissingFields('toDeviceContactFolder', graphFolder, contactFolderSelectFields);
  const id = graphFolder.id!;
  const isDefault = id === defaultId;
  return { id, parentId: isDefault ? null : (graphFolder.parentFolderId ?? null), name: graphFolder.displayName ?? '', isDefault };
}
