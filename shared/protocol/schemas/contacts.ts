import { z } from 'zod';
import { graphFolderId, graphId, syncAnswerFields, syncStateToken } from './common';

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

const text = z.string().min(1);

export const contactPhoneTypes = ['mobile', 'home', 'business'] as const;
export const contactAddressTypes = ['home', 'business', 'other'] as const;

/** The Contact's fields an `unavailable` list may name (every one but `id`). */
const contactFieldNames = [
  'displayName', 'givenName', 'middleName', 'surname', 'nickName', 'company', 'department', 'jobTitle', 'emails', 'phones', 'addresses', 'birthday', 'notes', 'categories', 'changeKey',
] as const;
export type ContactFieldName = (typeof contactFieldNames)[number];

export const contactSchema = z
  .object({
    id: graphId,
    displayName: z.string(),
    givenName: text.optional(),
    middleName: text.optional(),
    surname: text.optional(),
    nickName: text.optional(),
    company: text.optional().meta({ description: "Graph's `companyName`." }),
    department: text.optional(),
    jobTitle: text.optional(),
    emails: z.array(z.object({ name: text.optional(), address: text })).meta({ description: "Graph's `emailAddresses` (Outlook keeps at most 3)." }),
    phones: z
      .array(z.object({ type: z.enum(contactPhoneTypes), number: text }))
      .meta({ description: "Graph's one `mobilePhone`, `homePhones` and `businessPhones`, in that order: v1.0 has no other kind." }),
    addresses: z
      .array(
        z.object({
          type: z.enum(contactAddressTypes),
          street: text.optional(),
          city: text.optional(),
          state: text.optional(),
          postalCode: text.optional(),
          country: text.optional().meta({ description: "Graph's `countryOrRegion`, free text." }),
        }),
      )
      .meta({ description: "Graph's `homeAddress`, `businessAddress`, `otherAddress`: at most one per type; an empty one is left out." }),
    birthday: z.iso.date().optional().meta({ description: 'YYYY-MM-DD: the date of the UTC midnight nearest to the instant Graph holds.' }),
    notes: text.optional().meta({ description: "Graph's `personalNotes`." }),
    categories: z.array(z.string()),
    changeKey: z.string().meta({ description: "Graph's change key: changes with every change of the contact." }),
    unavailable: z
      .array(z.enum(contactFieldNames))
      .default([])
      .meta({
        description:
          "Fields Ferry could not translate for this contact (Graph left one out, or sent a shape no translator expects): each carries its empty value here (an optional text is left out), not the mailbox's, so a device keeps what it had for it. Such a contact still moves the folder's sync on.",
      }),
  })
  .meta({ id: 'Contact', description: 'A contact as Graph holds it; a text Graph holds empty or not at all is left out, lists default to [].' });
export type Contact = z.infer<typeof contactSchema>;

export const contactsSyncRequest = z
  .strictObject({
    folderId: graphFolderId.meta({ description: 'A folder of `contacts/folders` (the default one included).' }),
    state: syncStateToken.optional(),
    window: z.number().int().min(1).max(200).optional().meta({ description: 'Most entries (upserts + removed) in one answer. Default 100.' }),
  })
  .meta({ id: 'ContactsSyncRequest' });
export const contactsSyncResponse = z
  .object({ ...syncAnswerFields, upserts: z.array(contactSchema), removed: z.array(graphId) })
  .meta({ id: 'ContactsSyncResponse' });
export type ContactsSyncResponse = z.infer<typeof contactsSyncResponse>;
