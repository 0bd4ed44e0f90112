import { z } from 'zod';
import { graphFolderId, syncAnswerFields, syncStateToken } from './common';

export const folderKinds = ['inbox', 'drafts', 'sent', 'deleted', 'junk', 'archive', 'outbox', 'other'] as const;

export const folderSchema = z
  .object({
    id: graphFolderId,
    parentId: graphFolderId.nullable().meta({ description: 'null for folders at the top of the hierarchy.' }),
    name: z.string(),
    kind: z.enum(folderKinds).meta({ description: "From Graph's well-known folder names, never from the (localized) display name." }),
    unread: z.number().int().min(0),
    total: z.number().int().min(0),
  })
  .meta({ id: 'Folder' });
export type Folder = z.infer<typeof folderSchema>;

export const foldersSyncRequest = z.strictObject({ state: syncStateToken.optional() }).meta({ id: 'FoldersSyncRequest' });
export const foldersSyncResponse = z
  .object({ ...syncAnswerFields, upserts: z.array(folderSchema), removed: z.array(graphFolderId) })
  .meta({ id: 'FoldersSyncResponse' });
export type FoldersSyncResponse = z.infer<typeof foldersSyncResponse>;
