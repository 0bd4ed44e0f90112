import { z } from 'zod';
import { graphFolderId, syncAnswerFields, syncStateToken } from './common';

export const contactFolderSchema = z
  .object({
    id: graphFolderId,
    parentId: graphFolderId.nullable().meta({ description: 'null for the default folder; its subfolders name it, deeper ones their parent.' }),
    name: z.string(),
    isDefault: z.boolean().meta({ description: 'true for the default Contacts folder (where a contact goes without a folder).' }),
  })
  .meta({ id: 'ContactFolder' });
export type ContactFolder = z.infer<typeof contactFolderSchema>;

export const contactsFoldersRequest = z.strictObject({ state: syncStateToken.optional() }).meta({ id: 'ContactsFoldersRequest' });
export const contactsFoldersResponse = z
  .object({ ...syncAnswerFields, upserts: z.array(contactFolderSchema), removed: z.array(graphFolderId) })
  .meta({ id: 'ContactsFoldersResponse' });
export type ContactsFoldersResponse = z.infer<typeof contactsFoldersResponse>;

