import { isAllowedUploadUrl } from '../graph/uploads/uploadUrlClient';
import { attachmentUploadSessionRequest, type AttachmentFile } from '../graph/requests/attachmentRequests';
import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { mailDraftAttachmentRequest, mailDraftAttachmentResponse, maxAttachmentBytes, uploadChunkMaxBytes } from '../protocol/schemas/uploads';
import type { CommandContext } from '../runtime/commandContext';
import { requireDraft } from './drafts/requireDraft';
import { sealUploadToken, type UploadToken } from './uploads/uploadToken';

/** How long a file sent in one request may take to arrive (no session of Graph's limits it). */
const smallUploadLifetimeInMs = 60 * 60_000;

interface UploadSession {
  uploadUrl?: unknown;
  expirationDateTime?: unknown;
}

export const mailDraftAttachmentCommand: CommandDefinition<typeof mailDraftAttachmentRequest, typeof mailDraftAttachmentResponse, CommandContext> = {
  route: 'mail/draft/attachment',
  functionName: 'mailDraftAttachment',
  summary: 'Begin adding a file to a draft',
  description:
    'Begins an upload: answers the `upload` to send with the first chunk to `PUT mail/draft/upload`, and the largest chunk (`chunkMax`). Nothing is added to the draft until the last chunk. A message that is not a draft is 409 `not_allowed`; over 150 MiB is 413 `payload_too_large`; `inline` needs `contentId` (400). Safe to repeat: an unused upload expires.',
  request: mailDraftAttachmentRequest,
  response: mailDraftAttachmentResponse,
  errors: ['not_found', 'not_allowed', 'send_in_progress', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const inline = input.inline ?? false;
    if (inline && input.contentId === undefined) throw new FerryError('bad_request', { detail: '`inline` needs `contentId`.', logReason: 'inline_without_content_id' });
    if (input.size > maxAttachmentBytes) throw new FerryError('payload_too_large', { detail: `A file may have at most ${maxAttachmentBytes} bytes.`, logReason: 'attachment_too_large' });
    await requireDraft(context.graph, input.draftId);
    const start = context.clock.now();
    const file: AttachmentFile = { name: input.name, contentType: input.contentType, size: input.size, isInline: inline, ...(input.contentId === undefined ? {} : { contentId: input.contentId }) };
    const upload: UploadToken = { v: 1, draftId: input.draftId, name: file.name, contentType: file.contentType, size: file.size, inline, ...(file.contentId === undefined ? {} : { contentId: file.contentId }), offset: 0, start, expiry: start + smallUploadLifetimeInMs };
    const useSession = input.size >= context.config.FERRY_UPLOAD_SESSION_MIN;
    if (useSession) {
      const session = (await context.graph.send<UploadSession>(attachmentUploadSessionRequest(input.draftId, file))).body;
      if (typeof session?.uploadUrl !== 'string') throw new FerryError('upstream_error', { logReason: 'invalid_answer' });
      // Graph's URL, not Ferry's: only an origin of FERRY_UPLOAD_ORIGINS is ever sent a byte.
      if (!isAllowedUploadUrl(session.uploadUrl, context.config.FERRY_UPLOAD_ORIGINS)) throw new FerryError('upstream_error', { logReason: 'upload_origin_refused' });
      upload.uploadUrl = session.uploadUrl;
      const expires = typeof session.expirationDateTime === 'string' ? Date.parse(session.expirationDateTime) : Number.NaN;
      if (Number.isFinite(expires)) upload.expiry = Math.max(start, expires);
    }
    context.logger.info('mail.draft.attachment', { bytes: input.size, session: useSession, inline });
    return { upload: await sealUploadToken(context, upload), chunkMax: uploadChunkMaxBytes };
  },
};
