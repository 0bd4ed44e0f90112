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

/** Outlook keeps at most 3 email addresses per contact (UNVERIFIED for Graph, which takes a list). */
export const maxContactEmails = 3;
/** Phone slots per kind: one mobile, and Outlook's two home and two business (UNVERIFIED for Graph's lists). */
export const maxContactPhones = { mobile: 1, home: 2, business: 2 } as const;

const inputText = z.string().max(255);
const clearable = (description: string) => inputText.optional().meta({ description: `${description} On update, "" clears it.` });

/** What a device may write on a contact: the Contact's fields but the ones Graph makes (id, changeKey). */
const contactInputFields = {
  displayName: z.string().min(1).max(255),
  givenName: clearable('Given name.'),
  middleName: clearable('Middle name.'),
  surname: clearable('Surname.'),
  nickName: clearable('Nickname.'),
  company: clearable("Graph's `companyName`."),
  department: clearable('Department.'),
  jobTitle: clearable('Job title.'),
  emails: z
    .array(z.strictObject({ name: inputText.optional(), address: z.string().min(1).max(320) }))
    .max(maxContactEmails)
    .meta({ description: 'At most 3 (Outlook\'s limit); replaces the whole list.' }),
  phones: z
    .array(z.strictObject({ type: z.enum(contactPhoneTypes), number: z.string().min(1).max(64) }))
    .max(maxContactPhones.mobile + maxContactPhones.home + maxContactPhones.business)
    .meta({ description: 'One `mobile`, at most two `home` and two `business` (Graph v1.0 has no other kind); replaces every phone.' }),
  addresses: z
    .array(
      z.strictObject({
        type: z.enum(contactAddressTypes),
        street: inputText.optional(),
        city: inputText.optional(),
        state: inputText.optional(),
        postalCode: inputText.optional(),
        country: inputText.optional(),
      }),
    )
    .max(contactAddressTypes.length)
    .meta({ description: 'At most one per type; replaces every address (a type left out is cleared).' }),
  birthday: z.union([z.iso.date(), z.literal('')]).optional().meta({ description: 'YYYY-MM-DD (stored as that day\'s UTC midnight); on update, "" clears it.' }),
  notes: z.string().max(64 * 1024).optional().meta({ description: "Graph's `personalNotes`. On update, \"\" clears it." }),
  categories: z.array(z.string().min(1).max(255)).max(50).optional().meta({ description: 'Replaces the whole list.' }),
};

export const contactInputSchema = z
  .strictObject({ ...contactInputFields, emails: contactInputFields.emails.optional(), phones: contactInputFields.phones.optional(), addresses: contactInputFields.addresses.optional() })
  .meta({ id: 'ContactInput', description: 'A new contact. Lists left out are empty.' });
export type ContactInput = z.infer<typeof contactInputSchema>;

const contactChanges = z
  .strictObject({
    displayName: contactInputFields.displayName.optional(),
    givenName: contactInputFields.givenName,
    middleName: contactInputFields.middleName,
    surname: contactInputFields.surname,
    nickName: contactInputFields.nickName,
    company: contactInputFields.company,
    department: contactInputFields.department,
    jobTitle: contactInputFields.jobTitle,
    emails: contactInputFields.emails.optional(),
    phones: contactInputFields.phones.optional(),
    addresses: contactInputFields.addresses.optional(),
    birthday: contactInputFields.birthday,
    notes: contactInputFields.notes,
    categories: contactInputFields.categories,
  });
export type ContactChanges = z.infer<typeof contactChanges>;

/** A contact as create and update answer it: the Contact and the folder it is in. */
export const contactWithFolderSchema = contactSchema
  .extend({ folderId: graphFolderId.meta({ description: 'The folder the contact is in.' }) })
  .meta({ id: 'ContactWithFolder' });

export const clientContactIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

export const contactsCreateRequest = z
  .strictObject({
    clientContactId: z
      .string()
      .regex(clientContactIdPattern, 'must be 1 to 64 of A-Z a-z 0-9 . _ -')
      .meta({ description: "The device's own id for this contact, unique per user: a repeat with the same id and request answers the contact made before; the same id with another request is 409 `idempotency_key_reused`." }),
    folderId: graphFolderId.optional().meta({ description: 'A folder of `contacts/folders`; without it the default folder.' }),
    contact: contactInputSchema,
  })
  .meta({ id: 'ContactsCreateRequest' });
export type ContactsCreateRequest = z.infer<typeof contactsCreateRequest>;
export const contactsCreateResponse = z.object({ contact: contactWithFolderSchema }).meta({ id: 'ContactsCreateResponse' });

const hasField = (set: Record<string, unknown>) => Object.values(set).some((value) => value !== undefined);

export const contactsUpdateRequest = z
  .strictObject({
    id: graphId,
    folderId: graphFolderId.meta({ description: 'The folder the device holds the contact in (its `contacts/sync` folder).' }),
    base: contactChanges.meta({ description: "The values the device last saw of exactly `set`'s fields (from its sync). A field that differs now is 409 `conflict`." }),
    set: contactChanges.refine(hasField, 'must set at least one field').meta({ minProperties: 1, description: 'The new values; `emails`, `phones`, `addresses` replace the whole list, fields left out are untouched.' }),
  })
  .meta({ id: 'ContactsUpdateRequest' });
export type ContactsUpdateRequest = z.infer<typeof contactsUpdateRequest>;
export const contactsUpdateResponse = z.object({ contact: contactWithFolderSchema }).meta({ id: 'ContactsUpdateResponse' });

export const contactsDeleteRequest = z.strictObject({ id: graphId, folderId: graphFolderId }).meta({ id: 'ContactsDeleteRequest' });
export const contactsDeleteResponse = z.object({}).meta({ id: 'ContactsDeleteResponse' });

/** Photos asked for in one contacts/photos call (one Graph `$batch`). */
export const maxPhotoIds = 20;
/** Largest photo contacts/photo/set takes, decoded (Graph takes requests under 4 MB). */
export const maxContactPhotoBytes = 1024 * 1024;
/** Largest contacts/photo/set request: 1 MiB base64 (1,398,104 characters) and the rest of the JSON. */
export const maxPhotoSetRequestBytes = 1_500_000;
export const contactPhotoTypes = ['image/jpeg', 'image/png'] as const;

export const contactsPhotosRequest = z
  .strictObject({ folderId: graphFolderId, ids: z.array(graphId).min(1).max(maxPhotoIds) })
  .meta({ id: 'ContactsPhotosRequest' });
export const contactsPhotosResponse = z
  .object({
    photos: z.array(
      z.object({
        id: graphId,
        status: z.enum(['ok', 'none', 'not_found']).meta({ description: '`ok`: the photo is in `data`. `none`: the contact has no photo. `not_found`: no such contact in this folder.' }),
        contentType: z.string().optional().meta({ description: "The photo's media type as Graph gives it (with `ok`)." }),
        data: z.string().optional().meta({ description: "The photo's bytes, base64 (with `ok`)." }),
      }),
    ),
  })
  .meta({ id: 'ContactsPhotosResponse' });
export type ContactsPhotosResponse = z.infer<typeof contactsPhotosResponse>;

export const contactsPhotoSetRequest = z
  .strictObject({
    id: graphId,
    folderId: graphFolderId,
    contentType: z.enum(contactPhotoTypes),
    data: z
      .string()
      .min(4)
      .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'must be base64')
      .meta({ description: 'The image, base64 (padded); at most 1 MiB decoded (413 `payload_too_large` past it).' }),
  })
  .meta({ id: 'ContactsPhotoSetRequest' });
export const contactsPhotoSetResponse = z.object({}).meta({ id: 'ContactsPhotoSetResponse' });
