import type { MailboxStore } from '../mailboxStore';
import type { FolderRecord } from '../mailboxTypes';

/** mailFolder's v1.0 properties (https://learn.microsoft.com/graph/api/resources/mailfolder), in schema order. */
export const folderProperties = ['id', 'displayName', 'parentFolderId', 'childFolderCount', 'unreadItemCount', 'totalItemCount', 'isHidden'] as const;

export function toGraphFolder(store: MailboxStore, folder: FolderRecord, select?: string[]): Record<string, unknown> {
  const counts = store.counts(folder.id);
  const all: Record<string, unknown> = {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parentFolderId,
    childFolderCount: counts.childFolderCount,
    unreadItemCount: counts.unreadItemCount,
    totalItemCount: counts.totalItemCount,
    isHidden: folder.isHidden,
  };
  if (!select) return all;
  return Object.fromEntries(folderProperties.filter((n) => n === 'id' || select.includes(n)).map((n) => [n, all[n]]));
}
