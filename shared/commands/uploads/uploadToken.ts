import { z } from 'zod';
import { FerryError, isFerryError } from '../../protocol/ferryError';
import type { CommandContext } from '../../runtime/commandContext';
import { openState, peekStateKeyId, sealState, type StateBinding } from '../../state/stateToken';

/**
 * The `upload` token of mail/draft/attachment and mail/draft/upload: sealed like sync state but under
 * the reserved `ferry/upload/v1` key, bound to tenant and user (associated data) and naming its draft
 * inside, so it opens only for the user who began the upload. It holds everything the next chunk
 * needs: the file, the upload session's URL (absent for a file sent in one request), the next byte,
 * when the upload began (the look-up after a lost last chunk looks at attachments since then) and when
 * it expires. Every failure, expiry included, is `410 upload_state_invalid`.
 */
export const uploadTokenSchema = z.strictObject({
  v: z.literal(1),
  draftId: z.string().min(1),
  name: z.string().min(1),
  contentType: z.string().min(1),
  size: z.number().int().positive(),
  inline: z.boolean(),
  contentId: z.string().min(1).optional(),
  /** The upload session's URL (with its authtoken); absent: the file goes to Graph in one request. */
  uploadUrl: z.string().min(1).optional(),
  /** The byte the next chunk starts at. */
  offset: z.number().int().nonnegative(),
  /** When mail/draft/attachment began the upload, epoch ms. */
  start: z.number().int().nonnegative(),
  /** When the token stops opening, epoch ms (the session's own expiry at the latest). */
  expiry: z.number().int().nonnegative(),
});
export type UploadToken = z.infer<typeof uploadTokenSchema>;

/** What the token is bound to besides its payload: this tenant and user, uploads only. */
function bindingOf(context: CommandContext): StateBinding {
  return { tid: context.caller.tid, oid: context.caller.oid, collection: 'upload' };
}

export function uploadInvalid(reason: string): FerryError {
  return new FerryError('upload_state_invalid', { logReason: reason });
}

/** Opens an upload token of this user; any failure, and one past its expiry, is 410 `upload_state_invalid`. */
export async function openUploadToken(context: CommandContext, token: string): Promise<UploadToken> {
  let upload: UploadToken;
  try {
    upload = openState(token, bindingOf(context), await context.keyRing(peekStateKeyId(token, 'upload')), uploadTokenSchema, 'upload');
  } catch (error) {
    if (isFerryError(error) && error.code === 'sync_state_invalid') throw uploadInvalid(error.logReason ?? 'invalid');
    throw error;
  }
  if (context.clock.now() >= upload.expiry) throw uploadInvalid('expired');
  return upload;
}

export async function sealUploadToken(context: CommandContext, upload: UploadToken): Promise<string> {
  return sealState(upload, bindingOf(context), await context.keyRing(), uploadTokenSchema, 'upload');
}
