import type { MailFolder } from '@microsoft/microsoft-graph-types';

/**
 * The mailFolder properties toDeviceFolder maps (its `$select`; `id` always comes back anyway).
 * The folder sync selects `childFolderCount` and `isHidden` too, for its own logic.
 */
export const folderSelectFields: (keyof MailFolder)[] = ['id', 'displayName', 'parentFolderId', 'unreadItemCount', 'totalItemCount'];

/** What the folder sync selects: the mapped fields, `childFolderCount` (tree check) and `isHidden` (left out). */
export const folderSyncSelectFields: (keyof MailFolder)[] = [...folderSelectFields, 'childFolderCount', 'isHidden'];
