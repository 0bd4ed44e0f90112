import { z } from 'zod';
import { graphFolderId, graphId, syncAnswerFields, syncStateToken } from './common';

export const addressSchema = z.object({ name: z.string(), address: z.string() }).meta({ id: 'Address' });
export type Address = z.infer<typeof addressSchema>;

export const bodySchema = z
  .object({
    type: z.enum(['text', 'html']),
    content: z.string(),
    truncated: z.boolean().meta({ description: 'true when `content` was cut to `maxChars` (no marker is added).' }),
  })
  .meta({ id: 'Body' });
export type Body = z.infer<typeof bodySchema>;

export const messageSchema = z
  .object({
    id: graphId,
    folderId: graphFolderId,
    conversationId: z.string().nullable(),
    receivedAt: z.string().nullable().meta({ description: 'ISO 8601 date-time (UTC).' }),
    from: addressSchema.nullable(),
    to: z.array(addressSchema),
    cc: z.array(addressSchema),
    subject: z.string(),
    preview: z.string(),
    read: z.boolean(),
    flag: z.enum(['none', 'flagged', 'complete']),
    importance: z.enum(['low', 'normal', 'high']),
    hasAttachments: z.boolean(),
    categories: z.array(z.string()),
    body: bodySchema.optional(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof messageSchema>;

export const attachmentInfoSchema = z
  .object({ id: graphId, name: z.string(), contentType: z.string(), size: z.number().int().min(0), inline: z.boolean() })
  .meta({ id: 'AttachmentInfo' });

export const fullMessageSchema = messageSchema
  .extend({
    bcc: z.array(addressSchema),
    replyTo: z.array(addressSchema),
    internetMessageId: z.string().nullable(),
    attachments: z.array(attachmentInfoSchema),
  })
  .meta({ id: 'FullMessage' });
export type FullMessage = z.infer<typeof fullMessageSchema>;

export const bodyPreference = z
  .strictObject({
    type: z.enum(['none', 'text', 'html']),
    maxChars: z.number().int().min(1).max(1_000_000).optional().meta({ description: 'UTF-16 code units.' }),
  })
  .meta({ id: 'BodyPreference' });
export type BodyPreference = z.infer<typeof bodyPreference>;

export const mailSyncRequest = z
  .strictObject({
    folderId: graphFolderId,
    state: syncStateToken.optional(),
    window: z.number().int().min(1).max(200).optional().meta({ description: 'Most entries (upserts + removed) in one answer. Default 50.' }),
    since: z.iso.datetime({ offset: true }).optional().meta({ description: 'First round only: mail received since then.' }),
    body: bodyPreference.optional(),
  })
  .meta({ id: 'MailSyncRequest' });
export const mailSyncResponse = z
  .object({ ...syncAnswerFields, upserts: z.array(messageSchema), removed: z.array(graphId) })
  .meta({ id: 'MailSyncResponse' });

export const mailGetRequest = z
  .strictObject({ id: graphId, body: z.strictObject({ type: z.enum(['text', 'html']) }).optional() })
  .meta({ id: 'MailGetRequest' });
export const mailGetResponse = z.object({ message: fullMessageSchema }).meta({ id: 'MailGetResponse' });
