import { z } from 'zod';
import { graphId, graphIdPattern } from './common';

/** Largest mail/draft or mail/draft/update request, body included (issue 15: "1 MiB body limit"). */
export const maxDraftRequestBytes = 1024 * 1024;

export const clientMessageIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** Plain addresses only (RFC 5321 dot-atoms): Graph refuses odd ones with a 400 Ferry could only pass on as 502. */
export const plainAddress = z
  .string()
  .min(3)
  .max(320)
  .regex(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](-*[A-Za-z0-9])*(\.[A-Za-z0-9](-*[A-Za-z0-9])*)*$/, 'must be an email address');

const recipient = z
  .strictObject({
    name: z.string().max(255).optional(),
    address: plainAddress,
  })
  .meta({ id: 'RecipientInput' });
const recipients = z.array(recipient).max(500);

const draftBody = z
  .strictObject({ type: z.enum(['text', 'html']), content: z.string() })
  .meta({ id: 'DraftBody', description: 'The whole body of the draft (a reply\'s quote included).' });

/**
 * Attachment ids to take off a draft: not tagged as ids for the isolation suite, because an id this
 * draft does not have is already off it (a repeat, or another mailbox's id): the answer is the same 200.
 */
const attachmentIds = z
  .array(z.string().regex(graphIdPattern, 'must be a Graph id: 1 to 512 characters of A-Z a-z 0-9 _ = -'))
  .min(1)
  .max(100);

const contentFields = {
  to: recipients.optional().meta({ description: 'On a reply or reply-all: replaces the recipients Graph chose.' }),
  cc: recipients.optional().meta({ description: 'On a reply or reply-all: replaces the recipients Graph chose.' }),
  bcc: recipients.optional(),
  subject: z.string().max(255).optional().meta({ description: 'Absent on a response: Graph\'s `RE: `/`FW: ` subject.' }),
  body: draftBody.optional(),
  importance: z.enum(['low', 'normal', 'high']).optional(),
};

const clientMessageId = z
  .string()
  .regex(clientMessageIdPattern, 'must be 1 to 64 of A-Z a-z 0-9 . _ -')
  .meta({ description: 'The device\'s own id for this message, unique per user: a repeat with the same id and request finds the draft made before (`existing`) or the message sent from it (`already_sent`); the same id with another request is 409 `idempotency_key_reused`.' });
const respondTo = z
  .strictObject({ id: graphId, action: z.enum(['reply', 'replyAll', 'forward']) })
  .meta({ description: 'Make the draft a reply, reply-all or forward of this message: same conversation, `RE: `/`FW: ` subject, the original quoted. Reply-all never adds the user; a forward needs `to`.' });
const comment = z.string().max(64 * 1024).meta({ description: 'Text put above the quote (HTML-escaped into an HTML body). Not with `body`, which replaces the whole body.' });

/**
 * One object (the docs' field table and the fuzzer read it); the command refuses what JSON Schema
 * does not say here (400 `bad_request`): `comment` with `body` (Graph too refuses both), `comment`
 * without `respondTo`, a forward without `to`.
 */
export const mailDraftRequest = z
  .strictObject({
    clientMessageId,
    respondTo: respondTo.optional(),
    ...contentFields,
    comment: comment.optional(),
    dropAttachmentIds: attachmentIds
      .optional()
      .meta({ description: 'Forward only: attachments of the original (its attachment ids, as mail/get lists them) to leave off the forward; found on the draft by name and size.' }),
  })
  .meta({ id: 'MailDraftRequest' });
export type MailDraftRequest = z.infer<typeof mailDraftRequest>;

export const mailDraftResponse = z
  .object({
    draftId: graphId.meta({ description: 'The draft (or, with `already_sent`, the message sent from it).' }),
    status: z
      .enum(['created', 'existing', 'already_sent'])
      .meta({ description: '`created`: made now. `existing`: made by an earlier call with this `clientMessageId`. `already_sent`: that draft was sent already; nothing was made.' }),
  })
  .meta({ id: 'MailDraftResponse' });

const hasField = (set: Record<string, unknown>) => Object.values(set).some((value) => value !== undefined);

export const mailDraftUpdateRequest = z
  .strictObject({
    draftId: graphId,
    set: z.strictObject(contentFields).refine(hasField, 'must set at least one field').meta({ minProperties: 1, description: 'Only the fields given change; a list replaces the whole list.' }),
    removeAttachmentIds: attachmentIds.optional().meta({ description: 'Attachments of the draft to remove; one it does not have (any more) is no error.' }),
  })
  .meta({ id: 'MailDraftUpdateRequest' });

export const mailDraftUpdateResponse = z.object({ draftId: graphId }).meta({ id: 'MailDraftUpdateResponse' });

export const mailDraftDeleteRequest = z.strictObject({ draftId: graphId }).meta({ id: 'MailDraftDeleteRequest' });
export const mailDraftDeleteResponse = z.object({}).meta({ id: 'MailDraftDeleteResponse' });

export const mailSendRequest = z
  .strictObject({
    draftId: graphId.meta({ description: 'The draft to send (`mail/draft`\'s `draftId`); after the send it names the sent message.' }),
    force: z
      .boolean()
      .optional()
      .meta({ description: 'Only after `409 send_stuck`, on the user\'s word: replace the stuck send mark and send. A send that did go out meanwhile may then go out twice.' }),
  })
  .meta({ id: 'MailSendRequest' });

export const mailSendResponse = z
  .object({
    status: z
      .enum(['submitted', 'already_sent'])
      .meta({ description: '`submitted`: Exchange accepted the send now. `already_sent`: it was sent before (by an earlier call, or elsewhere); nothing was sent now. Neither says it was delivered: bounces come as mail.' }),
  })
  .meta({ id: 'MailSendResponse' });
