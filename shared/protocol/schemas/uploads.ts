import { z } from 'zod';
import { graphId } from './common';
import { ferryKind } from './ferryKind';

/** Graph's largest attachment, through an upload session (attachment-createuploadsession: "up to 150 MB"). */
export const maxAttachmentBytes = 150 * 1024 * 1024;

/** The largest chunk of one `PUT mail/draft/upload`: under the host's request limit and Graph's 4 MB per PUT. */
export const uploadChunkMaxBytes = 3 * 1024 * 1024;

/** The longest `upload` token (it carries Graph's upload URL and its authtoken). */
export const maxUploadTokenLength = 16_384;

const mediaType = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

const uploadToken = z
  .string()
  .min(1)
  .meta({ description: 'Opaque upload state from the previous answer. Never parse or store anything else about it; it is long (up to 16,384 characters).', ...ferryKind('upload') });

/**
 * One object (the docs' field table and the fuzzer read it); the command refuses what JSON Schema does
 * not say here (400 `bad_request`): `inline` without `contentId`; over 150 MB is 413.
 */
export const mailDraftAttachmentRequest = z
  .strictObject({
    draftId: graphId.meta({ description: 'The draft to attach to (mail/draft\'s `draftId`).' }),
    name: z.string().min(1).max(255).meta({ description: 'The file name the recipients see.' }),
    contentType: z.string().regex(mediaType, 'must be a media type type/subtype').meta({ description: 'The file\'s media type, `type/subtype`.' }),
    size: z.number().int().min(1).meta({ description: 'The file\'s exact byte count. Over 150 MiB is 413 `payload_too_large`.' }),
    inline: z.boolean().optional().meta({ description: 'true: an inline image the HTML body shows by `cid:` (needs `contentId`).' }),
    contentId: z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional().meta({ description: 'The `cid:` name the HTML body uses; required with `inline`.' }),
  })
  .meta({ id: 'MailDraftAttachmentRequest' });
export type MailDraftAttachmentRequest = z.infer<typeof mailDraftAttachmentRequest>;

export const mailDraftAttachmentResponse = z
  .object({
    upload: uploadToken.meta({ description: 'Send it in `Ferry-Upload` with the first chunk to `PUT mail/draft/upload`.' }),
    chunkMax: z.number().int().meta({ description: 'The largest chunk one PUT may carry, in bytes (3 MiB).' }),
  })
  .meta({ id: 'MailDraftAttachmentResponse' });

/** The query of `PUT mail/draft/upload`: none; everything travels in headers and the body. */
export const mailDraftUploadQuery = z.strictObject({}).meta({ id: 'MailDraftUploadQuery' });

/** The request headers `PUT mail/draft/upload` reads. */
export const mailDraftUploadHeaders = z.object({
  'ferry-upload': uploadToken.meta({ description: 'The `upload` of the previous answer (mail/draft/attachment\'s, then each chunk\'s).' }),
  'content-range': z
    .string()
    .regex(/^bytes \d{1,12}-\d{1,12}\/\d{1,12}$/, 'must be `bytes first-last/size`')
    .meta({ description: '`bytes first-last/size`: this chunk\'s bytes (inclusive) of the whole file, in order, at most `chunkMax` of them.' }),
  'content-type': z.string().regex(/^application\/octet-stream\s*$/i, 'must be application/octet-stream').meta({ description: '`application/octet-stream`.' }),
});

export const mailDraftUploadProgress = z
  .object({
    upload: uploadToken.meta({ description: 'Send it with the next chunk.' }),
    next: z.number().int().meta({ description: 'The byte the next chunk starts at.' }),
  })
  .meta({ id: 'MailDraftUploadProgress' });

export const mailDraftUploadDone = z
  .object({ attachmentId: graphId.meta({ description: 'The attachment on the draft (mail/draft/update\'s `removeAttachmentIds` takes it).' }) })
  .meta({ id: 'MailDraftUploadDone' });
