import type { Folder } from '../protocol/schemas/folders';

/**
 * The folders Ferry resolves by Graph well-known name once per folder round and keeps in the sync
 * state: every device kind but `other`, plus `root` (`msgfolderroot`), the parent of the top-level
 * folders. (shared/graph/requests/folderRequests.ts maps each key to its Graph well-known name.)
 */
export const wellKnownFolderKinds = ['inbox', 'drafts', 'sent', 'deleted', 'junk', 'archive', 'outbox', 'root'] as const;
export type WellKnownFolderKind = (typeof wellKnownFolderKinds)[number];

/** Folder id by well-known kind. A mailbox may lack some (Archive is created on demand). */
export type WellKnownFolderIds = Partial<Record<WellKnownFolderKind, string>>;

// Every device kind except `other` must be a well-known kind, and nothing else but `root`.
type Expected = Exclude<Folder['kind'], 'other'> | 'root';
const sameKinds: [Expected, WellKnownFolderKind] extends [WellKnownFolderKind, Expected] ? true : never = true;
void sameKinds;
