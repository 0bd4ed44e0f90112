import { z } from 'zod';
import { graphFolderId, graphId, syncAnswerFields, syncStateToken } from './common';

/*
 * Answer fields with a `.default(...)` are left out of the answer when they hold that default
 * (omitDefaults, called for every 200 answer): the wire form is the schema's input, and a device that
 * parses an answer with the schema gets the complete form back. Absent means the default, never
 * "unchanged". A default goes only where the usual value is an empty list, `false` or the ordinary
 * enum value; never on ids, `read`, `subject`, `preview`, nullable fields or request fields.
 */

export const addressSchema = z.object({ name: z.string(), address: z.string() }).meta({ id: 'Address' });
export type Address = z.infer<typeof addressSchema>;

export const bodySchema = z
  .object({
    type: z.enum(['text', 'html']),
    content: z.string(),
    truncated: z.boolean().default(false).meta({ description: 'true when `content` was cut to `maxChars` (no marker is added; a cut HTML body keeps what a browser reads as a prefix of the whole, its open elements closed).' }),
  })
  .meta({ id: 'Body' });
export type Body = z.infer<typeof bodySchema>;

/**
 * A message as a folder's mail/sync sends it: without its folder, which the device named in the
 * request. Commands that list messages across folders (a later search) add `folderId` the way
 * `fullMessageSchema` does.
 */
export const messageSchema = z
  .object({
    id: graphId,
    conversationId: z.string().nullable(),
    receivedAt: z.string().nullable().meta({ description: 'ISO 8601 date-time (UTC).' }),
    from: addressSchema.nullable(),
    to: z.array(addressSchema),
    cc: z.array(addressSchema).default([]),
    subject: z.string(),
    preview: z.string().meta({
      description: "Graph's bodyPreview (the body's first 255 characters as text) on one line: each run of white space, line breaks included, is one space; no space at either end.",
    }),
    read: z.boolean(),
    flag: z.enum(['none', 'flagged', 'complete']).default('none'),
    importance: z.enum(['low', 'normal', 'high']).default('normal'),
    hasAttachments: z.boolean().default(false),
    categories: z.array(z.string()).default([]),
    body: bodySchema.optional(),
    unavailable: z
      .array(z.enum(['conversationId', 'receivedAt', 'from', 'to', 'cc', 'subject', 'preview', 'read', 'flag', 'importance', 'hasAttachments', 'categories', 'body']))
      .default([])
      .meta({
        description:
          "Fields Ferry could not translate for this message (Graph left one out, or sent a shape no translator expects): each carries its empty value here, not the mailbox's, so a device keeps what it had for it; a listed `body` is left out (the body is unavailable, not empty). Such a message still moves the folder's sync on.",
      }),
  })
  .meta({ id: 'Message', description: "A message as a folder's `mail/sync` sends it: its folder is the one the request named." });
export type Message = z.infer<typeof messageSchema>;

export const attachmentInfoSchema = z
  .object({
    id: graphId,
    name: z.string(),
    contentType: z.string(),
    size: z.number().int().min(0).meta({ description: "Graph's size of the attachment, which is not the number of bytes a download gives." }),
    inline: z.boolean().default(false),
    kind: z.enum(['file', 'item', 'reference']).default('file').meta({
      description: '`file`: its bytes; `item`: an attached message, contact or event, downloaded as `.eml`, `.vcf` or `.ics`; `reference`: a link to a file elsewhere, not downloadable (409 `not_downloadable`).',
    }),
    contentId: z.string().optional().meta({ description: 'A file\'s Content-ID, which `cid:` links in the HTML body name.' }),
  })
  .meta({ id: 'AttachmentInfo' });

/** The whole message of mail/get: the sync message plus its folder and what only mail/get fetches. */
export const fullMessageSchema = messageSchema
  .extend({
    folderId: graphFolderId,
    bcc: z.array(addressSchema).default([]),
    replyTo: z.array(addressSchema).default([]),
    internetMessageId: z.string().nullable(),
    attachments: z.array(attachmentInfoSchema).default([]),
  })
  .meta({ id: 'FullMessage', description: 'The whole message of `mail/get`, with its folder.' });
export type FullMessage = z.infer<typeof fullMessageSchema>;

export const bodyPreference = z
  .strictObject({
    type: z.enum(['none', 'text', 'html']),
    maxChars: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .meta({
        description:
          'text: UTF-16 code units of the body. html: characters of the text a reader sees (references decoded; head, script, style, title and template not counted); the markup rides along, at most 65,536 more code units in all.',
      }),
  })
  .meta({ id: 'BodyPreference' });
export type BodyPreference = z.infer<typeof bodyPreference>;

/** The well-known folders `mail/sync` takes by `kind` on a first call (Graph takes their names in paths). */
export const mailSyncKinds = ['inbox', 'drafts', 'sent', 'deleted', 'junk', 'archive'] as const;

const mailSyncCommon = {
  window: z.number().int().min(1).max(200).optional().meta({ description: 'Most entries (upserts + removed) in one answer. Default 50.' }),
  since: z.iso.datetime({ offset: true }).optional().meta({ description: 'First round only: mail received since then.' }),
  body: bodyPreference.optional(),
};

/** mail/sync of a folder by its id: every call of a round (the state binds that id). */
export const mailSyncByFolderRequest = z
  .strictObject({ folderId: graphFolderId.meta({ description: 'The folder to sync.' }), state: syncStateToken.optional(), ...mailSyncCommon })
  .meta({ id: 'MailSyncByFolderRequest', description: 'a folder by its id, every call of a round.' });

/** mail/sync of a well-known folder by name: only a call without state (later calls send the answer's `folderId`). */
export const mailSyncByKindRequest = z
  .strictObject({
    kind: z
      .enum(mailSyncKinds)
      .meta({ description: 'A well-known folder, on a call without `state`. The answer names its `folderId`; later calls send that `folderId` with the `state`.' }),
    ...mailSyncCommon,
  })
  .meta({ id: 'MailSyncByKindRequest', description: 'a well-known folder by name, on a call without `state` only.' });

/** One of the two: `folderId` (with or without `state`), or `kind` without `state`. */
export const mailSyncRequest = z.union([mailSyncByFolderRequest, mailSyncByKindRequest]).meta({ id: 'MailSyncRequest' });
export const mailSyncResponse = z
  .object({
    ...syncAnswerFields,
    folderId: graphFolderId.optional().meta({ description: 'On an answer to a call by `kind`: the id of that folder, to send with `state` from now on.' }),
    upserts: z.array(messageSchema),
    removed: z.array(graphId),
  })
  .meta({ id: 'MailSyncResponse' });

export const mailGetRequest = z
  .strictObject({ id: graphId, body: z.strictObject({ type: z.enum(['text', 'html']) }).optional() })
  .meta({ id: 'MailGetRequest' });
export const mailGetResponse = z.object({ message: fullMessageSchema }).meta({ id: 'MailGetResponse' });
