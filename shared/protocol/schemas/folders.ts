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

/**
 * A folder's display name as a device may set it: 1 to 255 characters (UTF-16 code units), no control
 * characters. UNVERIFIED: Exchange's own length limit; 255 is the usual one for display names.
 */
export const folderName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
  .meta({ description: '1 to 255 characters, no control characters. Unique among its siblings, case-insensitively.' });

const folderAnswer = { folder: folderSchema };

export const foldersCreateRequest = z
  .strictObject({
    parentId: graphFolderId.optional().meta({ description: 'The new folder\'s parent. Absent: the top of the hierarchy.' }),
    name: folderName,
  })
  .meta({ id: 'FoldersCreateRequest' });
export const foldersCreateResponse = z
  .object({
    ...folderAnswer,
    existed: z.boolean().default(false).meta({
      description: 'true: the parent already had a folder of that name (perhaps created by an earlier try of this request); `folder` is that one.',
    }),
  })
  .meta({ id: 'FoldersCreateResponse' });

export const foldersRenameRequest = z.strictObject({ id: graphFolderId, name: folderName }).meta({ id: 'FoldersRenameRequest' });
export const foldersMoveRequest = z
  .strictObject({
    id: graphFolderId,
    parentId: graphFolderId.optional().meta({ description: 'The new parent. Absent: the top of the hierarchy.' }),
  })
  .meta({ id: 'FoldersMoveRequest' });
export const folderActionResponse = z.object(folderAnswer).meta({ id: 'FolderActionResponse' });

export const foldersDeleteRequest = z.strictObject({ id: graphFolderId }).meta({ id: 'FoldersDeleteRequest' });
export const emptyResponse = z.object({}).meta({ id: 'EmptyResponse' });

export const foldersMarkReadRequest = z
  .strictObject({
    folderId: graphFolderId,
    receivedBefore: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'Only mail received before then. Absent: now. Send back the answer\'s `receivedBefore` when `more` is true.' }),
  })
  .meta({ id: 'FoldersMarkReadRequest' });
export const foldersMarkReadResponse = z
  .object({
    updated: z.number().int().min(0).meta({ description: 'Messages this call marked read.' }),
    more: z.boolean().meta({ description: 'true: unread mail before `receivedBefore` may be left; call again with it.' }),
    receivedBefore: z.string().meta({ description: 'The cut-off this call used (ISO 8601, UTC).' }),
  })
  .meta({ id: 'FoldersMarkReadResponse' });

export const foldersEmptyRequest = z.strictObject({ folderId: graphFolderId }).meta({ id: 'FoldersEmptyRequest' });
export const foldersEmptyResponse = z
  .object({
    deleted: z.number().int().min(0).meta({ description: 'Messages and subfolders (each counted once, with what it held) this call deleted.' }),
    more: z.boolean().meta({ description: 'true: the folder may still hold something; call again.' }),
  })
  .meta({ id: 'FoldersEmptyResponse' });
